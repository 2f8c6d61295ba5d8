/**
 * A document room's SQLite storage: the attributed update log (kept in full: it is the edit
 * history), checkpoints, edit sessions and room state, with append-only schema migrations.
 *
 * All writes are synchronous `ctx.storage.sql.exec` calls made in the turn the update is accepted,
 * so they commit as one implicit transaction and the output gate holds any message sent in that
 * turn until they are durable.
 *
 * One statement per accepted update: the log row (author, time, per-section counts, the update).
 * Edit sessions are derived from the log: `foldSessions` folds the rows after the last folded seq
 * into `edit_sessions` (the room calls it from its alarm, with every checkpoint, and before sessions
 * are read), writing the sessions and the new fold position in one turn. Since the log is the
 * source, a crash between folds loses nothing. The hot path keeps only in memory when each author
 * last wrote, to tell the room when someone's session starts (it then makes sure the alarm is set).
 *
 * Checkpoint policy: a full-state checkpoint after 500 updates or 1 MiB of log since the last one,
 * and, for a large document, not before one update per 64 bytes of the last checkpoint's state.
 * Loading then replays a tail no longer than the checkpoint it starts from (milliseconds for a
 * narrative of tens of KB, every ~600 updates), while writing checkpoints stays a fixed share of
 * the work however large a document grows: at every 500 updates, the whole automerge-paper trace
 * (260,000 edits) spent 75% of its time re-encoding the document (docs/room-speed.md). A checkpoint
 * is split into parts of at most 1 MiB, under the 2 MB row limit.
 */
import * as Y from "yjs";

export interface CheckpointPolicy {
  /** At least this many updates since the last checkpoint… */
  everyUpdates: number;
  /** …or this many bytes of them, whichever comes first. */
  everyBytes: number;
  /** And at least one update per this many bytes of the last checkpoint (the update rule only; none: no such floor). */
  stateBytesPerUpdate?: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { everyUpdates: 500, everyBytes: 1024 * 1024, stateBytesPerUpdate: 64 };
export const CHECKPOINT_PART_BYTES = 1024 * 1024;
/** One INSERT of a batch carries at most this many rows, and this many bytes of updates unless one update is bigger. */
export const STATEMENT_ROWS = 2000;
export const STATEMENT_BYTES = 512 * 1024;
/** A pause longer than this ends a person's edit session. */
export const EDIT_SESSION_GAP_MS = 5 * 60 * 1000;

/** Append-only: never edit an entry, add a new one. (Exported for the migration test.) */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     user_id TEXT NOT NULL,
     connection_id TEXT NOT NULL,
     byte_length INTEGER NOT NULL,
     stats TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE TABLE checkpoints (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     through_seq INTEGER NOT NULL,
     at INTEGER NOT NULL,
     byte_length INTEGER NOT NULL,
     part_count INTEGER NOT NULL
   );
   CREATE TABLE checkpoint_parts (
     checkpoint_id INTEGER NOT NULL,
     part INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (checkpoint_id, part)
   );
   CREATE TABLE room_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE edit_sessions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     user_id TEXT NOT NULL,
     user_name TEXT NOT NULL,
     first_seq INTEGER NOT NULL,
     last_seq INTEGER NOT NULL,
     started_at INTEGER NOT NULL,
     last_at INTEGER NOT NULL,
     updates INTEGER NOT NULL,
     stats TEXT NOT NULL,
     finished INTEGER NOT NULL DEFAULT 0,
     audited INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX edit_sessions_user_open ON edit_sessions (user_id, finished);
   CREATE INDEX edit_sessions_unaudited ON edit_sessions (finished, audited);`,
  // Sessions are folded from the log from now on: the log row carries the author's name, and the
  // fold starts after the rows the per-update bookkeeping of before already counted.
  `ALTER TABLE updates ADD COLUMN user_name TEXT;
   INSERT OR REPLACE INTO room_state (key, value) SELECT 'sessions_folded_through', CAST(COALESCE(MAX(seq), 0) AS TEXT) FROM updates;`,
  // Which person writes under each Yjs client id (client-owners.ts); rows from before are read back
  // from the log once (room_state notes it).
  `CREATE TABLE client_owners (client INTEGER PRIMARY KEY, user_id TEXT NOT NULL);`,
];

const FOLDED_THROUGH = "sessions_folded_through";

/** Characters inserted and deleted, per section key. */
export type SectionStats = Record<string, { inserted: number; deleted: number }>;

export interface AppendedUpdate {
  userId: string;
  userName: string;
  connectionId: string;
  update: Uint8Array;
  stats: SectionStats;
  at: number;
}

export interface EditSession {
  id: number;
  userId: string;
  userName: string;
  from: string;
  to: string;
  updates: number;
  sections: SectionStats;
  finished: boolean;
}

export function mergeStats(into: SectionStats, add: SectionStats): SectionStats {
  for (const [key, s] of Object.entries(add)) {
    const t = (into[key] ??= { inserted: 0, deleted: 0 });
    t.inserted += s.inserted;
    t.deleted += s.deleted;
  }
  return into;
}

type Row = Record<string, SqlStorageValue>;

interface FoldingSession {
  id: number | null;
  userId: string;
  userName: string;
  firstSeq: number;
  lastSeq: number;
  startedAt: number;
  lastAt: number;
  updates: number;
  stats: SectionStats;
  finished: boolean;
  dirty: boolean;
}

export class RoomStorage {
  private updatesSinceCheckpoint = 0;
  private bytesSinceCheckpoint = 0;
  /** Size of the newest checkpoint's state (0 before the first). */
  private lastCheckpointBytes = 0;
  /** When each author's last update in this instance was accepted (lost on eviction: a miss only means one more alarm check). */
  private readonly lastEditAt = new Map<string, number>();
  /** Write-through copy of `room_state` (only this object writes it). */
  private readonly stateCache = new Map<string, string | null>();

  private readonly sql: SqlStorage;
  private readonly policy: CheckpointPolicy;

  constructor(sql: SqlStorage, policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY) {
    this.sql = sql;
    this.policy = policy;
    this.migrate();
  }

  private migrate(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS room_schema (version INTEGER NOT NULL)");
    const current = (this.sql.exec("SELECT MAX(version) AS v FROM room_schema").one().v as number | null) ?? 0;
    MIGRATIONS.slice(current).forEach((migration, i) => {
      this.sql.exec(migration);
      this.sql.exec("INSERT INTO room_schema (version) VALUES (?)", current + i + 1);
    });
  }

  /** Latest checkpoint plus the log after it; `useCheckpoint: false` replays the whole log instead. */
  loadInto(doc: Y.Doc, options: { useCheckpoint?: boolean } = {}): { throughSeq: number; tailUpdates: number } {
    let throughSeq = 0;
    const checkpoint =
      options.useCheckpoint === false
        ? undefined
        : (this.sql.exec("SELECT id, through_seq, byte_length FROM checkpoints ORDER BY id DESC LIMIT 1").toArray()[0] as Row | undefined);
    let tailUpdates = 0;
    let tailBytes = 0;
    doc.transact(() => {
      if (checkpoint) {
        const parts = this.sql.exec("SELECT data FROM checkpoint_parts WHERE checkpoint_id = ? ORDER BY part", checkpoint.id).toArray();
        Y.applyUpdate(doc, concat(parts.map((p) => new Uint8Array(p.data as ArrayBuffer))));
        throughSeq = checkpoint.through_seq as number;
        this.lastCheckpointBytes = checkpoint.byte_length as number;
      }
      for (const row of this.sql.exec("SELECT data FROM updates WHERE seq > ? ORDER BY seq", throughSeq)) {
        const data = new Uint8Array(row.data as ArrayBuffer);
        Y.applyUpdate(doc, data);
        tailUpdates++;
        tailBytes += data.byteLength;
      }
    }, "load");
    this.updatesSinceCheckpoint = tailUpdates;
    this.bytesSinceCheckpoint = tailBytes;
    return { throughSeq, tailUpdates };
  }

  /**
   * Appends one accepted update with its attribution: one INSERT. `sessionStarted` says this author
   * had no session going in this instance (first update, or after a pause longer than the gap);
   * `sessionEnded` that a pause just ended one of theirs.
   */
  append(entry: AppendedUpdate, doc: Y.Doc): { seq: number; sessionStarted: boolean; sessionEnded: boolean } {
    const last = this.lastEditAt.get(entry.userId);
    const { lastSeq } = this.appendBatch([entry], doc);
    const sessionEnded = last !== undefined && entry.at - last > EDIT_SESSION_GAP_MS;
    return { seq: lastSeq, sessionStarted: last === undefined || sessionEnded, sessionEnded };
  }

  /**
   * Appends a batch of accepted updates in order (group-commit.ts): one multi-row INSERT, so one
   * statement and one commit for the lot. `alarmAt` is the earliest alarm the batch needs: when
   * someone's session starts, the alarm audits the one a pause just ended now, or else comes back
   * when the new one may have gone idle (null when no session started).
   */
  appendBatch(entries: readonly AppendedUpdate[], doc: Y.Doc): { lastSeq: number; alarmAt: number | null } {
    const lastSeq = this.insertRows(entries);
    let alarmAt: number | null = null;
    for (const entry of entries) {
      const last = this.lastEditAt.get(entry.userId);
      this.lastEditAt.set(entry.userId, entry.at);
      const sessionEnded = last !== undefined && entry.at - last > EDIT_SESSION_GAP_MS;
      if (last === undefined || sessionEnded) {
        const at = sessionEnded ? entry.at : entry.at + EDIT_SESSION_GAP_MS;
        alarmAt = alarmAt === null ? at : Math.min(alarmAt, at);
      }
      this.updatesSinceCheckpoint++;
      this.bytesSinceCheckpoint += entry.update.byteLength;
    }
    if (this.checkpointDue()) {
      // The document holds exactly the batch's updates beyond what was stored before it.
      this.writeCheckpoint(doc, lastSeq);
      this.foldSessions();
    }
    return { lastSeq, alarmAt };
  }

  /**
   * As few statements as the batch allows: a statement may bind at most 100 parameters, so the
   * rows travel as one JSON array of their columns plus one blob of their updates end to end,
   * each row's update cut out of it by offset (substr on a blob counts bytes). A string or blob
   * bound to a statement may not pass 2 MB (SQLITE_TOOBIG), so a large batch takes several
   * statements, all in the turn's one transaction.
   */
  private insertRows(entries: readonly AppendedUpdate[]): number {
    let lastSeq = 0;
    for (let start = 0; start < entries.length; ) {
      let end = start + 1;
      let bytes = entries[start]!.update.byteLength;
      while (end < entries.length && end - start < STATEMENT_ROWS && bytes + entries[end]!.update.byteLength <= STATEMENT_BYTES) {
        bytes += entries[end]!.update.byteLength;
        end++;
      }
      lastSeq = this.insertStatement(entries.slice(start, end));
      start = end;
    }
    return lastSeq;
  }

  private insertStatement(entries: readonly AppendedUpdate[]): number {
    if (entries.length === 1) {
      const e = entries[0]!;
      return this.sql
        .exec(
          "INSERT INTO updates (at, user_id, user_name, connection_id, byte_length, stats, data) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq",
          e.at,
          e.userId,
          e.userName,
          e.connectionId,
          e.update.byteLength,
          JSON.stringify(e.stats),
          e.update,
        )
        .one().seq as number;
    }
    let offset = 1;
    const rows = entries.map((e) => {
      const row = [e.at, e.userId, e.userName, e.connectionId, e.update.byteLength, JSON.stringify(e.stats), offset];
      offset += e.update.byteLength;
      return row;
    });
    const blob = concat(entries.map((e) => e.update));
    const seqs = this.sql
      .exec(
        `INSERT INTO updates (at, user_id, user_name, connection_id, byte_length, stats, data)
         SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
                json_extract(value, '$[4]'), json_extract(value, '$[5]'), substr(?2, json_extract(value, '$[6]'), json_extract(value, '$[4]'))
         FROM json_each(?1) ORDER BY key
         RETURNING seq`,
        JSON.stringify(rows),
        blob,
      )
      .toArray();
    if (seqs.length !== entries.length) throw new Error(`stored ${seqs.length} of ${entries.length} updates`);
    return seqs.reduce((max, r) => Math.max(max, r.seq as number), 0);
  }

  private checkpointDue(): boolean {
    if (this.bytesSinceCheckpoint >= this.policy.everyBytes) return true;
    const perUpdate = this.policy.stateBytesPerUpdate;
    const floor = perUpdate ? Math.ceil(this.lastCheckpointBytes / perUpdate) : 0;
    return this.updatesSinceCheckpoint >= Math.max(this.policy.everyUpdates, floor);
  }

  writeCheckpoint(doc: Y.Doc, throughSeq: number): void {
    // A checkpoint holds the document only: Yjs would add whatever it keeps pending (the room never
    // keeps a client's pending data, and this makes sure none reaches a checkpoint either way).
    const { pendingStructs, pendingDs } = doc.store;
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    let state: Uint8Array;
    try {
      state = Y.encodeStateAsUpdate(doc);
    } finally {
      doc.store.pendingStructs = pendingStructs;
      doc.store.pendingDs = pendingDs;
    }
    const partCount = Math.max(1, Math.ceil(state.byteLength / CHECKPOINT_PART_BYTES));
    const id = this.sql
      .exec(
        "INSERT INTO checkpoints (through_seq, at, byte_length, part_count) VALUES (?, ?, ?, ?) RETURNING id",
        throughSeq,
        Date.now(),
        state.byteLength,
        partCount,
      )
      .one().id as number;
    for (let part = 0; part < partCount; part++) {
      this.sql.exec(
        "INSERT INTO checkpoint_parts (checkpoint_id, part, data) VALUES (?, ?, ?)",
        id,
        part,
        state.subarray(part * CHECKPOINT_PART_BYTES, (part + 1) * CHECKPOINT_PART_BYTES),
      );
    }
    // Older checkpoints are derivable from the log; only the newest is needed to load.
    this.sql.exec("DELETE FROM checkpoint_parts WHERE checkpoint_id < ?", id);
    this.sql.exec("DELETE FROM checkpoints WHERE id < ?", id);
    this.updatesSinceCheckpoint = 0;
    this.bytesSinceCheckpoint = 0;
    this.lastCheckpointBytes = state.byteLength;
  }

  /**
   * Folds the log rows after the last folded one into `edit_sessions`: a person's session goes on
   * while their updates are at most EDIT_SESSION_GAP_MS apart. Returns how many sessions it ended.
   */
  foldSessions(): number {
    const through = Number(this.getState(FOLDED_THROUGH) ?? 0);
    const rows = this.sql.exec("SELECT seq, at, user_id, user_name, stats FROM updates WHERE seq > ? ORDER BY seq", through).toArray();
    if (!rows.length) return 0;
    const sessions: FoldingSession[] = [];
    const open = new Map<string, FoldingSession>();
    for (const row of this.sql.exec("SELECT * FROM edit_sessions WHERE finished = 0 ORDER BY id")) {
      const session: FoldingSession = {
        id: row.id as number,
        userId: row.user_id as string,
        userName: row.user_name as string,
        firstSeq: row.first_seq as number,
        lastSeq: row.last_seq as number,
        startedAt: row.started_at as number,
        lastAt: row.last_at as number,
        updates: row.updates as number,
        stats: JSON.parse(row.stats as string) as SectionStats,
        finished: false,
        dirty: false,
      };
      sessions.push(session);
      open.set(session.userId, session);
    }
    let ended = 0;
    for (const row of rows) {
      const seq = row.seq as number;
      const at = row.at as number;
      const userId = row.user_id as string;
      const stats = JSON.parse(row.stats as string) as SectionStats;
      const current = open.get(userId);
      if (current && at - current.lastAt <= EDIT_SESSION_GAP_MS) {
        current.lastSeq = seq;
        current.lastAt = at;
        current.updates++;
        mergeStats(current.stats, stats);
        current.dirty = true;
        continue;
      }
      if (current) {
        current.finished = true;
        current.dirty = true;
        ended++;
      }
      const started: FoldingSession = {
        id: null,
        userId,
        userName: (row.user_name as string | null) ?? userId,
        firstSeq: seq,
        lastSeq: seq,
        startedAt: at,
        lastAt: at,
        updates: 1,
        stats,
        finished: false,
        dirty: true,
      };
      sessions.push(started);
      open.set(userId, started);
    }
    for (const s of sessions) {
      if (!s.dirty) continue;
      if (s.id === null) {
        this.sql.exec(
          "INSERT INTO edit_sessions (user_id, user_name, first_seq, last_seq, started_at, last_at, updates, stats, finished) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          s.userId,
          s.userName,
          s.firstSeq,
          s.lastSeq,
          s.startedAt,
          s.lastAt,
          s.updates,
          JSON.stringify(s.stats),
          s.finished ? 1 : 0,
        );
      } else {
        this.sql.exec(
          "UPDATE edit_sessions SET last_seq = ?, last_at = ?, updates = ?, stats = ?, finished = ? WHERE id = ?",
          s.lastSeq,
          s.lastAt,
          s.updates,
          JSON.stringify(s.stats),
          s.finished ? 1 : 0,
          s.id,
        );
      }
    }
    this.setState(FOLDED_THROUGH, String(rows.at(-1)!.seq as number));
    return ended;
  }

  /**
   * Ends open sessions of one user (they left), or of everyone idle since before a time, after
   * folding the log. Returns how many ended, by the fold's pauses included.
   */
  finishSessions(filter: { userId: string } | { idleBefore: number }): number {
    const ended = this.foldSessions();
    let finished: number;
    if ("userId" in filter) {
      this.lastEditAt.delete(filter.userId);
      finished = this.sql.exec("UPDATE edit_sessions SET finished = 1 WHERE finished = 0 AND user_id = ? RETURNING id", filter.userId).toArray().length;
    } else {
      for (const [userId, at] of this.lastEditAt) if (at < filter.idleBefore) this.lastEditAt.delete(userId);
      finished = this.sql.exec("UPDATE edit_sessions SET finished = 1 WHERE finished = 0 AND last_at < ? RETURNING id", filter.idleBefore).toArray().length;
    }
    return ended + finished;
  }

  hasOpenSessions(): boolean {
    this.foldSessions();
    return this.sql.exec("SELECT COUNT(*) AS n FROM edit_sessions WHERE finished = 0").one().n !== 0;
  }

  unauditedSessions(): EditSession[] {
    this.foldSessions();
    return this.sql.exec("SELECT * FROM edit_sessions WHERE finished = 1 AND audited = 0 ORDER BY id").toArray().map(toSession);
  }

  markAudited(id: number): void {
    this.sql.exec("UPDATE edit_sessions SET audited = 1 WHERE id = ?", id);
  }

  sessions(): EditSession[] {
    this.foldSessions();
    return this.sql.exec("SELECT * FROM edit_sessions ORDER BY started_at, id").toArray().map(toSession);
  }

  getState(key: string): string | null {
    if (this.stateCache.has(key)) return this.stateCache.get(key)!;
    const row = this.sql.exec("SELECT value FROM room_state WHERE key = ?", key).toArray()[0];
    const value = row ? (row.value as string) : null;
    this.stateCache.set(key, value);
    return value;
  }

  setState(key: string, value: string | null): void {
    if (value === null) this.sql.exec("DELETE FROM room_state WHERE key = ?", key);
    else this.sql.exec("INSERT INTO room_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
    this.stateCache.set(key, value);
  }

  logSummary(): { updates: number; bytes: number; lastSeq: number; checkpoints: number } {
    const u = this.sql.exec("SELECT COUNT(*) AS n, COALESCE(SUM(byte_length), 0) AS b, COALESCE(MAX(seq), 0) AS s FROM updates").one();
    const c = this.sql.exec("SELECT COUNT(*) AS n FROM checkpoints").one();
    return { updates: u.n as number, bytes: u.b as number, lastSeq: u.s as number, checkpoints: c.n as number };
  }
}

function toSession(row: Row): EditSession {
  return {
    id: row.id as number,
    userId: row.user_id as string,
    userName: row.user_name as string,
    from: new Date(row.started_at as number).toISOString(),
    to: new Date(row.last_at as number).toISOString(),
    updates: row.updates as number,
    sections: JSON.parse(row.stats as string) as SectionStats,
    finished: (row.finished as number) === 1,
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
