import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { EDIT_SESSION_GAP_MS, MIGRATIONS, RoomStorage, type SectionStats } from "../../worker/rooms/room-storage.ts";
import { AS, call, json } from "../helpers/api.ts";
import { openRoomResponse, RoomClient, waitFor } from "../helpers/room-client.ts";

const SCA_DRAFTER = AS.drafterSCA;
const KABUL_1 = AS.embassyKabul;
const KABUL_2 = "demo-embassy-kabul-2";

async function resetRoom(documentId: string): Promise<void> {
  // abort() throws by design and drops the instance; the next request gets a fresh one that loads from storage.
  await runInDurableObject(documentRoom(env, documentId), (_room, state) => state.abort("test reset")).catch(() => undefined);
}

describe("GET /api/documents/:id/room (co-editing)", () => {
  it("two clients converge after concurrent edits in the same section", async () => {
    const a = await RoomClient.open(KABUL_1, "2025-afghanistan");
    const b = await RoomClient.open(KABUL_2, "2025-afghanistan");
    a.type("summary", "The Government of Afghanistan.");
    await waitFor(() => b.text("summary") === "The Government of Afghanistan.", "b sees a's paragraph");
    // Both type into the same paragraph before seeing each other's keystrokes.
    a.type("summary", " The Taliban");
    b.type("summary", " does not fully meet the minimum standards");
    a.type("summary", " reported no investigations.");
    await waitFor(() => a.text("summary") === b.text("summary") && a.text("summary").includes("investigations") && a.text("summary").includes("minimum"), "convergence");
    expect(a.text("summary").startsWith("The Government of Afghanistan.")).toBe(true);
    a.close();
    b.close();
  });

  it("an edit seen by a second client survives a reset of the room object", async () => {
    const a = await RoomClient.open(SCA_DRAFTER, "2025-bangladesh");
    const b = await RoomClient.open(SCA_DRAFTER, "2025-bangladesh");
    a.type("prosecution", "The government reported 42 investigations.");
    await waitFor(() => b.text("prosecution").includes("42 investigations"), "b sees the edit");
    await resetRoom("2025-bangladesh");
    const c = await RoomClient.open(SCA_DRAFTER, "2025-bangladesh");
    expect(c.text("prosecution")).toBe("The government reported 42 investigations.");
    [a, b, c].forEach((x) => x.close());
  });

  it("checkpoint + tail loads the same state as replaying the whole log, across a checkpoint boundary", async () => {
    const a = await RoomClient.open(SCA_DRAFTER, "2025-bhutan");
    for (let i = 0; i < 620; i++) a.type(i % 2 ? "protection" : "prevention", String.fromCharCode(97 + (i % 26)));
    const b = await RoomClient.open(SCA_DRAFTER, "2025-bhutan");
    await waitFor(() => b.text("protection").length === 310 && b.text("prevention").length === 310, "all 620 updates", 10_000);
    a.close();
    b.close();
    await runInDurableObject(documentRoom(env, "2025-bhutan"), (_room, state) => {
      const storage = new RoomStorage(state.storage.sql);
      const summary = storage.logSummary();
      expect(summary.updates).toBeGreaterThanOrEqual(620);
      expect(summary.checkpoints).toBe(1);
      const fromCheckpoint = new Y.Doc();
      const loaded = storage.loadInto(fromCheckpoint);
      expect(loaded.throughSeq).toBeGreaterThan(0);
      expect(loaded.tailUpdates).toBeLessThan(summary.updates);
      const fromLog = new Y.Doc();
      storage.loadInto(fromLog, { useCheckpoint: false });
      for (const section of ["protection", "prevention"]) {
        expect(fromCheckpoint.getXmlFragment(section).toString()).toBe(fromLog.getXmlFragment(section).toString());
      }
      expect(Y.encodeStateVector(fromCheckpoint)).toEqual(Y.encodeStateVector(fromLog));
    });
  });

  it("a read-only client's update is rejected, reported to it, and absent from the log and the document", async () => {
    const drafter = await RoomClient.open(SCA_DRAFTER, "2025-india");
    const leader = await RoomClient.open(AS.leadership, "2025-india");
    expect(leader.notices[0]).toMatchObject({ type: "welcome", canEdit: false, user: { name: "Morgan Ambassador" } });
    const before = (await runInDurableObject(documentRoom(env, "2025-india"), (_r, s) => new RoomStorage(s.storage.sql).logSummary())).updates;
    leader.type("summary", "Leadership scribble");
    await waitFor(() => leader.notices.some((n) => n.type === "refused"), "refused notice");
    expect(leader.notices.find((n) => n.type === "refused")).toMatchObject({ reason: "no-edit-right" });
    drafter.type("summary", "Drafted text.");
    await waitFor(() => leader.text("summary").includes("Drafted text."), "leader sees live edits");
    expect(drafter.text("summary")).not.toContain("scribble");
    const after = (await runInDurableObject(documentRoom(env, "2025-india"), (_r, s) => new RoomStorage(s.storage.sql).logSummary())).updates;
    expect(after).toBe(before + 1);
    const reader = await RoomClient.open(SCA_DRAFTER, "2025-india");
    expect(reader.text("summary")).toBe("Drafted text.");
    [drafter, leader, reader].forEach((c) => c.close());
  });

  it("a hold taken for an action makes every connection read-only; releasing it restores editing", async () => {
    const a = await RoomClient.open(SCA_DRAFTER, "2025-kazakhstan");
    const b = await RoomClient.open(SCA_DRAFTER, "2025-kazakhstan");
    a.type("summary", "Before the lock.");
    await waitFor(() => b.text("summary") === "Before the lock.", "b synced");
    const held = await documentRoom(env, "2025-kazakhstan").holdAndSnapshot("test-hold", "being approved", 1);
    expect(held.sections.find((x) => x.key === "summary")?.text).toBe("Before the lock.");
    await waitFor(() => [a, b].every((c) => c.notices.some((n) => n.type === "lock" && n.locked)), "lock notices");
    b.type("summary", " After.");
    await waitFor(() => b.notices.some((n) => n.type === "refused" && n.reason === "locked"), "refusal");
    const fresh = await RoomClient.open(SCA_DRAFTER, "2025-kazakhstan");
    expect(fresh.notices[0]).toMatchObject({ type: "welcome", locked: true, canEdit: false, lockReason: "being approved" });
    expect(fresh.text("summary")).toBe("Before the lock.");
    await documentRoom(env, "2025-kazakhstan").releaseHold("test-hold");
    fresh.type("summary", " Reopened.");
    await waitFor(() => a.text("summary").endsWith("Reopened."), "edits flow again");
    [a, b, fresh].forEach((c) => c.close());
  });

  it("corrects awareness that claims another user's name", async () => {
    const a = await RoomClient.open(KABUL_1, "2025-afghanistan");
    const b = await RoomClient.open(KABUL_2, "2025-afghanistan");
    a.setPresence({ user: { id: "demo-ambassador", name: "Morgan Ambassador", color: "#000" }, cursor: { section: "summary", anchor: 3 } });
    await waitFor(() => b.peers().some((p) => (p as any).cursor), "presence relayed");
    const seen = b.peers().find((p) => (p as any).cursor) as any;
    expect(seen.user).toMatchObject({ id: KABUL_1, name: "Kabul Reporting Officer" });
    expect(seen.cursor).toEqual({ section: "summary", anchor: 3 });
    a.close();
    b.close();
  });

  it("1,000 random and truncated binary messages leave the room serving and the text unchanged", async () => {
    const a = await RoomClient.open(SCA_DRAFTER, "2025-maldives");
    a.type("summary", "Stable text.");
    const b = await RoomClient.open(SCA_DRAFTER, "2025-maldives");
    await waitFor(() => b.text("summary") === "Stable text.", "b synced");
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const valid = new Uint8Array([0, 2, ...Y.encodeStateAsUpdate(a.doc).slice(0, 40)]);
    for (let i = 0; i < 1000; i++) {
      const length = 1 + Math.floor(random() * 64);
      const bytes = i % 3 === 0 ? valid.slice(0, 1 + Math.floor(random() * (valid.length - 1))) : Uint8Array.from({ length }, () => Math.floor(random() * 256));
      if (i % 5 === 0) bytes[0] = i % 10 === 0 ? 0 : 1;
      a.sendRaw(bytes);
    }
    a.sendRaw("not a binary message");
    a.type("summary", " Still working.");
    await waitFor(() => b.text("summary") === "Stable text. Still working.", "room still serving");
    expect(a.closed).toBeNull();
    const c = await RoomClient.open(SCA_DRAFTER, "2025-maldives");
    expect(c.text("summary")).toBe("Stable text. Still working.");
    [a, b, c].forEach((x) => x.close());
  });

  it("refuses a message over 1 MiB with the messageTooBig close code and applies nothing", async () => {
    const a = await RoomClient.open(SCA_DRAFTER, "2025-nepal");
    const big = new Y.Doc();
    const t = new Y.XmlText();
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [t]);
    big.getXmlFragment("summary").insert(0, [p]);
    t.insert(0, "x".repeat(1024 * 1024 + 10));
    a.sendRaw(new Uint8Array([0, 2, ...encodeVarUint8Array(Y.encodeStateAsUpdate(big))]));
    await waitFor(() => a.closed !== null, "close");
    expect(a.closed!.code).toBe(1009);
    const b = await RoomClient.open(SCA_DRAFTER, "2025-nepal");
    expect(b.text("summary")).toBe("");
    b.close();
  });

  it("refuses before any byte: 401 unauthenticated, 403 not allowed to read, 403 cross-origin, 404 unknown document", async () => {
    expect((await openRoomResponse(null, "2025-pakistan")).status).toBe(401);
    const forbidden = await openRoomResponse(AS.drafterAF, "2025-pakistan");
    expect(forbidden.status).toBe(403);
    expect(forbidden.webSocket).toBeNull();
    expect((await openRoomResponse(SCA_DRAFTER, "2025-pakistan", { Origin: "https://evil.example" })).status).toBe(403);
    expect((await openRoomResponse(SCA_DRAFTER, "2025-atlantis")).status).toBe(404);
  });

  it("snapshot() hash is stable across reloads and changes when one character changes", async () => {
    const room = () => documentRoom(env, "2025-sri-lanka");
    const a = await RoomClient.open(SCA_DRAFTER, "2025-sri-lanka");
    a.type("summary", "Sri Lanka does not fully meet the minimum standards.");
    a.type("profile", "Traffickers exploit domestic and foreign victims.");
    // The room applies a's keystrokes in order; poll the RPC until the last one is in.
    let first = await room().snapshot();
    for (let i = 0; i < 50 && !first.sections[5]!.text.endsWith("victims."); i++) first = await room().snapshot();
    expect(first.sections.map((s) => s.key)).toEqual(["summary", "recommendations", "prosecution", "protection", "prevention", "profile"]);
    expect(first.sections[0]).toMatchObject({ text: "Sri Lanka does not fully meet the minimum standards.", html: "<p>Sri Lanka does not fully meet the minimum standards.</p>" });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    a.close();

    await resetRoom("2025-sri-lanka");
    const again = await room().snapshot();
    expect(again.hash).toBe(first.hash);
    expect(again.sections).toEqual(first.sections);

    const b = await RoomClient.open(SCA_DRAFTER, "2025-sri-lanka");
    b.type("profile", "!");
    let changed = await room().snapshot();
    for (let i = 0; i < 50 && changed.hash === first.hash; i++) changed = await room().snapshot();
    expect(changed.sections[5]!.text).toBe("Traffickers exploit domestic and foreign victims.!");
    expect(changed.hash).not.toBe(first.hash);
    b.close();
  });

  it("nothing is broadcast for an update whose write failed", async () => {
    const a = await RoomClient.open(SCA_DRAFTER, "2025-tajikistan");
    const b = await RoomClient.open(SCA_DRAFTER, "2025-tajikistan");
    a.type("summary", "Saved.");
    await waitFor(() => b.text("summary") === "Saved.", "first edit");
    const received = b.updatesReceived;
    await runInDurableObject(documentRoom(env, "2025-tajikistan"), (_r, state) => {
      state.storage.sql.exec("CREATE TRIGGER fail_writes BEFORE INSERT ON updates BEGIN SELECT RAISE(ABORT, 'injected write failure'); END");
    });
    a.type("summary", " Lost?");
    await waitFor(() => a.closed !== null || b.closed !== null, "room reset after failed write");
    await new Promise((r) => setTimeout(r, 100));
    expect(b.updatesReceived).toBe(received);
    expect(b.text("summary")).toBe("Saved.");
    await runInDurableObject(documentRoom(env, "2025-tajikistan"), (_r, state) => {
      state.storage.sql.exec("DROP TRIGGER fail_writes");
    });
    const c = await RoomClient.open(SCA_DRAFTER, "2025-tajikistan");
    expect(c.text("summary")).toBe("Saved.");
    c.close();
  });

  it("GET /api/documents/:id/history shows who edited which sections, and finished sessions reach the audit trail", async () => {
    const a = await RoomClient.open(KABUL_1, "2025-afghanistan");
    a.type("protection", "Shelters remained closed.");
    const b = await RoomClient.open(KABUL_2, "2025-afghanistan");
    await waitFor(() => b.text("protection").includes("Shelters"), "b synced");
    a.close();
    b.close();
    const res = await call(AS.drafterSCA, "/api/documents/2025-afghanistan/history");
    expect(res.status).toBe(200);
    const { sessions } = await json(res);
    const mine = sessions.find((s: any) => s.userName === "Kabul Reporting Officer" && s.sections.protection);
    expect(mine.sections.protection.inserted).toBe("Shelters remained closed.".length);
    expect(mine.userId).toBe(KABUL_1);
    expect((await call(AS.drafterAF, "/api/documents/2025-afghanistan/history")).status).toBe(404);

    // Both left: their sessions end, and the room's alarm writes them to the D1 audit trail.
    const audited = async () =>
      env.DB.prepare("SELECT details FROM audit_events WHERE action = 'document.edit_session' AND document_id = '2025-afghanistan' AND actor_user_id = ?").bind(KABUL_1).all();
    for (let i = 0; i < 100 && (await audited()).results.length === 0; i++) {
      await runDurableObjectAlarm(documentRoom(env, "2025-afghanistan"));
      await new Promise((r) => setTimeout(r, 20));
    }
    const rows = (await audited()).results;
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.parse(rows.at(-1)!.details as string)).toMatchObject({ userName: "Kabul Reporting Officer" });
  });
});

function encodeVarUint8Array(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let n = bytes.length;
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  out.push(n);
  return new Uint8Array([...out, ...bytes]);
}

describe("edit sessions folded from the update log", () => {
  const NO_CHECKPOINTS = { everyUpdates: Number.POSITIVE_INFINITY, everyBytes: Number.POSITIVE_INFINITY };
  const T0 = 1_790_000_000_000;
  const entry = (userId: string, at: number, stats: SectionStats) => ({ userId, userName: `Name of ${userId}`, connectionId: "c", update: new Uint8Array([0, 0]), stats, at });

  it("costs one SQL statement per update, splits on pauses, and folds each row exactly once across instances", async () => {
    await runInDurableObject(documentRoom(env, "test-edit-session-fold"), (_room, state) => {
      const statements: string[] = [];
      const sql = new Proxy(state.storage.sql, {
        get(target, key) {
          if (key === "exec") return (query: string, ...bindings: unknown[]) => (statements.push(query), target.exec(query, ...bindings));
          return Reflect.get(target, key) as unknown;
        },
      });
      const storage = new RoomStorage(sql, NO_CHECKPOINTS);
      const doc = new Y.Doc();
      statements.length = 0;
      expect(storage.append(entry("a", T0, { s1: { inserted: 3, deleted: 0 } }), doc)).toMatchObject({ sessionStarted: true, sessionEnded: false });
      expect(storage.append(entry("a", T0 + 1000, { s1: { inserted: 2, deleted: 1 } }), doc)).toMatchObject({ sessionStarted: false, sessionEnded: false });
      expect(storage.append(entry("b", T0 + 2000, { s2: { inserted: 5, deleted: 0 } }), doc)).toMatchObject({ sessionStarted: true, sessionEnded: false });
      expect(storage.append(entry("a", T0 + 1001 + EDIT_SESSION_GAP_MS, { s1: { inserted: 1, deleted: 0 } }), doc)).toMatchObject({ sessionStarted: true, sessionEnded: true });
      expect(statements).toHaveLength(4);
      expect(statements.every((q) => q.startsWith("INSERT INTO updates"))).toBe(true);

      const expected = [
        { userId: "a", userName: "Name of a", updates: 2, sections: { s1: { inserted: 5, deleted: 1 } }, finished: true },
        { userId: "b", updates: 1, sections: { s2: { inserted: 5, deleted: 0 } }, finished: false },
        { userId: "a", updates: 1, sections: { s1: { inserted: 1, deleted: 0 } }, finished: false },
      ];
      expect(storage.sessions()).toMatchObject(expected);
      // Another instance (after eviction) folds nothing twice.
      const again = new RoomStorage(state.storage.sql, NO_CHECKPOINTS);
      expect(again.sessions()).toMatchObject(expected);
      expect(again.sessions()).toHaveLength(3);

      // The open session goes on across folds; leaving ends it and the next update starts another.
      again.append(entry("a", T0 + 2001 + EDIT_SESSION_GAP_MS, { s1: { inserted: 4, deleted: 0 } }), doc);
      expect(again.sessions()[2]).toMatchObject({ updates: 2, sections: { s1: { inserted: 5, deleted: 0 } }, finished: false });
      expect(again.finishSessions({ userId: "a" })).toBe(1);
      expect(again.append(entry("a", T0 + 3000 + EDIT_SESSION_GAP_MS, {}), doc)).toMatchObject({ sessionStarted: true, sessionEnded: false });
      expect(again.sessions().map((s) => [s.userId, s.updates, s.finished])).toEqual([["a", 2, true], ["b", 1, false], ["a", 2, true], ["a", 1, false]]);
      expect(again.unauditedSessions().map((s) => s.updates)).toEqual([2, 2]);
    });
  });

  it("a room stored by the per-update bookkeeping of before keeps its sessions and continues them from the log", async () => {
    await runInDurableObject(documentRoom(env, "test-edit-session-migration"), (_room, state) => {
      const sql = state.storage.sql;
      sql.exec("DROP TABLE updates; DROP TABLE checkpoints; DROP TABLE checkpoint_parts; DROP TABLE room_state; DROP TABLE edit_sessions; DELETE FROM room_schema;");
      sql.exec(MIGRATIONS[0]!);
      sql.exec("INSERT INTO room_schema (version) VALUES (1)");
      // What the old append wrote: the log row and the session it counted.
      sql.exec("INSERT INTO updates (at, user_id, connection_id, byte_length, stats, data) VALUES (?, 'a', 'c', 2, ?, ?)", T0, JSON.stringify({ s1: { inserted: 3, deleted: 0 } }), new Uint8Array([0, 0]));
      sql.exec(
        "INSERT INTO edit_sessions (user_id, user_name, first_seq, last_seq, started_at, last_at, updates, stats) VALUES ('a', 'Old Name', 1, 1, ?, ?, 1, ?)",
        T0,
        T0,
        JSON.stringify({ s1: { inserted: 3, deleted: 0 } }),
      );
      const storage = new RoomStorage(sql, NO_CHECKPOINTS);
      storage.append(entry("a", T0 + 1000, { s1: { inserted: 2, deleted: 0 } }), new Y.Doc());
      expect(storage.sessions()).toMatchObject([{ userId: "a", userName: "Old Name", updates: 2, sections: { s1: { inserted: 5, deleted: 0 } }, finished: false }]);
    });
  });
});

describe("room broadcast and its author", () => {
  function updateMessage(update: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    return encoding.toUint8Array(encoder);
  }

  it("a typist does not get their own keystroke back, but does get edits their update released", async () => {
    const a = await RoomClient.open(KABUL_1, "2025-afghanistan");
    const b = await RoomClient.open(KABUL_2, "2025-afghanistan");
    // A plain keystroke: everyone else receives it, its author does not.
    const beforeA = a.updatesReceived;
    a.type("prevention", "First.");
    await waitFor(() => b.text("prevention") === "First.", "b receives");
    await new Promise((r) => setTimeout(r, 50));
    expect(a.updatesReceived).toBe(beforeA);

    // Elsewhere, two edits where the second builds on the first.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(a.doc));
    const base = Y.encodeStateVector(elsewhere);
    const paragraph = elsewhere.getXmlFragment("prevention").get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(6, " Second.");
    const first = Y.encodeStateAsUpdate(elsewhere, base);
    const middle = Y.encodeStateVector(elsewhere);
    (paragraph.get(0) as Y.XmlText).insert(14, " Third.");
    const second = Y.encodeStateAsUpdate(elsewhere, middle);
    // The room gets the second before the first (it waits, pending); b then sends the first, which releases both.
    a.sendRaw(updateMessage(second));
    await new Promise((r) => setTimeout(r, 50));
    b.sendRaw(updateMessage(first));
    Y.applyUpdate(b.doc, first, b);
    await waitFor(() => b.text("prevention") === "First. Second. Third.", "b is sent the edit its update released");
    await waitFor(() => a.text("prevention") === "First. Second. Third.", "a converges");
    a.close();
    b.close();
  });
});
