/**
 * Group commit (worker/rooms/group-commit.ts) and the room's own socket list (room-sockets.ts):
 * updates of one turn are stored together and broadcast only after; a failed write lets none of
 * its batch out; the socket list is rebuilt once after hibernation and broadcasts reach everyone.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { ROOM_CLOSE_CODES } from "#shared/room-protocol.ts";
import { DocumentRoom } from "../../worker/rooms/document-room.ts";
import { MAX_BATCH_UPDATES } from "../../worker/rooms/group-commit.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { RoomStorage } from "../../worker/rooms/room-storage.ts";
import { AS } from "../helpers/api.ts";
import { harnessRoomId } from "../helpers/room-harness.ts";
import { firstParagraphText } from "../support/first-paragraph.ts";
import { RoomClient, waitFor } from "../helpers/room-client.ts";

const SCA_DRAFTER = AS.drafterSCA;

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Three keystroke updates a new editor would send, built on what `base` holds: summary, prevention, summary. */
function threeUpdates(base: Y.Doc): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  const typeInto = (section: string, text: string) =>
    doc.transact(() => {
      const fragment = doc.getXmlFragment(section);
      let paragraph = fragment.get(0) as Y.XmlElement | undefined;
      if (!paragraph) {
        paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText()]);
        fragment.insert(0, [paragraph]);
      }
      const t = paragraph.get(0) as Y.XmlText;
      t.insert(t.length, text);
    });
  typeInto("summary", " one");
  typeInto("prevention", "two");
  typeInto("summary", " three");
  return out;
}

/** `count` keystrokes typed at the end of the summary, one update each, built on what `base` holds. */
function keystrokes(base: Y.Doc, count: number): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  for (let i = 0; i < count; i++) {
    const text = firstParagraphText(doc, "summary");
    text.insert(text.length, String(i % 10));
  }
  return out;
}

interface RoomInternals {
  commit: { batches: number; largestBatch: number };
  sockets: { rebuilds: number };
}

/** Delivers the messages to the room in one turn, as the writer's socket, the way the runtime would. */
async function sendInOneTurn(documentId: string, messages: Uint8Array[]): Promise<{ batchesBefore: number } | null> {
  return runInDurableObject(documentRoom(env, documentId), (room) => {
    const internals = room as unknown as RoomInternals;
    // The writer is the one connection that takes notices.
    const writer = [...room.getConnections<{ identity: { notices: boolean } }>()].find((c) => c.state?.identity.notices === true)!;
    const batchesBefore = internals.commit.batches;
    for (const message of messages) room.onMessage(writer, message.buffer as ArrayBuffer);
    return { batchesBefore };
  }).catch(() => null);
}

/** A writer that takes notices and a stock watcher, both synced after the writer typed `first`. */
async function writerAndWatcher(doc: string, first: string): Promise<{ a: RoomClient; b: RoomClient }> {
  const a = await RoomClient.open(SCA_DRAFTER, doc);
  const b = await RoomClient.open(SCA_DRAFTER, doc, { notices: false });
  a.type("summary", first);
  await waitFor(() => b.text("summary") === first, "first edit");
  return { a, b };
}

describe("room group commit", () => {
  it("updates arriving in one turn are stored with one write and broadcast after it, in order, each answered saved", async () => {
    const doc = "2025-kazakhstan";
    const { a, b } = await writerAndWatcher(doc, "Start.");
    const answersBefore = a.answers().length;
    const rowsBefore = (await runInDurableObject(documentRoom(env, doc), (_r, s) => new RoomStorage(s.storage.sql).logSummary())).updates;

    const sent = await sendInOneTurn(doc, threeUpdates(a.doc).map(updateMessage));
    await waitFor(() => b.text("summary") === "Start. one three" && b.text("prevention") === "two", "b receives the batch");
    await waitFor(() => a.answers().length === answersBefore + 3, "three answers");
    expect(
      a
        .answers()
        .slice(answersBefore)
        .map((n) => n.type),
    ).toEqual(["saved", "saved", "saved"]);

    const after = await runInDurableObject(documentRoom(env, doc), (room, s) => ({
      rows: new RoomStorage(s.storage.sql).logSummary().updates,
      batches: (room as unknown as RoomInternals).commit.batches,
      stats: s.storage.sql
        .exec("SELECT stats FROM updates ORDER BY seq DESC LIMIT 3")
        .toArray()
        .map((r) => Object.keys(JSON.parse(r.stats as string))[0]),
    }));
    expect(after.rows).toBe(rowsBefore + 3);
    // One write for the three (the batch), stored in arrival order.
    expect(after.batches).toBe(sent!.batchesBefore + 1);
    expect(after.stats.reverse()).toEqual(["summary", "prevention", "summary"]);
    a.close();
    b.close();
  });

  it("a turn with more updates than one batch holds flushes full batches at once: every update stored, broadcast and answered saved, in order", async () => {
    const doc = "2025-bhutan";
    const { a, b } = await writerAndWatcher(doc, "Start.");
    const answersBefore = a.answers().length;
    const count = 2 * MAX_BATCH_UPDATES + 100;
    const typed = Array.from({ length: count }, (_, i) => String(i % 10)).join("");

    const sent = await sendInOneTurn(doc, keystrokes(a.doc, count).map(updateMessage));
    await waitFor(() => b.text("summary") === `Start.${typed}`, "b receives every keystroke", 20_000);
    await waitFor(() => a.answers().length === answersBefore + count, "one answer per update", 20_000);
    expect(
      new Set(
        a
          .answers()
          .slice(answersBefore)
          .map((n) => n.type),
      ),
    ).toEqual(new Set(["saved"]));

    const after = await runInDurableObject(documentRoom(env, doc), (room, s) => ({
      batches: (room as unknown as RoomInternals).commit.batches,
      largest: (room as unknown as RoomInternals).commit.largestBatch,
      reloaded: (() => {
        const fresh = new Y.Doc();
        new RoomStorage(s.storage.sql).loadInto(fresh, { useCheckpoint: false });
        return firstParagraphText(fresh, "summary").toString();
      })(),
    }));
    // Two full batches flushed in the turn, then the rest at its end.
    expect(after.batches).toBe(sent!.batchesBefore + 3);
    expect(after.largest).toBeLessThanOrEqual(MAX_BATCH_UPDATES);
    expect(after.reloaded).toBe(`Start.${typed}`);
    a.close();
    b.close();
  });

  // Cloudflare documents 2 MB as the largest string or blob; the local runtime refuses a bound value of 16 MB (SQLITE_TOOBIG).
  it("RoomStorage.appendBatch stores a batch bigger than one SQLite statement may carry, whole and in order", async () => {
    await runInDurableObject(documentRoom(env, harnessRoomId("big-batch")), (_room, state) => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on("update", (u: Uint8Array) => updates.push(u));
      // 280 pastes of 64,000 characters: about 17.9 MB of updates in one batch.
      for (let i = 0; i < 280; i++) {
        const text = firstParagraphText(doc, "summary");
        text.insert(text.length, String(i % 10).repeat(64_000));
      }
      const storage = new RoomStorage(state.storage.sql);
      storage.appendBatch(
        updates.map((update) => ({ userId: "u", userName: "U", connectionId: "c", update, stats: {}, at: Date.now() })),
        doc,
      );
      const summary = storage.logSummary();
      expect(summary.updates).toBe(updates.length);
      expect(summary.bytes).toBe(updates.reduce((n, u) => n + u.byteLength, 0));
      expect(summary.bytes).toBeGreaterThan(16 * 1024 * 1024);
      const reloaded = new Y.Doc();
      new RoomStorage(state.storage.sql).loadInto(reloaded, { useCheckpoint: false });
      expect(firstParagraphText(reloaded, "summary").toString()).toBe(firstParagraphText(doc, "summary").toString());
    });
  });

  it("an update whose INSERT fails is never broadcast, and none of the updates batched with it is either", async () => {
    const doc = "2025-turkmenistan";
    const a = await RoomClient.open(SCA_DRAFTER, doc);
    const b = await RoomClient.open(SCA_DRAFTER, doc, { notices: false });
    a.type("summary", "Saved.");
    await waitFor(() => b.text("summary") === "Saved.", "first edit");
    const received = b.updatesReceived;
    const answersBefore = a.answers().length;
    const rowsBefore = (await runInDurableObject(documentRoom(env, doc), (_r, s) => new RoomStorage(s.storage.sql).logSummary())).updates;
    // Only the middle update's row fails: the whole batch's statement aborts with it.
    await runInDurableObject(documentRoom(env, doc), (_r, state) => {
      state.storage.sql.exec(
        "CREATE TRIGGER fail_prevention BEFORE INSERT ON updates WHEN NEW.stats LIKE '%prevention%' BEGIN SELECT RAISE(ABORT, 'injected write failure'); END",
      );
    });

    await sendInOneTurn(doc, threeUpdates(a.doc).map(updateMessage));
    await waitFor(() => a.closed !== null && b.closed !== null, "room reset after the failed write");
    // Closed as a storage failure, or dropped outright as the reset object lets its sockets go.
    expect([ROOM_CLOSE_CODES.storageFailure, 1006]).toContain(b.closed!.code);
    await new Promise((r) => setTimeout(r, 100));
    expect(b.updatesReceived).toBe(received);
    expect(b.text("summary")).toBe("Saved.");
    expect(b.text("prevention")).toBe("");
    // Not one of the three was answered saved.
    expect(
      a
        .answers()
        .slice(answersBefore)
        .filter((n) => n.type === "saved"),
    ).toEqual([]);

    await runInDurableObject(documentRoom(env, doc), (_r, state) => {
      state.storage.sql.exec("DROP TRIGGER fail_prevention");
      expect(new RoomStorage(state.storage.sql).logSummary().updates).toBe(rowsBefore);
    });
    const c = await RoomClient.open(SCA_DRAFTER, doc);
    expect(c.text("summary")).toBe("Saved.");
    expect(c.text("prevention")).toBe("");
    c.close();
  });
});

describe("room socket list", () => {
  it("survives hibernation: a new instance over the same sockets rebuilds the list once and broadcasts to everyone", async () => {
    const doc = "2025-pakistan";
    const a = await RoomClient.open(SCA_DRAFTER, doc);
    const b = await RoomClient.open(SCA_DRAFTER, doc);
    const c = await RoomClient.open(SCA_DRAFTER, doc, { notices: false });
    a.type("summary", "Before.");
    await waitFor(() => b.text("summary") === "Before." && c.text("summary") === "Before.", "first edit");
    const [first, second] = threeUpdates(a.doc);

    // Hibernation: the runtime keeps the sockets and drops the object; the next event reaches a new
    // instance, which knows nothing in memory. Built here over the same state, it gets the writer's
    // messages as the runtime's webSocketMessage would deliver them.
    const rebuilds = await runInDurableObject(documentRoom(env, doc), async (_old, state) => {
      const woken = new DocumentRoom(state, env);
      // The writer is the stock client (the only socket without notices).
      const attachment = (ws: WebSocket) => WebSocket.prototype.deserializeAttachment.call(ws) as { __user?: { identity?: { notices?: boolean } } };
      const writer = state.getWebSockets().find((ws) => attachment(ws).__user?.identity?.notices === false)!;
      await woken.webSocketMessage(writer, updateMessage(first!).buffer as ArrayBuffer);
      await woken.webSocketMessage(writer, updateMessage(second!).buffer as ArrayBuffer);
      await state.storage.sync();
      return (woken as unknown as RoomInternals).sockets.rebuilds;
    });
    // Two broadcasts, one reading of the sockets' attachments.
    expect(rebuilds).toBe(1);
    // Every other socket the runtime kept got both.
    await waitFor(() => [a, b].every((x) => x.text("summary") === "Before. one" && x.text("prevention") === "two"), "broadcast after hibernation");
    [a, b, c].forEach((x) => x.close());
    await runInDurableObject(documentRoom(env, doc), (_r, state) => state.abort("test reset")).catch(() => undefined);
  });
});
