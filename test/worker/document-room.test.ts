import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { ROOM_CLOSE_CODES } from "#shared/room-protocol.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { EDIT_SESSION_GAP_MS, MIGRATIONS, RoomStorage, type SectionStats } from "../../worker/rooms/room-storage.ts";
import { AS, call, json } from "../helpers/api.ts";
import { openRoomResponse, RoomClient, waitFor } from "../helpers/room-client.ts";
import { harnessRoomId, openHarnessRoom, restartRoom } from "../helpers/room-harness.ts";

const SCA_DRAFTER = AS.drafterSCA;
const KABUL_1 = AS.embassyKabul;
const KABUL_2 = "demo-embassy-kabul-2";

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
    await waitFor(
      () => a.text("summary") === b.text("summary") && a.text("summary").includes("investigations") && a.text("summary").includes("minimum"),
      "convergence",
    );
    expect(a.text("summary").startsWith("The Government of Afghanistan.")).toBe(true);
    a.close();
    b.close();
  });

  it("an edit seen by a second client survives a reset of the room object: the new instance loads it from storage", async () => {
    const a = await RoomClient.open(SCA_DRAFTER, "2025-bangladesh");
    const b = await RoomClient.open(SCA_DRAFTER, "2025-bangladesh");
    a.type("prosecution", "The government reported 42 investigations.");
    await waitFor(() => b.text("prosecution").includes("42 investigations"), "b sees the edit");
    await restartRoom("2025-bangladesh");
    // The restart dropped both connections, so no client can hand the text back to the new instance:
    // what it holds before anyone connects came from its storage.
    await waitFor(() => a.closed !== null && b.closed !== null, "both connections dropped by the restart");
    const reloaded = await documentRoom(env, "2025-bangladesh").snapshot();
    expect(reloaded.sections.find((s) => s.key === "prosecution")!.text).toBe("The government reported 42 investigations.");
    const c = await RoomClient.open(SCA_DRAFTER, "2025-bangladesh");
    expect(c.text("prosecution")).toBe("The government reported 42 investigations.");
    c.close();
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
  }, 30_000);

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
    // A room of its own, run without the app (test/helpers/room-harness.ts).
    const room = harnessRoomId("messages");
    const a = await openHarnessRoom(room);
    a.type("summary", "Stable text.");
    const b = await openHarnessRoom(room);
    await waitFor(() => b.text("summary") === "Stable text.", "b synced");
    // A well-formed update the room would take (it adds words and deletes some), cut two ways: the
    // frame cut short (its length prefix claims more bytes than follow), and a whole frame around a
    // cut update (prefix and bytes agree; the update itself ends early).
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(a.doc));
    const base = Y.encodeStateVector(elsewhere);
    elsewhere.transact(() => {
      const text = (elsewhere.getXmlFragment("summary").get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.delete(0, 7);
      text.insert(text.length, " Injected by a cut message.");
    });
    const whole = Y.encodeStateAsUpdate(elsewhere, base);
    const wellFormed = updateMessage(whole);
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const cutAt = (max: number) => 1 + Math.floor(random() * (max - 1));
    let cuts = 0;
    for (let i = 0; i < 1000; i++) {
      let bytes: Uint8Array;
      if (i % 3 === 0) bytes = wellFormed.slice(0, cutAt(wellFormed.length));
      else if (i % 3 === 1) bytes = updateMessage(whole.slice(0, cutAt(whole.length)));
      else bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      if (i % 3 !== 2) cuts++;
      else if (i % 5 === 0) bytes[0] = i % 10 === 0 ? 0 : 1;
      a.sendRaw(bytes);
    }
    expect(cuts).toBeGreaterThan(600);
    a.sendRaw("not a binary message");
    a.type("summary", " Still working.");
    await waitFor(() => b.text("summary") === "Stable text. Still working.", "room still serving");
    expect(a.closed).toBeNull();
    const c = await openHarnessRoom(room);
    expect(c.text("summary")).toBe("Stable text. Still working.");
    // The update that was cut is a real one: sent whole, the room takes it.
    c.sendRaw(wellFormed);
    await waitFor(() => b.text("summary").includes("Injected"), "the whole update applied");
    // Both words were added at the same place concurrently: Yjs orders them by client id, either way.
    expect(["text. Still working. Injected by a cut message.", "text. Injected by a cut message. Still working."]).toContain(b.text("summary"));
    [a, b, c].forEach((x) => x.close());
  }, 30_000);

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

  it("refuses before any byte: 401 unauthenticated, 404 not allowed to read, 403 cross-origin, 404 unknown document", async () => {
    expect((await openRoomResponse(null, "2025-pakistan")).status).toBe(401);
    const hidden = await openRoomResponse(AS.drafterAF, "2025-pakistan");
    expect(hidden.status).toBe(404);
    expect(hidden.webSocket).toBeNull();
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
    expect(first.sections[0]).toMatchObject({
      text: "Sri Lanka does not fully meet the minimum standards.",
      html: "<p>Sri Lanka does not fully meet the minimum standards.</p>",
    });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    a.close();

    await restartRoom("2025-sri-lanka");
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
      env.DB.prepare("SELECT details FROM audit_events WHERE action = 'document.edit_session' AND document_id = '2025-afghanistan' AND actor_user_id = ?")
        .bind(KABUL_1)
        .all();
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
  const entry = (userId: string, at: number, stats: SectionStats) => ({
    userId,
    userName: `Name of ${userId}`,
    connectionId: "c",
    update: new Uint8Array([0, 0]),
    stats,
    at,
  });

  it("costs one SQL statement per update, splits on pauses, and folds each row exactly once across instances", async () => {
    await runInDurableObject(documentRoom(env, "test-edit-session-fold"), (_room, state) => {
      const statements: string[] = [];
      const sql = new Proxy(state.storage.sql, {
        get(target, key) {
          if (key === "exec")
            return (query: string, ...bindings: unknown[]) => {
              statements.push(query);
              return target.exec(query, ...bindings);
            };
          return Reflect.get(target, key) as unknown;
        },
      });
      const storage = new RoomStorage(sql, NO_CHECKPOINTS);
      const doc = new Y.Doc();
      statements.length = 0;
      expect(storage.append(entry("a", T0, { s1: { inserted: 3, deleted: 0 } }), doc)).toMatchObject({ sessionStarted: true, sessionEnded: false });
      expect(storage.append(entry("a", T0 + 1000, { s1: { inserted: 2, deleted: 1 } }), doc)).toMatchObject({ sessionStarted: false, sessionEnded: false });
      expect(storage.append(entry("b", T0 + 2000, { s2: { inserted: 5, deleted: 0 } }), doc)).toMatchObject({ sessionStarted: true, sessionEnded: false });
      expect(storage.append(entry("a", T0 + 1001 + EDIT_SESSION_GAP_MS, { s1: { inserted: 1, deleted: 0 } }), doc)).toMatchObject({
        sessionStarted: true,
        sessionEnded: true,
      });
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
      expect(again.sessions().map((s) => [s.userId, s.updates, s.finished])).toEqual([
        ["a", 2, true],
        ["b", 1, false],
        ["a", 2, true],
        ["a", 1, false],
      ]);
      expect(again.unauditedSessions().map((s) => s.updates)).toEqual([2, 2]);
    });
  });

  it("a room stored by the per-update bookkeeping of before keeps its sessions and continues them from the log", async () => {
    await runInDurableObject(documentRoom(env, "test-edit-session-migration"), (_room, state) => {
      const sql = state.storage.sql;
      sql.exec(
        "DROP TABLE updates; DROP TABLE checkpoints; DROP TABLE checkpoint_parts; DROP TABLE room_state; DROP TABLE edit_sessions; DROP TABLE IF EXISTS client_owners; DELETE FROM room_schema;",
      );
      sql.exec(MIGRATIONS[0]!);
      sql.exec("INSERT INTO room_schema (version) VALUES (1)");
      // What the old append wrote: the log row and the session it counted.
      sql.exec(
        "INSERT INTO updates (at, user_id, connection_id, byte_length, stats, data) VALUES (?, 'a', 'c', 2, ?, ?)",
        T0,
        JSON.stringify({ s1: { inserted: 3, deleted: 0 } }),
        new Uint8Array([0, 0]),
      );
      sql.exec(
        "INSERT INTO edit_sessions (user_id, user_name, first_seq, last_seq, started_at, last_at, updates, stats) VALUES ('a', 'Old Name', 1, 1, ?, ?, 1, ?)",
        T0,
        T0,
        JSON.stringify({ s1: { inserted: 3, deleted: 0 } }),
      );
      const storage = new RoomStorage(sql, NO_CHECKPOINTS);
      storage.append(entry("a", T0 + 1000, { s1: { inserted: 2, deleted: 0 } }), new Y.Doc());
      expect(storage.sessions()).toMatchObject([
        { userId: "a", userName: "Old Name", updates: 2, sections: { s1: { inserted: 5, deleted: 0 } }, finished: false },
      ]);
    });
  });
});

describe("room broadcast and its author", () => {
  it("a typist does not get their own keystroke back", async () => {
    const a = await RoomClient.open(KABUL_1, "2025-afghanistan");
    const b = await RoomClient.open(KABUL_2, "2025-afghanistan");
    const beforeA = a.updatesReceived;
    a.type("prevention", "First.");
    await waitFor(() => b.text("prevention") === "First.", "b receives");
    await new Promise((r) => setTimeout(r, 50));
    expect(a.updatesReceived).toBe(beforeA);
    // An update built on one the room lacks is not kept pending: see room-hardening.test.ts.
    a.close();
    b.close();
  });
});

describe("room notices and acknowledgements (shared/room-protocol.ts)", () => {
  const logCount = async (documentId: string) => (await documentRoom(env, documentId).status()).log.updates;

  it("a client without notices=1 receives no text frame at all: no welcome, lock or refusal", async () => {
    const stock = await RoomClient.open(SCA_DRAFTER, "2025-kyrgyzstan", { notices: false });
    const watcher = await RoomClient.open(SCA_DRAFTER, "2025-kyrgyzstan");
    stock.type("summary", "Typed by a stock client.");
    await waitFor(() => watcher.text("summary") === "Typed by a stock client.", "watcher sees the stock client's edit");
    await documentRoom(env, "2025-kyrgyzstan").holdAndSnapshot("no-notices-hold", "being approved", 1, "Some Reviewer");
    await waitFor(() => watcher.notices.some((n) => n.type === "lock" && n.locked), "watcher told of the lock");
    stock.type("summary", " Refused silently.");
    stock.sendRaw(new Uint8Array([0, 2, 5, 1, 2])); // a malformed update message
    await documentRoom(env, "2025-kyrgyzstan").releaseHold("no-notices-hold");
    await waitFor(() => watcher.notices.some((n) => n.type === "lock" && !n.locked), "watcher told of the release");
    await new Promise((r) => setTimeout(r, 100));
    expect(stock.textFrames).toEqual([]);
    expect(stock.frames.every((f) => f === "binary")).toBe(true);
    expect(watcher.text("summary")).toBe("Typed by a stock client.");
    stock.close();
    watcher.close();
  });

  it("welcome comes before any binary frame and carries the epoch, the same on reconnect and after the room restarts", async () => {
    const a = await RoomClient.open(SCA_DRAFTER, "2025-turkmenistan");
    expect(a.frames[0]).toBe("notice:welcome");
    expect(a.frames.indexOf("binary")).toBeGreaterThan(0);
    const welcome = a.notices[0]!;
    expect(welcome).toMatchObject({ type: "welcome", canEdit: true, locked: false, lockReason: null, lockedBy: null });
    const epoch = welcome.type === "welcome" ? welcome.epoch : "";
    expect(epoch).toMatch(/^[0-9a-f-]{36}$/);
    a.close();
    const b = await RoomClient.open(SCA_DRAFTER, "2025-turkmenistan");
    expect(b.notices[0]).toMatchObject({ type: "welcome", epoch });
    b.close();
    await restartRoom("2025-turkmenistan");
    const c = await RoomClient.open(AS.leadership, "2025-turkmenistan");
    expect(c.frames[0]).toBe("notice:welcome");
    expect(c.notices[0]).toMatchObject({ type: "welcome", epoch, canEdit: false });
    expect((await documentRoom(env, "2025-turkmenistan").status()).epoch).toBe(epoch);
    c.close();
  });

  it("one saved per update message, in order, sent only once the update is in the log", async () => {
    const doc = "2025-uzbekistan";
    const a = await RoomClient.open(SCA_DRAFTER, doc);
    await waitFor(() => a.answers().length === a.updateMessagesSent, "answer to the initial SyncStep2");
    expect(a.updateMessagesSent).toBeGreaterThan(0);
    const before = await logCount(doc);
    a.type("summary", "A");
    await waitFor(() => a.answers().length === a.updateMessagesSent, "answer to the keystroke");
    // The answer is out: the row is already there.
    expect(await logCount(doc)).toBe(before + 1);
    for (let i = 0; i < 30; i++) a.type("summary", String(i % 10));
    await waitFor(() => a.answers().length === a.updateMessagesSent, "one answer per keystroke");
    await new Promise((r) => setTimeout(r, 50));
    expect(a.answers().length).toBe(a.updateMessagesSent);
    expect(a.answers().every((n) => n.type === "saved")).toBe(true);
    expect(await logCount(doc)).toBe(before + 31);

    // An update the room cannot place yet (it builds on one the room lacks) gets no answer: nothing
    // of it is stored or kept, and the connection is closed so the client resyncs.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(a.doc));
    const base = Y.encodeStateVector(elsewhere);
    const text = (elsewhere.getXmlFragment("summary").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, " first");
    const first = Y.encodeStateAsUpdate(elsewhere, base);
    const middle = Y.encodeStateVector(elsewhere);
    text.insert(text.length, " second");
    const second = Y.encodeStateAsUpdate(elsewhere, middle);
    const answered = a.answers().length;
    const logged = await logCount(doc);
    a.sendRaw(updateMessage(second));
    await waitFor(() => a.closed !== null, "resync close");
    expect(a.closed!.code).toBe(ROOM_CLOSE_CODES.resyncRequired);
    expect(a.answers().length).toBe(answered);
    expect(await logCount(doc)).toBe(logged);
    const b = await RoomClient.open(SCA_DRAFTER, doc);
    b.sendRaw(updateMessage(first));
    b.sendRaw(updateMessage(second));
    await waitFor(() => b.answers().length === b.updateMessagesSent, "both answered in order");
    expect(
      b
        .answers()
        .slice(-2)
        .map((n) => n.type),
    ).toEqual(["saved", "saved"]);
    b.close();
    await restartRoom(doc);
    const c = await RoomClient.open(SCA_DRAFTER, doc);
    expect(c.text("summary").endsWith(" first second")).toBe(true);
    c.close();
  });

  it("a reader's empty SyncStep2 is saved (nothing stored, no refusal); a reader's real edit is refused and not stored", async () => {
    const doc = "2025-kyrgyzstan";
    const before = await logCount(doc);
    const reader = await RoomClient.open(AS.leadership, doc);
    await waitFor(() => reader.answers().length === reader.updateMessagesSent && reader.updateMessagesSent > 0, "answer to the SyncStep2");
    expect(reader.answers().every((n) => n.type === "saved")).toBe(true);
    expect(await logCount(doc)).toBe(before);
    reader.type("summary", " Leadership scribble.");
    await waitFor(() => reader.answers().length === reader.updateMessagesSent, "answer to the edit");
    expect(reader.answers().at(-1)).toMatchObject({ type: "refused", reason: "no-edit-right" });
    expect(reader.answers().filter((n) => n.type === "refused")).toHaveLength(1);
    expect(await logCount(doc)).toBe(before);
    // Malformed update messages are refused as such.
    reader.sendRaw(new Uint8Array([0, 2, 5, 1, 2]));
    const writer = await RoomClient.open(SCA_DRAFTER, doc);
    writer.sendRaw(new Uint8Array([0, 2, 3, 200, 200, 200]));
    await waitFor(() => writer.answers().some((n) => n.type === "refused"), "writer's malformed update refused");
    expect(writer.answers().find((n) => n.type === "refused")).toMatchObject({ reason: "malformed" });
    expect(writer.text("summary")).not.toContain("scribble");
    reader.close();
    writer.close();
  });

  it("a lock names who caused it: the person taking the held action, then the one whose action locked the state", async () => {
    const doc = "2025-pakistan";
    const a = await RoomClient.open(SCA_DRAFTER, doc);
    await documentRoom(env, doc).holdAndSnapshot("named-hold", "Approve (Pat Reviewer)", 1, "Pat Reviewer");
    await waitFor(() => a.notices.some((n) => n.type === "lock"), "lock notice");
    expect(a.notices.find((n) => n.type === "lock")).toEqual({
      type: "lock",
      locked: true,
      reason: "Approve (Pat Reviewer)",
      lockedBy: "Pat Reviewer",
      canEdit: false,
    });
    await documentRoom(env, doc).applyWorkflow({ state: "in_clearance", version: 1000, changedBy: "Pat Reviewer" });
    await waitFor(() => a.notices.filter((n) => n.type === "lock").length === 2, "second lock notice");
    expect(a.notices.filter((n) => n.type === "lock").at(-1)).toEqual({
      type: "lock",
      locked: true,
      reason: "In clearance",
      lockedBy: "Pat Reviewer",
      canEdit: false,
    });
    // A later connection (which brings an older version from D1) is welcomed with the same.
    const b = await RoomClient.open(SCA_DRAFTER, doc);
    expect(b.notices[0]).toMatchObject({ type: "welcome", locked: true, lockReason: "In clearance", lockedBy: "Pat Reviewer", canEdit: false });
    expect(await documentRoom(env, doc).status()).toMatchObject({ locked: true, lockedBy: "Pat Reviewer" });
    a.close();
    b.close();
  });

  it("an unknown node, a hook and a javascript: link do not break snapshot(): the HTML has none of them and the hash is computed", async () => {
    const doc = "2025-afghanistan";
    const a = await RoomClient.open(KABUL_1, doc);
    const marker = "Clean paragraph after odd nodes.";
    a.doc.transact(() => {
      const fragment = a.doc.getXmlFragment("recommendations");
      const custom = new Y.XmlElement("customThing");
      const inner = new Y.XmlElement("paragraph");
      inner.insert(0, [new Y.XmlText("Words inside an unknown node.")]);
      custom.insert(0, [inner]);
      const script = new Y.XmlElement("script");
      script.insert(0, [new Y.XmlText("alert(1)")]);
      const linked = new Y.XmlElement("paragraph");
      const linkText = new Y.XmlText();
      linked.insert(0, [linkText]);
      const clean = new Y.XmlElement("paragraph");
      clean.insert(0, [new Y.XmlText(marker)]);
      fragment.insert(fragment.length, [custom, script, linked, new Y.XmlHook("hook") as unknown as Y.XmlElement, clean]);
      linkText.insert(0, "click me", { link: { href: "javascript:alert(1)" } });
      linkText.insert(linkText.length, " and ", { evilMark: {} });
      linkText.insert(linkText.length, "this", { link: { href: "https://www.state.gov/" } });
    });
    await waitFor(() => a.answers().length === a.updateMessagesSent, "edit saved");
    const snapshot = await documentRoom(env, doc).snapshot();
    const section = snapshot.sections.find((s) => s.key === "recommendations")!;
    expect(snapshot.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(section.html).not.toMatch(/script|customThing|javascript:|evilMark|hook/i);
    expect(section.html).toContain(marker);
    expect(section.html).toContain("<p>Words inside an unknown node.</p>");
    expect(section.html).toContain('<a rel="noopener noreferrer nofollow" href="https://www.state.gov/">this</a>');
    expect(section.text).toContain("click me and this");
    a.close();
  });

  it("an ordinary document hashes as before sanitising existed (the canonical JSON of y-prosemirror's output)", async () => {
    const { renderDocument } = await import("#shared/render-document.ts");
    const { canonicalJson, sha256Hex } = await import("#shared/canonical-json.ts");
    const { documentSections } = await import("#shared/document-shape.ts");
    const { yXmlFragmentToProsemirrorJSON } = await import("y-prosemirror");
    const doc = new Y.Doc();
    doc.transact(() => {
      const heading = new Y.XmlElement("heading");
      heading.setAttribute("level", 2 as unknown as string);
      heading.insert(0, [new Y.XmlText("Prosecution")]);
      const paragraph = new Y.XmlElement("paragraph");
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      const list = new Y.XmlElement("bulletList");
      const item = new Y.XmlElement("listItem");
      const itemParagraph = new Y.XmlElement("paragraph");
      itemParagraph.insert(0, [new Y.XmlText("Increase investigations.")]);
      item.insert(0, [itemParagraph]);
      list.insert(0, [item]);
      doc.getXmlFragment("prosecution").insert(0, [heading, paragraph, list, new Y.XmlElement("paragraph")]);
      text.applyDelta([
        { insert: "The government " },
        { insert: "increased", attributes: { bold: true } },
        { insert: " efforts; see " },
        {
          insert: "the report",
          attributes: { link: { href: "https://www.state.gov/tip", target: "_blank", rel: "noopener noreferrer nofollow", class: null } },
        },
        { insert: "." },
      ]);
      doc.getXmlFragment("summary").insert(0, [new Y.XmlElement("paragraph")]);
      (doc.getXmlFragment("summary").get(0) as Y.XmlElement).insert(0, [new Y.XmlText("Summary text.")]);
    });
    const sections = documentSections("country_narrative");
    const expected = await sha256Hex(
      canonicalJson({
        version: 1,
        sections: sections.map((s) => ({
          key: s.key,
          content: { type: "doc", content: (yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(s.key)) as any).content ?? [] },
        })),
      }),
    );
    const rendered = await renderDocument(doc, "country_narrative");
    expect(rendered.hash).toBe(expected);
    expect(rendered.sections.find((s) => s.key === "prosecution")!.html).toBe(
      '<h2>Prosecution</h2><p>The government <strong>increased</strong> efforts; see <a target="_blank" rel="noopener noreferrer nofollow" href="https://www.state.gov/tip">the report</a>.</p><ul><li><p>Increase investigations.</p></li></ul><p></p>',
    );
  });
});

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
