/**
 * A Yjs client id belongs to the person whose connection first wrote under it. An update that adds
 * structs under someone else's client id is refused: accepted, it would take that person's next
 * clocks, and the room would then drop what they really type next as already known.
 *
 * Owners are recorded in the room's SQLite in the turn the update is stored. Rows logged before
 * this table existed are read back once (first writer wins), from the seq kept in room_state.
 */
import * as Y from "yjs";

const SCANNED_THROUGH = "client_owners_through";

export class ClientOwners {
  private readonly sql: SqlStorage;
  private readonly cache = new Map<number, string>();

  constructor(sql: SqlStorage) {
    this.sql = sql;
  }

  /** Reads the owners of client ids the log holds but the table does not yet (once per room). */
  backfill(): void {
    const through = Number(this.sql.exec("SELECT value FROM room_state WHERE key = ?", SCANNED_THROUGH).toArray()[0]?.value ?? 0);
    let last = through;
    for (const row of this.sql.exec("SELECT seq, user_id, data FROM updates WHERE seq > ? ORDER BY seq", through)) {
      last = row.seq as number;
      let clients: Set<number>;
      try {
        clients = new Set(Y.decodeUpdate(new Uint8Array(row.data as ArrayBuffer)).structs.map((s) => s.id.client));
      } catch {
        continue;
      }
      for (const client of clients) this.sql.exec("INSERT OR IGNORE INTO client_owners (client, user_id) VALUES (?, ?)", client, row.user_id as string);
    }
    if (last !== through) this.sql.exec("INSERT OR REPLACE INTO room_state (key, value) VALUES (?, ?)", SCANNED_THROUGH, String(last));
  }

  owner(client: number): string | null {
    const cached = this.cache.get(client);
    if (cached !== undefined) return cached;
    const row = this.sql.exec("SELECT user_id FROM client_owners WHERE client = ?", client).toArray()[0];
    if (!row) return null;
    this.cache.set(client, row.user_id as string);
    return row.user_id as string;
  }

  /** The first of `clients` owned by someone other than `userId`, or null. */
  foreignClient(clients: readonly number[], userId: string): number | null {
    for (const client of clients) {
      const owner = this.owner(client);
      if (owner !== null && owner !== userId) return client;
    }
    return null;
  }

  /** Records `userId` as the owner of the client ids it just wrote under (those not owned yet). */
  claim(clients: readonly number[], userId: string): void {
    for (const client of clients) {
      if (this.owner(client) !== null) continue;
      this.sql.exec("INSERT OR IGNORE INTO client_owners (client, user_id) VALUES (?, ?)", client, userId);
      this.cache.set(client, userId);
    }
  }
}
