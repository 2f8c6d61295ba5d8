/**
 * Bench-only (bound only by bench/wrangler.bench.toml): where our room's per-update time goes,
 * measured inside workerd. Each phase runs in a fresh Durable Object on `n` single-keystroke
 * updates (as the bench clients type them) and reports microseconds per update.
 *
 * Workers freeze the clock while JavaScript runs (it moves only on I/O), so each phase is timed as a
 * whole: a timer tick before and after the loop lets the clock catch up. Phases that end each update
 * with `await ctx.storage.sync()` measure the commit the output gate waits for before a message
 * sent in that turn leaves the room.
 */
import { DurableObject } from "cloudflare:workers";
import * as Y from "yjs";
import { countTransactionCharacters } from "../worker/rooms/character-counts.ts";
import { RoomSockets } from "../worker/rooms/room-sockets.ts";
import { RoomStorage, type SectionStats } from "../worker/rooms/room-storage.ts";
import { checkUpdate } from "../worker/rooms/update-guard.ts";
import { PACE_MS, PACED_UPDATES, type PhaseResult, type ProfilePhase } from "./lib/profile-phases.ts";

export { PROFILE_PHASES, type ProfilePhase } from "./lib/profile-phases.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** `n` single-character updates typed into one paragraph of the "summary" section, with their stats. */
function typedUpdates(n: number): { update: Uint8Array; stats: SectionStats }[] {
  const doc = new Y.Doc();
  const out: { update: Uint8Array; stats: SectionStats }[] = [];
  doc.on("update", (update: Uint8Array) => out.push({ update, stats: { summary: { inserted: 1, deleted: 0 } } }));
  const fragment = doc.getXmlFragment("summary");
  doc.transact(() => {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText()]);
    fragment.insert(0, [paragraph]);
  });
  const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  for (let i = 0; i < n; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  return out;
}

// Sizes as in the rooms: ours keeps the verified identity plus awareness ids; the stock room only awareness ids.
const OUR_ATTACHMENT = (i: number) => ({
  __pk: { id: `conn-${i}-abcdefghijklmnop`, tags: [`conn-${i}-abcdefghijklmnop`], uri: "http://localhost/api/documents/2025-angola/room" },
  __user: {
    identity: { id: `demo-user-${i}`, name: "Luanda Reporting Officer", email: `officer${i}@tip.example.gov`, color: "#1f77b4", canEdit: true },
    awarenessIds: [1234567890 + i],
  },
});
const STOCK_ATTACHMENT = (i: number) => ({
  __pk: { id: `conn-${i}-abcdefghijklmnop`, tags: [`conn-${i}-abcdefghijklmnop`], uri: "http://localhost/bench/stock/bench-room" },
  __user: { __y_awareness_ids: [1234567890 + i] },
});

export class StorageProfile extends DurableObject {
  async run(phase: ProfilePhase, n: number): Promise<PhaseResult> {
    const updates = typedUpdates(n);
    const sql = this.ctx.storage.sql;
    const entry = (i: number) => ({
      userId: "bench",
      userName: "Bench",
      connectionId: "conn-1",
      update: updates[i]!.update,
      stats: updates[i]!.stats,
      at: Date.now(),
    });
    let body: () => void | Promise<void>;
    switch (phase) {
      case "apply": {
        const doc = new Y.Doc();
        body = () => updates.forEach(({ update }) => Y.applyUpdate(doc, update, "remote"));
        break;
      }
      case "applyWithStats": {
        const doc = new Y.Doc();
        let pending: SectionStats = {};
        const sectionByRoot = new Map<unknown, string>([[doc.getXmlFragment("summary"), "summary"]]);
        doc.on("beforeObserverCalls", (transaction: Y.Transaction) => countTransactionCharacters(pending, transaction, sectionByRoot));
        doc.on("update", () => {
          JSON.stringify(pending);
          pending = {};
        });
        body = () => updates.forEach(({ update }) => Y.applyUpdate(doc, update, "remote"));
        break;
      }
      case "checkThenApply": {
        // Every update is decoded whole and checked (update-guard.ts) before it is applied.
        const doc = new Y.Doc();
        const roots = new Set(["summary"]);
        body = () =>
          updates.forEach(({ update }) => {
            if (!checkUpdate(doc, update, roots).ok) throw new Error("the profile's own update was refused");
            Y.applyUpdate(doc, update, "remote");
          });
        break;
      }
      case "messageAttachmentCheck": {
        // partyserver's webSocketMessage reads the socket's attachment on every message to see it is one of its own.
        const pair = new WebSocketPair();
        this.ctx.acceptWebSocket(pair[1]);
        pair[1].serializeAttachment(OUR_ATTACHMENT(0));
        body = () => updates.forEach(() => WebSocket.prototype.deserializeAttachment.call(pair[1]));
        break;
      }
      case "lockCheck": {
        const storage = new RoomStorage(sql);
        body = () => updates.forEach(() => storage.getState("locked"));
        break;
      }
      case "logInsert": {
        new RoomStorage(sql);
        body = () => updates.forEach((_, i) => insertLogRow(sql, entry(i)));
        break;
      }
      case "appendNoCheckpoint":
      case "append": {
        const storage =
          phase === "append" ? new RoomStorage(sql) : new RoomStorage(sql, { everyUpdates: Number.POSITIVE_INFINITY, everyBytes: Number.POSITIVE_INFINITY });
        const doc = new Y.Doc();
        body = () =>
          updates.forEach(({ update }, i) => {
            Y.applyUpdate(doc, update, "remote");
            storage.append(entry(i), doc);
          });
        break;
      }
      case "syncOnly": {
        body = async () => {
          for (let i = 0; i < n; i++) await this.ctx.storage.sync();
        };
        break;
      }
      case "logInsertThenSync": {
        new RoomStorage(sql);
        body = async () => {
          for (let i = 0; i < n; i++) {
            insertLogRow(sql, entry(i));
            await this.ctx.storage.sync();
          }
        };
        break;
      }
      case "syncOnlyPaced":
      case "logInsertThenSyncPaced": {
        // One commit at a time with the thread idle in between, as at a typing rate, not amortized
        // by a loop. Timed as a whole like the other phases; what the pace itself takes (the timer
        // and its lateness) is the same in both phases and cancels out in the difference.
        new RoomStorage(sql);
        const count = Math.min(n, PACED_UPDATES);
        const started = performance.now();
        for (let i = 0; i < count; i++) {
          await new Promise((resolve) => setTimeout(resolve, PACE_MS));
          if (phase === "logInsertThenSyncPaced") insertLogRow(sql, entry(i));
          await this.ctx.storage.sync();
        }
        await tick();
        const beyondPaceMs = performance.now() - started - count * PACE_MS;
        return { phase, updates: count, totalMs: Math.round(beyondPaceMs * 10) / 10, usPerUpdate: Math.round((beyondPaceMs * 1000 * 10) / count) / 10 };
      }
      case "appendThenSync": {
        const storage = new RoomStorage(sql);
        const doc = new Y.Doc();
        body = async () => {
          for (let i = 0; i < n; i++) {
            Y.applyUpdate(doc, updates[i]!.update, "remote");
            storage.append(entry(i), doc);
            await this.ctx.storage.sync();
          }
        };
        break;
      }
      case "appendBatch10ThenSync": {
        // Group commit under load: ten updates per batch, one multi-row INSERT and one commit.
        const storage = new RoomStorage(sql);
        const doc = new Y.Doc();
        body = async () => {
          for (let i = 0; i < n; i += 10) {
            const batch = [];
            for (let j = i; j < Math.min(n, i + 10); j++) {
              Y.applyUpdate(doc, updates[j]!.update, "remote");
              batch.push(entry(j));
            }
            storage.appendBatch(batch, doc);
            await this.ctx.storage.sync();
          }
        };
        break;
      }
      case "roomSocketList50": {
        // One broadcast's pass over the room's own list (room-sockets.ts): a readyState check per socket.
        const list = new RoomSockets(() => []);
        for (let i = 0; i < 50; i++) {
          const pair = new WebSocketPair();
          this.ctx.acceptWebSocket(pair[1]);
          list.add(Object.assign(pair[1], { id: `conn-${i}` }) as never);
        }
        body = () => {
          for (let i = 0; i < n; i++) for (const _ of list.open());
        };
        break;
      }
      default: {
        // One broadcast's pass over the room's sockets: partyserver's connection iterator
        // deserializes every socket's whole attachment to check it is one of its own.
        const sockets = Number(/\d+$/.exec(phase)![0]);
        const attachment = phase.startsWith("scanOur") ? OUR_ATTACHMENT : STOCK_ATTACHMENT;
        for (let i = 0; i < sockets; i++) {
          const pair = new WebSocketPair();
          this.ctx.acceptWebSocket(pair[1]);
          pair[1].serializeAttachment(attachment(i));
        }
        body = () => {
          for (let i = 0; i < n; i++) for (const ws of this.ctx.getWebSockets()) WebSocket.prototype.deserializeAttachment.call(ws);
        };
      }
    }
    await tick();
    const started = performance.now();
    await body();
    await tick();
    const totalMs = performance.now() - started;
    return { phase, updates: n, totalMs: Math.round(totalMs * 10) / 10, usPerUpdate: Math.round((totalMs * 1000 * 10) / n) / 10 };
  }
}

/** The log row RoomStorage.append writes (its first statement), on its own. */
function insertLogRow(
  sql: SqlStorage,
  e: { at: number; userId: string; userName: string; connectionId: string; update: Uint8Array; stats: SectionStats },
): void {
  sql
    .exec(
      "INSERT INTO updates (at, user_id, connection_id, byte_length, stats, data) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq",
      e.at,
      e.userId,
      e.connectionId,
      e.update.byteLength,
      JSON.stringify(e.stats),
      e.update,
    )
    .one();
}
