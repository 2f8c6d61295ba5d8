/**
 * Bench-only: Hocuspocus 4 as a team would run it instead of our room, in its own Node process
 * (so the crash check can SIGKILL it). Configured as its documentation shows: `new Server({...})`
 * with the database extension, and the server's own store debounce left at its defaults
 * (debounce 2 s, maxDebounce 10 s).
 *
 * The store is @hocuspocus/extension-database over Node 22's built-in `node:sqlite`, with the
 * table and statements of @hocuspocus/extension-sqlite (one row per document, the whole Yjs state,
 * upserted on every debounced store). extension-sqlite itself needs the native better-sqlite3,
 * whose install script npm does not run here; behind the same debounce it is the same store.
 *
 * `node bench/hocuspocus-server.ts --port N --db FILE`; prints "listening" once it accepts.
 */
import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";
import { Database } from "@hocuspocus/extension-database";
import { Server } from "@hocuspocus/server";

const { values } = parseArgs({ options: { port: { type: "string" }, db: { type: "string" } } });
const db = new DatabaseSync(values.db!);
db.exec(`CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))`);
const select = db.prepare(`SELECT data FROM "documents" WHERE name = $name ORDER BY rowid DESC`);
const upsert = db.prepare(`INSERT INTO "documents" ("name", "data") VALUES ($name, $data) ON CONFLICT(name) DO UPDATE SET data = $data`);

const server = new Server({
  port: Number(values.port),
  address: "127.0.0.1",
  quiet: true,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const row = select.get({ $name: documentName }) as { data: Uint8Array } | undefined;
        return row ? new Uint8Array(row.data) : null;
      },
      store: async ({ documentName, state }) => {
        upsert.run({ $name: documentName, $data: state });
      },
    }),
  ],
});

await server.listen();
console.log("listening");
