/**
 * When a room writes a full-state checkpoint (worker/rooms/room-storage.ts): after 500 updates for
 * a document of ordinary size, but for a large one not before one update per 64 bytes of its last
 * checkpoint, so re-encoding a big document does not swamp typing into it; a reloaded room keeps
 * the rule; and a checkpoint still loads to the same text as the whole log.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { DEFAULT_CHECKPOINT_POLICY, RoomStorage } from "../../worker/rooms/room-storage.ts";
import { harnessRoomId } from "../helpers/room-harness.ts";
import { firstParagraphText } from "../support/first-paragraph.ts";

/**
 * A writer whose every keystroke is one stored update, as the room stores a connection's. A new
 * document's paragraph is its first update.
 */
function typist(storage: RoomStorage, doc: Y.Doc) {
  let pending: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => pending.push(update));
  const store = () => {
    const batch = pending.map((update) => ({ userId: "u", userName: "U", connectionId: "c", update, stats: {}, at: Date.now() }));
    pending = [];
    if (batch.length) storage.appendBatch(batch, doc);
  };
  firstParagraphText(doc, "summary");
  store();
  const text = () => firstParagraphText(doc, "summary");
  return {
    type(chars: string) {
      for (const ch of chars) {
        text().insert(text().length, ch);
        store();
      }
    },
    paste(chars: string) {
      text().insert(text().length, chars);
      store();
    },
  };
}

const checkpointRow = (sql: SqlStorage) => sql.exec("SELECT through_seq, byte_length FROM checkpoints ORDER BY id DESC LIMIT 1").toArray()[0] ?? null;

describe("room checkpoint policy", () => {
  it("an ordinary narrative is checkpointed after 500 updates", async () => {
    await runInDurableObject(documentRoom(env, harnessRoomId("ckpt-small")), (_room, state) => {
      const sql = state.storage.sql;
      const writer = typist(new RoomStorage(sql), new Y.Doc());
      writer.type("a".repeat(498));
      expect(checkpointRow(sql)).toBeNull();
      writer.type("b");
      expect(checkpointRow(sql)).toMatchObject({ through_seq: 500 });
    });
  });

  it("a large document waits one update per 64 bytes of its last checkpoint, and a reloaded room keeps the rule", async () => {
    await runInDurableObject(documentRoom(env, harnessRoomId("ckpt-large")), (_room, state) => {
      const sql = state.storage.sql;
      const doc = new Y.Doc();
      const writer = typist(new RoomStorage(sql), doc);
      // 200 KB pasted, then typed until the first checkpoint (500 updates): its state is over 200 KB.
      writer.paste("x".repeat(200_000));
      writer.type("y".repeat(498));
      const first = checkpointRow(sql)!;
      expect(first.through_seq).toBe(500);
      const floor = Math.ceil((first.byte_length as number) / DEFAULT_CHECKPOINT_POLICY.stateBytesPerUpdate!);
      expect(floor).toBeGreaterThan(3000);

      // 500 more updates no longer make one; the floor does.
      writer.type("z".repeat(500));
      expect(checkpointRow(sql)!.through_seq).toBe(500);
      writer.type("z".repeat(floor - 501));
      expect(checkpointRow(sql)!.through_seq).toBe(500);

      // A new instance (as after a restart) reads the last checkpoint's size when it loads.
      const reloaded = new Y.Doc();
      const storage = new RoomStorage(sql);
      expect(storage.loadInto(reloaded).tailUpdates).toBe(floor - 1);
      typist(storage, reloaded).type("!");
      expect(checkpointRow(sql)!.through_seq).toBe(500 + floor);

      // The checkpoint and the whole log load to the same document.
      const fromCheckpoint = new Y.Doc();
      new RoomStorage(sql).loadInto(fromCheckpoint);
      const fromLog = new Y.Doc();
      new RoomStorage(sql).loadInto(fromLog, { useCheckpoint: false });
      expect(fromCheckpoint.getXmlFragment("summary").toString()).toBe(fromLog.getXmlFragment("summary").toString());
      expect(fromCheckpoint.getXmlFragment("summary").toString()).toContain("!");
    });
  });
});
