/**
 * A document room's SQLite storage: the attributed update log (kept in full: it is the edit
 * history), checkpoints, edit sessions and room state, with append-only schema migrations.
 *
 * All writes are synchronous `ctx.storage.sql.exec` calls made in the turn the update is accepted,
 * so they commit as one implicit transaction and the output gate holds any message sent in that
 * turn until they are durable.
 *
 * Checkpoint policy: a full-state checkpoint after every 500 updates or 1 MiB of log since the last
 * one. Loading then replays at most that much tail (milliseconds), while checkpoints of a typical
 * narrative (tens of KB) cost a small fraction of the log they shortcut. A checkpoint is split into
 * parts of at most 1 MiB, under the 2 MB row limit.
 */
import * as Y from "yjs";

export interface CheckpointPolicy {
  everyUpdates: number;
  everyBytes: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { everyUpdates: 500, everyBytes: 1024 * 1024 };
export const CHECKPOINT_PART_BYTES = 1024 * 1024;
/** A pause longer than this ends a person's edit session. */
export const EDIT_SESSION_GAP_MS = 5 * 60 * 1000;

/** Append-only: never edit an entry, add a new one. */
const MIGRATIONS: string[] = [
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
];

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

export class RoomStorage {
  private updatesSinceCheckpoint = 0;
  private bytesSinceCheckpoint = 0;

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
      options.useCheckpoint === false ? undefined : (this.sql.exec("SELECT id, through_seq FROM checkpoints ORDER BY id DESC LIMIT 1").toArray()[0] as Row | undefined);
    let tailUpdates = 0;
    let tailBytes = 0;
    doc.transact(() => {
      if (checkpoint) {
        const parts = this.sql.exec("SELECT data FROM checkpoint_parts WHERE checkpoint_id = ? ORDER BY part", checkpoint.id).toArray();
        Y.applyUpdate(doc, concat(parts.map((p) => new Uint8Array(p.data as ArrayBuffer))));
        throughSeq = checkpoint.through_seq as number;
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

  /** Appends one accepted update with its attribution and folds it into its author's edit session. */
  append(entry: AppendedUpdate, doc: Y.Doc): { seq: number; finishedSession: boolean } {
    const seq = this.sql
      .exec(
        "INSERT INTO updates (at, user_id, connection_id, byte_length, stats, data) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq",
        entry.at,
        entry.userId,
        entry.connectionId,
        entry.update.byteLength,
        JSON.stringify(entry.stats),
        entry.update,
      )
      .one().seq as number;
    const finishedSession = this.recordInSession(seq, entry);
    this.updatesSinceCheckpoint++;
    this.bytesSinceCheckpoint += entry.update.byteLength;
    if (this.updatesSinceCheckpoint >= this.policy.everyUpdates || this.bytesSinceCheckpoint >= this.policy.everyBytes) {
      this.writeCheckpoint(doc, seq);
    }
    return { seq, finishedSession };
  }

  writeCheckpoint(doc: Y.Doc, throughSeq: number): void {
    const state = Y.encodeStateAsUpdate(doc);
    const partCount = Math.max(1, Math.ceil(state.byteLength / CHECKPOINT_PART_BYTES));
    const id = this.sql
      .exec("INSERT INTO checkpoints (through_seq, at, byte_length, part_count) VALUES (?, ?, ?, ?) RETURNING id", throughSeq, Date.now(), state.byteLength, partCount)
      .one().id as number;
    for (let part = 0; part < partCount; part++) {
      this.sql.exec("INSERT INTO checkpoint_parts (checkpoint_id, part, data) VALUES (?, ?, ?)", id, part, state.subarray(part * CHECKPOINT_PART_BYTES, (part + 1) * CHECKPOINT_PART_BYTES));
    }
    // Older checkpoints are derivable from the log; only the newest is needed to load.
    this.sql.exec("DELETE FROM checkpoint_parts WHERE checkpoint_id < ?", id);
    this.sql.exec("DELETE FROM checkpoints WHERE id < ?", id);
    this.updatesSinceCheckpoint = 0;
    this.bytesSinceCheckpoint = 0;
  }

  private recordInSession(seq: number, entry: AppendedUpdate): boolean {
    const open = this.sql.exec("SELECT id, last_at, stats FROM edit_sessions WHERE user_id = ? AND finished = 0", entry.userId).toArray()[0] as Row | undefined;
    if (open && entry.at - (open.last_at as number) <= EDIT_SESSION_GAP_MS) {
      const stats = mergeStats(JSON.parse(open.stats as string) as SectionStats, entry.stats);
      this.sql.exec("UPDATE edit_sessions SET last_seq = ?, last_at = ?, updates = updates + 1, stats = ? WHERE id = ?", seq, entry.at, JSON.stringify(stats), open.id);
      return false;
    }
    if (open) this.sql.exec("UPDATE edit_sessions SET finished = 1 WHERE id = ?", open.id);
    this.sql.exec(
      "INSERT INTO edit_sessions (user_id, user_name, first_seq, last_seq, started_at, last_at, updates, stats) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
      entry.userId,
      entry.userName,
      seq,
      seq,
      entry.at,
      entry.at,
      JSON.stringify(entry.stats),
    );
    return Boolean(open);
  }

  /** Ends open sessions of one user (they left), or of everyone idle since before a time. Returns how many ended. */
  finishSessions(filter: { userId: string } | { idleBefore: number }): number {
    const cursor =
      "userId" in filter
        ? this.sql.exec("UPDATE edit_sessions SET finished = 1 WHERE finished = 0 AND user_id = ?", filter.userId)
        : this.sql.exec("UPDATE edit_sessions SET finished = 1 WHERE finished = 0 AND last_at < ?", filter.idleBefore);
    return cursor.rowsWritten;
  }

  hasOpenSessions(): boolean {
    return this.sql.exec("SELECT COUNT(*) AS n FROM edit_sessions WHERE finished = 0").one().n !== 0;
  }

  unauditedSessions(): EditSession[] {
    return this.sql.exec("SELECT * FROM edit_sessions WHERE finished = 1 AND audited = 0 ORDER BY id").toArray().map(toSession);
  }

  markAudited(id: number): void {
    this.sql.exec("UPDATE edit_sessions SET audited = 1 WHERE id = ?", id);
  }

  sessions(): EditSession[] {
    return this.sql.exec("SELECT * FROM edit_sessions ORDER BY started_at, id").toArray().map(toSession);
  }

  getState(key: string): string | null {
    const row = this.sql.exec("SELECT value FROM room_state WHERE key = ?", key).toArray()[0];
    return row ? (row.value as string) : null;
  }

  setState(key: string, value: string | null): void {
    if (value === null) this.sql.exec("DELETE FROM room_state WHERE key = ?", key);
    else this.sql.exec("INSERT INTO room_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
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
