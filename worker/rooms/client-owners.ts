/**
 * A Yjs client id belongs to the person whose connection first wrote under it. An update that adds
 * structs under someone else's client id is refused: accepted, it would take that person's next
 * clocks, and the room would then drop what they really type next as already known.
 *
 * Owners are recorded in the room's SQLite in the turn the update is stored. Rows logged before
 * this table existed are read back once (first writer wins); room_state notes that it was done.
 */
import * as Y from "yjs";

const BACKFILLED = "client_owners_backfilled";

export class ClientOwners {
  private readonly sql: SqlStorage;
  private readonly cache = new Map<number, string>();

  constructor(sql: SqlStorage) {
    this.sql = sql;
  }

  /** Once per room: reads the owners of the client ids in rows logged before this table existed. */
  backfill(): void {
    if (this.sql.exec("SELECT 1 FROM room_state WHERE key = ?", BACKFILLED).toArray().length) return;
    for (const row of this.sql.exec("SELECT user_id, data FROM updates ORDER BY seq")) {
      let clients: Set<number>;
      try {
        clients = new Set(Y.decodeUpdate(new Uint8Array(row.data as ArrayBuffer)).structs.map((s) => s.id.client));
      } catch {
        continue;
      }
      for (const client of clients) this.sql.exec("INSERT OR IGNORE INTO client_owners (client, user_id) VALUES (?, ?)", client, row.user_id as string);
    }
    // From here on every stored update claims its client ids itself (claim()).
    this.sql.exec("INSERT OR REPLACE INTO room_state (key, value) VALUES (?, '1')", BACKFILLED);
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
