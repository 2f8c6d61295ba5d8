/**
 * One Durable Object per document: the live co-editing room (y-websocket protocol over
 * y-partyserver, with WebSocket hibernation) and the document's durable, attributed edit log.
 *
 * Differences from a stock y-partyserver room, each on purpose:
 * - Every accepted update is appended to SQLite before it is broadcast, with one multi-row INSERT
 *   for all the updates of a turn (or that came in while the last commit was in flight: group
 *   commit, group-commit.ts); a failed write broadcasts nothing of its batch and resets the room
 *   (no debounced whole-doc save).
 * - Edit rights come from the Worker's policy check and the room's lock; refused updates are
 *   neither applied nor stored, and the sender is told why. An update that brings nothing new is
 *   a no-op, never a refusal (a reader's stock client answers SyncStep1 with an empty SyncStep2).
 * - Notices (text frames) go only to connections that asked for them (`?notices=1`): a welcome
 *   with the room's epoch before the SyncStep1, lock changes, and one `saved`/`refused` answer per
 *   update message, `saved` sent in the turn the row is written (the output gate releases it once
 *   durable). A stock y-websocket client gets nothing but binary frames.
 * - Presence carries the verified identity, whatever the client claims, within limits (a few
 *   client ids and a few KiB per connection, a few connections per person).
 * - Every update is decoded whole and checked before it is applied (update-guard.ts): one whose
 *   dependencies the room lacks is refused and its sender made to resync, so the room never holds a
 *   client's pending data; one that reaches outside the document's section fragments is refused.
 * - The connection id is the room's own (no client `_pk`), no `x-partykit-*` header is read, and a
 *   connection ends when the sign-in behind it does.
 * - Broadcasts go over the room's own in-memory list of sockets (room-sockets.ts), not
 *   partyserver's iterator, which deserializes every socket's attachment on every broadcast.
 */
import type { Connection, ConnectionContext, WSMessage } from "partyserver";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { YServer } from "y-partyserver";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { documentSections, kindOfDocumentId } from "#shared/document-shape.ts";
import type { Role } from "#shared/roles.ts";
import { renderDocument } from "#shared/render-document.ts";
import type { SnapshotSection } from "#shared/api/report.ts";
import {
  MAX_ROOM_CONNECTIONS_PER_PERSON,
  MAX_ROOM_MESSAGE_BYTES,
  readOnlyMessage,
  ROOM_CLOSE_CODES,
  ROOM_CLOSE_REASONS,
  ROOM_PRESENCE_LIMITS,
  type ReadOnlyReason,
  type RoomNotice,
} from "#shared/room-protocol.ts";
import { commitWithAudit } from "../audit/audit-log.ts";
import { database } from "../db/client.ts";
import { log } from "../http/log.ts";
import { guardAwareness } from "./awareness-guard.ts";
import {
  applyReplacement,
  checkAnchor,
  findQuote,
  sectionFragment,
  type AnchorCheck,
  type AnchorPositions,
  type QuoteSearch,
  type ReplacementOutcome,
} from "./room-comments.ts";
import { RoomGate, type WorkflowPosition } from "./room-gate.ts";
import { readRoomIdentity, type RoomIdentity } from "./room-identity.ts";
import {
  DEFAULT_CHECKPOINT_POLICY,
  EDIT_SESSION_GAP_MS,
  RoomStorage,
  type AppendedUpdate,
  type CheckpointPolicy,
  type EditSession,
  type SectionStats,
} from "./room-storage.ts";
import { GroupCommit } from "./group-commit.ts";
import { isOpen, RoomSockets } from "./room-sockets.ts";
import { countTransactionCharacters } from "./character-counts.ts";
import { ClientOwners } from "./client-owners.ts";
import { replaceSections, sectionWords, type ImportedSection, type SectionImportOutcome } from "./section-import.ts";
import { importStartingText } from "./starting-text.ts";
import { checkUpdate, dropPending } from "./update-guard.ts";

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
/** room_state key of the room's epoch: a random id set when the room is created (a restore will rotate it). */
const EPOCH_KEY = "epoch";

interface ConnectionState {
  identity: RoomIdentity;
  /** Awareness client ids this connection has claimed (at most ROOM_PRESENCE_LIMITS.clientIdsPerConnection, never released while it is open). */
  awarenessIds: readonly number[];
}

type RoomConnection = Connection<ConnectionState>;

export interface RoomSnapshot {
  documentId: string;
  takenAt: string;
  /** Sequence number of the last update included. */
  throughSeq: number;
  locked: boolean;
  /** The full Yjs state (an update that recreates the document). */
  state: Uint8Array;
  hash: string;
  /** Per section: key, label, clean HTML, plain text and the ProseMirror JSON the hash covers. */
  sections: SnapshotSection[];
}

export interface RoomStatus {
  locked: boolean;
  lockReason: string | null;
  lockedBy: string | null;
  epoch: string;
  workflowState: string | null;
  connections: number;
  log: { updates: number; bytes: number; lastSeq: number; checkpoints: number };
  /** Group commit in this instance: writes, updates written, the largest batch. */
  writes: { batches: number; updates: number; largestBatch: number };
}

function send(conn: Connection, message: Uint8Array | string): void {
  try {
    conn.send(message);
  } catch {
    // The socket is closing; the client resyncs when it reconnects.
  }
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toBytes(message: ArrayBuffer | ArrayBufferView): Uint8Array {
  return message instanceof ArrayBuffer ? new Uint8Array(message) : new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
}

export class DocumentRoom extends YServer {
  static override options = { hibernate: true };
  /** When full-state checkpoints are written (see room-storage.ts for the reasoning). */
  static checkpointPolicy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY;

  /** The room's own SQLite: update log, checkpoints, edit sessions, its copy of the workflow position (`log()` is the JSON logger). */
  private readonly roomStorage: RoomStorage;
  private loaded = false;
  private gate!: RoomGate;
  /** The update a connection sent, while it is being applied (to tell whether its author needs it back). */
  private incoming: Uint8Array | null = null;
  /** A write failed: the room is resetting and must not answer `saved` for anything. */
  private storageFailed = false;
  private epoch = "";
  /** Characters inserted/deleted per section by the transaction being applied, read by the update listener. */
  private pendingStats: SectionStats = {};
  /** The document's section fragments: the only top-level types an update may touch. */
  private allowedRoots: ReadonlySet<string> = new Set();
  /** Who writes under which Yjs client id (client-owners.ts). */
  private readonly clientOwners: ClientOwners;
  /** The starting text's import (starting-text.ts): every entry point waits for it, so nobody reads or types on an empty document first. */
  private starting: Promise<void> | null = null;
  /** The open connections, in memory (room-sockets.ts). */
  private readonly sockets: RoomSockets;
  /** Updates waiting to be stored, and what may leave only after them (group-commit.ts). */
  private readonly commit: GroupCommit<AppendedUpdate>;
  /** Set while a connection's update is applied: its row joins the turn's batch instead of being written at once. */
  private batching = false;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.roomStorage = new RoomStorage(ctx.storage.sql, (this.constructor as typeof DocumentRoom).checkpointPolicy);
    this.clientOwners = new ClientOwners(ctx.storage.sql);
    this.sockets = new RoomSockets(() => super.getConnections());
    this.commit = new GroupCommit<AppendedUpdate>({
      write: (entries) => {
        const { alarmAt } = this.roomStorage.appendBatch(entries, this.document);
        if (alarmAt !== null) this.scheduleAlarm(alarmAt);
      },
      durable: () => this.ctx.storage.sync(),
      onFailure: (error, batch) => this.storageFailure(error, batch),
      bytesOf: (entry) => entry.update.byteLength,
    });
  }

  /** Every open connection, from the room's own list (no attachment is read). */
  override getConnections<TState = unknown>(tag?: string): Iterable<Connection<TState>> {
    if (tag !== undefined) return super.getConnections<TState>(tag);
    return this.sockets.open() as Iterable<Connection<TState>>;
  }

  private get documentId(): string {
    return this.name;
  }

  /** Connection events use this directly: partyserver delivers none before onStart (ready()) has finished. */
  private ensureLoaded(): void {
    if (this.loaded) return;
    this.loaded = true;
    this.gate = new RoomGate(this.roomStorage);
    const epoch = this.roomStorage.getState(EPOCH_KEY);
    if (epoch) this.epoch = epoch;
    else this.roomStorage.setState(EPOCH_KEY, (this.epoch = crypto.randomUUID()));
    this.roomStorage.loadInto(this.document);
    // A log written before updates were checked may leave structs pending: they were never part
    // of the document, and must not reach a checkpoint or a client's SyncStep2.
    if (dropPending(this.document)) log("warn", "room dropped pending data left by its stored log", { documentId: this.documentId });
    this.clientOwners.backfill();
    const sections = documentSections(kindOfDocumentId(this.documentId));
    this.allowedRoots = new Set(sections.map((s) => s.key));
    const sectionByRoot = new Map<unknown, string>(sections.map((s) => [this.document.getXmlFragment(s.key), s.key]));
    this.document.on("beforeObserverCalls", (transaction: Y.Transaction) => {
      if (transaction.origin !== "load") countTransactionCharacters(this.pendingStats, transaction, sectionByRoot);
    });
    this.document.on("update", (update: Uint8Array, origin: unknown) => this.persistThenBroadcast(update, origin));
    // Server-side presence changes (a connection closed) are relayed to everyone left.
    this.document.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin !== null) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(this.document.awareness, [...added, ...updated, ...removed]);
      for (const conn of this.getConnections()) send(conn, awarenessMessage(update));
    });
  }

  /** Loaded, with a new document's starting text in place. */
  private async ready(): Promise<void> {
    this.ensureLoaded();
    this.starting ??= this.ctx
      .blockConcurrencyWhile(() =>
        importStartingText({
          documentId: this.documentId,
          env: this.env as { DB?: D1Database },
          storage: this.roomStorage,
          clientOwners: this.clientOwners,
          apply: (update, origin) => {
            Y.applyUpdate(this.document, update, origin);
            if (this.storageFailed) throw new Error("The room could not store its starting text.");
          },
        }),
      )
      .catch((error: unknown) => {
        this.starting = null;
        throw error;
      });
    await this.starting;
  }

  /**
   * The durability rule: append to SQLite first; broadcast only what was stored. A connection's
   * update joins the turn's batch (group-commit.ts); any other (a server-side edit such as an
   * accepted suggestion) is written at once, so its caller knows whether it was stored.
   */
  private persistThenBroadcast(update: Uint8Array, origin: unknown): void {
    if (origin === "load") return;
    const stats = this.pendingStats;
    this.pendingStats = {};
    const conn = origin as RoomConnection;
    const identity = conn?.state?.identity;
    const entry = { userId: identity?.id ?? "system", userName: identity?.name ?? "System", connectionId: conn?.id ?? "server", update, stats, at: Date.now() };
    // The author gets it back only when it is more than they sent (Yjs re-encodes what was new).
    // Echoing every keystroke to its typist would double the room's outgoing traffic and flood a
    // fast writer (the automerge-paper replay).
    const skipAuthor = this.incoming !== null && conn && bytesEqual(update, this.incoming) ? conn.id : null;
    this.commit.add(entry, () => {
      const message = syncUpdateMessage(update);
      for (const c of this.sockets.open()) if (c.id !== skipAuthor) send(c, message);
    });
    if (!this.batching) this.commit.flush();
  }

  /** A write failed: nothing of its batch was broadcast; every connection resets and the room reloads from storage. */
  private storageFailure(error: unknown, batch: number): void {
    this.storageFailed = true;
    log("error", "room could not store an update; nothing was broadcast, resetting the room", {
      documentId: this.documentId,
      updates: batch,
      error: String(error),
    });
    for (const c of this.sockets.open()) this.closeConnection(c as RoomConnection, "storageFailure");
    // Drop the in-memory document, which holds the unsaved updates; the next request reloads from storage.
    this.ctx.abort("storage write failed");
  }

  override async onStart(): Promise<void> {
    await this.ready();
  }

  /**
   * Only the Worker reaches a room, with a request it built; still, the room chooses its own
   * connection ids (partyserver would take a `_pk` query parameter) and reads no `x-partykit-*`
   * header (a malformed `x-partykit-props` made partyserver answer with a stack trace).
   */
  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    url.search = "";
    const headers = new Headers();
    for (const [key, value] of request.headers) if (!key.toLowerCase().startsWith("x-partykit-")) headers.set(key, value);
    return super.fetch(new Request(url.toString(), { method: request.method, headers }));
  }

  /** Closes with the code's one reason; the connection's presence goes at once (its close event may never come). */
  private closeConnection(conn: RoomConnection, why: keyof typeof ROOM_CLOSE_CODES): void {
    this.removePresence(conn);
    this.sockets.remove(conn.id);
    try {
      conn.close(ROOM_CLOSE_CODES[why], ROOM_CLOSE_REASONS[why]);
    } catch {
      // Already closed.
    }
  }

  private removePresence(conn: RoomConnection): void {
    let ids: readonly number[] = [];
    try {
      ids = conn.state?.awarenessIds ?? [];
    } catch {
      return;
    }
    const awareness = this.document.awareness;
    const present = ids.filter((id) => awareness.getStates().has(id));
    if (present.length) awarenessProtocol.removeAwarenessStates(awareness, present, null);
    // Forget the clocks too: nothing of a closed connection stays in memory.
    for (const id of ids) awareness.meta.delete(id);
  }

  private expired(identity: { readonly expiresAt: number | null }, now = Date.now()): boolean {
    return identity.expiresAt !== null && identity.expiresAt <= now;
  }

  override onConnect(connection: Connection, ctx: ConnectionContext): void {
    this.ensureLoaded();
    const conn = connection as RoomConnection;
    const identity = readRoomIdentity(ctx.request.headers);
    if (!identity || this.expired(identity)) {
      // Only the Worker reaches a room, and it always says who is connecting.
      conn.close(ROOM_CLOSE_CODES.unauthenticated, ROOM_CLOSE_REASONS.unauthenticated);
      return;
    }
    const mine = [...this.getConnections<ConnectionState>()].filter((c) => c.id !== conn.id && c.state?.identity?.id === identity.id).length;
    if (mine >= MAX_ROOM_CONNECTIONS_PER_PERSON) {
      conn.close(ROOM_CLOSE_CODES.tooManyConnections, ROOM_CLOSE_REASONS.tooManyConnections);
      return;
    }
    conn.setState({ identity, awarenessIds: [] });
    this.sockets.add(conn);
    if (identity.expiresAt !== null) this.scheduleAlarm(identity.expiresAt);
    // The Worker read the state from D1 just now: if the room missed a change, catch up (and tell everyone).
    if (this.gate.advance(identity.workflow)) this.announceGate(conn.id);
    // Before the room's SyncStep1: a client holding a copy from another epoch drops it before answering.
    this.notify(conn, {
      type: "welcome",
      user: { id: identity.id, name: identity.name, color: identity.color },
      canEdit: this.gate.canEdit(identity.roles),
      locked: this.gate.locked,
      lockReason: this.gate.lockReason,
      lockedBy: this.gate.lockedBy,
      epoch: this.epoch,
    });
    super.onConnect(conn, ctx);
  }

  override onMessage(connection: Connection, message: WSMessage): void {
    this.ensureLoaded();
    const conn = connection as RoomConnection;
    const size = typeof message === "string" ? new TextEncoder().encode(message).byteLength : message.byteLength;
    if (size > MAX_ROOM_MESSAGE_BYTES) {
      this.closeConnection(conn, "messageTooBig");
      return;
    }
    // A connection the room is closing (refused, expired, revoked) is heard no more.
    if (typeof message === "string" || !conn.state || !isOpen(conn)) return;
    if (this.expired(conn.state.identity)) {
      this.closeConnection(conn, "unauthenticated");
      return;
    }
    try {
      const decoder = decoding.createDecoder(toBytes(message));
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) this.handleSync(conn, decoder);
      else if (type === MESSAGE_AWARENESS) this.handleAwareness(conn, decoding.readVarUint8Array(decoder));
      else if (type === MESSAGE_QUERY_AWARENESS) this.sendAllAwareness(conn);
      // Unknown message types are ignored: the room keeps serving.
    } catch (error) {
      log("warn", "malformed room message ignored", { documentId: this.documentId, connection: conn.id, bytes: size, error: String(error) });
    }
  }

  private handleSync(conn: RoomConnection, decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      // The reply shows the document with every update applied so far: it leaves after they are stored.
      this.commit.after(() => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(encoder, this.document, stateVector);
        send(conn, encoding.toUint8Array(encoder));
      });
      return;
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) return;
    // From here on the message is an update message: it gets exactly one answer.
    let update: Uint8Array;
    try {
      update = decoding.readVarUint8Array(decoder);
    } catch {
      this.refuseMalformed(conn);
      return;
    }
    const refusal = this.refusalFor(conn);
    if (refusal) {
      // Only checked for connections that may not write: a writer's no-op update stores nothing anyway.
      let nothingNew: boolean;
      try {
        nothingNew = Y.snapshotContainsUpdate(Y.snapshot(this.document), update);
      } catch {
        this.refuseMalformed(conn);
        return;
      }
      if (nothingNew) this.notify(conn, { type: "saved" });
      else this.notify(conn, { type: "refused", reason: refusal, message: readOnlyMessage(refusal, this.gate.lockReason) });
      return;
    }
    // Decoded whole and checked before anything is applied (update-guard.ts).
    const verdict = checkUpdate(this.document, update, this.allowedRoots);
    if (!verdict.ok) {
      log("warn", "room refused an update", {
        documentId: this.documentId,
        connection: conn.id,
        bytes: update.byteLength,
        problem: verdict.problem,
        detail: verdict.detail,
      });
      if (verdict.problem === "missing") {
        // Nothing of it is applied, stored or kept: the client reconnects, and its SyncStep2 then
        // carries this update again together with what it builds on (a stock client does too).
        this.closeConnection(conn, "resyncRequired");
      } else if (verdict.problem === "shape") {
        this.notify(conn, {
          type: "refused",
          reason: "malformed",
          message: "This update reaches outside the document's sections; it was not applied and not saved.",
        });
      } else {
        this.refuseMalformed(conn);
      }
      return;
    }
    const writer = conn.state!.identity.id;
    const foreign = this.clientOwners.foreignClient(verdict.writesAs, writer);
    if (foreign !== null) {
      log("warn", "room refused an update", {
        documentId: this.documentId,
        connection: conn.id,
        bytes: update.byteLength,
        problem: "foreign client id",
        detail: String(foreign),
      });
      this.notify(conn, {
        type: "refused",
        reason: "malformed",
        message: "This update writes under another person's editor; it was not applied and not saved.",
      });
      return;
    }
    this.incoming = update;
    this.batching = true;
    try {
      Y.applyUpdate(this.document, update, conn);
    } catch (error) {
      if (this.storageFailed) return;
      log("warn", "malformed room message ignored", { documentId: this.documentId, connection: conn.id, bytes: update.byteLength, error: String(error) });
      this.refuseMalformed(conn);
      return;
    } finally {
      this.incoming = null;
      this.batching = false;
    }
    if (this.storageFailed) return;
    if (dropPending(this.document)) {
      // The check above should make this unreachable; whatever Yjs could not place is dropped, never kept.
      log("error", "room dropped pending data the update check let through", { documentId: this.documentId, connection: conn.id });
      this.closeConnection(conn, "resyncRequired");
      return;
    }
    this.clientOwners.claim(verdict.writesAs, writer);
    // Sent after the batch holding its row is written, in that turn: the output gate lets it out once the row is durable.
    this.notify(conn, { type: "saved" });
  }

  private refuseMalformed(conn: RoomConnection): void {
    this.notify(conn, { type: "refused", reason: "malformed", message: "The room could not read this update; it was not applied and not saved." });
  }

  private refusalFor(conn: RoomConnection): ReadOnlyReason | null {
    if (this.gate.locked) return "locked";
    if (!conn.state || !this.gate.canEdit(conn.state.identity.roles)) return "no-edit-right";
    return null;
  }

  private handleAwareness(conn: RoomConnection, data: Uint8Array): void {
    const state = conn.state;
    if (!state) return;
    // Limits first: nothing of an oversized message, or one claiming too many client ids, is applied.
    if (data.byteLength > ROOM_PRESENCE_LIMITS.messageBytes) {
      log("warn", "room refused an awareness message", { documentId: this.documentId, connection: conn.id, bytes: data.byteLength, problem: "too big" });
      return;
    }
    const controller = (clientId: number) => [...this.getConnections<ConnectionState>()].find((c) => c.state?.awarenessIds.includes(clientId));
    const guarded = guardAwareness(data, state.identity, (clientId) => {
      const owner = controller(clientId);
      return owner !== undefined && owner.id !== conn.id;
    });
    if (!guarded) return;
    const ids = new Set(state.awarenessIds);
    for (const e of guarded.entries) ids.add(e.clientId);
    if (ids.size > ROOM_PRESENCE_LIMITS.clientIdsPerConnection) {
      log("warn", "room refused an awareness message", { documentId: this.documentId, connection: conn.id, problem: "too many client ids" });
      return;
    }
    if (ids.size !== state.awarenessIds.length) {
      // Remembered before the states are applied, so a close always removes them.
      try {
        conn.setState({ identity: { ...state.identity, roles: [...state.identity.roles] }, awarenessIds: [...ids] });
      } catch (error) {
        log("warn", "room could not remember a connection's presence; not applied", { documentId: this.documentId, connection: conn.id, error: String(error) });
        return;
      }
    }
    awarenessProtocol.applyAwarenessUpdate(this.document.awareness, guarded.update, conn);
    const message = awarenessMessage(guarded.update);
    for (const c of this.getConnections()) send(c, message);
  }

  private sendAllAwareness(conn: RoomConnection): void {
    const clients = [...this.document.awareness.getStates().keys()];
    if (clients.length) send(conn, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.document.awareness, clients)));
  }

  override onClose(connection: Connection): void {
    this.ensureLoaded();
    const conn = connection as RoomConnection;
    this.sockets.remove(conn.id);
    const state = conn.state;
    if (!state?.identity) return;
    this.removePresence(conn);
    const stillHere = [...this.getConnections<ConnectionState>()].some((c) => c.id !== conn.id && c.state?.identity?.id === state.identity.id);
    if (!stillHere && this.roomStorage.finishSessions({ userId: state.identity.id }) > 0) this.scheduleAlarm(Date.now());
  }

  /** Notices go only to connections that asked for them: a stock client gets binary frames only. */
  private notify(conn: RoomConnection, notice: RoomNotice): void {
    if (conn.state?.identity?.notices !== true) return;
    // The welcome carries no document data and must precede the SyncStep1 sent right after it.
    if (notice.type === "welcome") this.sendCustomMessage(conn, JSON.stringify(notice));
    // Anything else leaves after the updates still waiting to be stored: answers keep their order, and `saved` means stored.
    else this.commit.after(() => this.sendCustomMessage(conn, JSON.stringify(notice)));
  }

  /** Tells every connection (but `except`) whether it may edit now. */
  private announceGate(except?: string): void {
    for (const conn of this.getConnections<ConnectionState>()) {
      if (conn.id === except || !conn.state) continue;
      this.notify(conn, {
        type: "lock",
        locked: this.gate.locked,
        reason: this.gate.lockReason,
        lockedBy: this.gate.lockedBy,
        canEdit: this.gate.canEdit(conn.state.identity.roles),
      });
    }
  }

  /** The alarm audits finished sessions and closes connections whose sign-in ended: it comes at the earliest of what is due. */
  private scheduleAlarm(at: number): void {
    void this.ctx.storage.getAlarm().then((current) => {
      if (current === null || current > at) return this.ctx.storage.setAlarm(at);
    });
  }

  /** Ends idle edit sessions and writes every finished one to the D1 audit trail (retried by the alarm on failure). */
  override async onAlarm(): Promise<void> {
    await this.ready();
    const now = Date.now();
    let nextExpiry = Number.POSITIVE_INFINITY;
    for (const conn of this.getConnections<ConnectionState>()) {
      const identity = conn.state?.identity;
      if (!identity || identity.expiresAt === null) continue;
      if (this.expired(identity, now)) this.closeConnection(conn, "unauthenticated");
      else nextExpiry = Math.min(nextExpiry, identity.expiresAt);
    }
    this.roomStorage.finishSessions({ idleBefore: Date.now() - EDIT_SESSION_GAP_MS });
    const db = database(this.env);
    for (const session of this.roomStorage.unauditedSessions()) {
      await commitWithAudit(
        db,
        { actor: { id: session.userId, email: null }, requestId: null },
        {
          action: "document.edit_session",
          subjectType: "document",
          subjectId: this.documentId,
          documentId: this.documentId,
          details: { userName: session.userName, from: session.from, to: session.to, updates: session.updates, sections: session.sections },
        },
      );
      this.roomStorage.markAudited(session.id);
    }
    const next = Math.min(this.roomStorage.hasOpenSessions() ? Date.now() + EDIT_SESSION_GAP_MS : Number.POSITIVE_INFINITY, nextExpiry);
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(next);
  }

  // ---- RPC used by the Worker (workflow, history) ----

  /** The document's workflow state after a committed change (ignored when older than what the room has). */
  async applyWorkflow(position: WorkflowPosition): Promise<RoomStatus> {
    await this.ready();
    if (this.gate.advance(position)) this.announceGate();
    return this.status();
  }

  /**
   * Locks the room for an action about to commit and returns the snapshot taken under the lock,
   * so no keystroke lands between the recorded hash and the lock.
   */
  async holdAndSnapshot(token: string, reason: string, forVersion: number, by?: string): Promise<RoomSnapshot> {
    await this.ready();
    const wasLocked = this.gate.locked;
    this.gate.hold(token, reason, forVersion, by);
    if (!wasLocked) this.announceGate();
    return this.snapshot();
  }

  /** The held action did not commit: lift its hold (the state may still lock the room). */
  async releaseHold(token: string): Promise<RoomStatus> {
    await this.ready();
    if (this.gate.release(token)) this.announceGate();
    return this.status();
  }

  /** Closes every connection of a person who was changed, deactivated or lost a grant (`why` is logged; the close reason is the fixed one). */
  async disconnectUser(userId: string, why: string): Promise<number> {
    await this.ready();
    let closed = 0;
    for (const conn of this.getConnections<ConnectionState>()) {
      if (conn.state?.identity.id !== userId) continue;
      this.closeConnection(conn as RoomConnection, "accessRevoked");
      closed++;
    }
    if (closed) log("info", "room closed a changed user's connections", { documentId: this.documentId, userId, closed, why });
    return closed;
  }

  async snapshot(): Promise<RoomSnapshot> {
    await this.ready();
    // The snapshot's throughSeq must cover its state: store what is waiting first.
    if (!this.commit.flush()) throw new Error("The room could not store its latest updates; no snapshot was taken.");
    const rendered = await renderDocument(this.document, kindOfDocumentId(this.documentId));
    return {
      documentId: this.documentId,
      takenAt: new Date().toISOString(),
      throughSeq: this.roomStorage.logSummary().lastSeq,
      locked: this.gate.locked,
      state: Y.encodeStateAsUpdate(this.document),
      hash: rendered.hash,
      sections: rendered.sections.map(({ key, label, html, text, json }) => ({ key, label, html, text, json: JSON.stringify(json) })),
    };
  }

  async history(): Promise<EditSession[]> {
    await this.ready();
    return this.roomStorage.sessions();
  }

  async status(): Promise<RoomStatus> {
    await this.ready();
    this.commit.flush();
    return {
      locked: this.gate.locked,
      lockReason: this.gate.lockReason,
      lockedBy: this.gate.lockedBy,
      epoch: this.epoch,
      workflowState: this.gate.state,
      connections: [...this.getConnections()].length,
      log: this.roomStorage.logSummary(),
      writes: { batches: this.commit.batches, updates: this.commit.updates, largestBatch: this.commit.largestBatch },
    };
  }

  // ---- RPC for comment threads (the logic is in room-comments.ts; threads themselves live in D1) ----

  /** Whether the anchor still covers `quote` in the section (read only: nothing is stored). */
  async checkCommentAnchor(sectionKey: string, anchor: AnchorPositions, quote: string): Promise<AnchorCheck> {
    await this.ready();
    const fragment = sectionFragment(this.document, this.documentId, sectionKey);
    return fragment
      ? checkAnchor(this.document, fragment, anchor, quote)
      : { status: "detached", reason: "other_section", message: `No section "${sectionKey}" in this document.` };
  }

  /** Finds the `occurrence`-th `quote` inside one paragraph of the section and makes an anchor for it (read only). */
  async findCommentQuote(sectionKey: string, quote: string, occurrence: number): Promise<QuoteSearch> {
    await this.ready();
    const fragment = sectionFragment(this.document, this.documentId, sectionKey);
    return fragment ? findQuote(fragment, quote, occurrence) : { found: false, occurrences: 0 };
  }

  /**
   * Applies an accepted suggestion as an edit by the accepting person: stored in the log under
   * their name, then broadcast, like any update. Refused while locked or without the edit right.
   */
  async applySuggestion(request: {
    threadId: string;
    sectionKey: string;
    anchor: AnchorPositions;
    quote: string;
    replacement: string;
    by: { id: string; name: string; roles: Role[] };
    workflow: WorkflowPosition;
  }): Promise<ReplacementOutcome | { applied: false; refused: ReadOnlyReason; lockReason: string | null; lockedBy: string | null }> {
    await this.ready();
    if (this.gate.advance(request.workflow)) this.announceGate();
    if (!this.gate.canEdit(request.by.roles)) {
      return { applied: false, refused: this.gate.locked ? "locked" : "no-edit-right", lockReason: this.gate.lockReason, lockedBy: this.gate.lockedBy };
    }
    const fragment = sectionFragment(this.document, this.documentId, request.sectionKey);
    if (!fragment)
      return { applied: false, check: { status: "detached", reason: "other_section", message: `No section "${request.sectionKey}" in this document.` } };
    // Read by persistThenBroadcast as a connection would be: the log row names the accepting person.
    const origin = { id: `suggestion:${request.threadId}`, state: { identity: { id: request.by.id, name: request.by.name } } };
    const outcome = applyReplacement(this.document, fragment, request.anchor, request.quote, request.replacement, origin);
    if (this.storageFailed) throw new Error("The room could not store the accepted suggestion; nothing was applied.");
    return outcome;
  }

  /** Words per section now (a Word import's preview compares against them). */
  async wordCounts(): Promise<Record<string, number>> {
    await this.ready();
    return sectionWords(this.document, this.documentId);
  }

  /**
   * Replaces whole sections with imported text (a Word draft) as one edit by the uploader, in one
   * transaction (section-import.ts): stored under their name, then broadcast. Refused while locked
   * or without the edit right, with the refusal applySuggestion gives.
   */
  async importSections(request: {
    importId: string;
    sections: ImportedSection[];
    by: { id: string; name: string; roles: Role[] };
    workflow: WorkflowPosition;
  }): Promise<SectionImportOutcome | { applied: false; refused: ReadOnlyReason; lockReason: string | null; lockedBy: string | null }> {
    await this.ready();
    if (this.gate.advance(request.workflow)) this.announceGate();
    if (!this.gate.canEdit(request.by.roles)) {
      return { applied: false, refused: this.gate.locked ? "locked" : "no-edit-right", lockReason: this.gate.lockReason, lockedBy: this.gate.lockedBy };
    }
    // Read by persistThenBroadcast as a connection would be: the log row names the uploader.
    const origin = { id: `import:${request.importId}`, state: { identity: { id: request.by.id, name: request.by.name } } };
    const outcome = replaceSections(this.document, this.documentId, request.sections, origin, this.clientOwners);
    if (this.storageFailed) throw new Error("The room could not store the imported text; nothing was applied.");
    return outcome;
  }

  /** Tells every notice-taking connection that the document's threads changed (after the D1 commit). */
  async announceComments(): Promise<number> {
    await this.ready();
    let told = 0;
    for (const conn of this.getConnections<ConnectionState>()) {
      if (conn.state?.identity?.notices !== true) continue;
      this.notify(conn, { type: "comments-changed" });
      told++;
    }
    return told;
  }
}
