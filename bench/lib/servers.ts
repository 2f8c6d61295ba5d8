/**
 * The servers a benchmark compares, each reached by the same client code:
 * - ours: the app under `wrangler dev` (bench build), rooms behind the real authenticated route;
 * - stock: a stock y-partyserver room without persistence, in the same local runtime;
 * - reference: the y-websocket reference server (@y/websocket-server 0.1.1), in memory, in Node;
 * - hocuspocus: Hocuspocus 4 with its database store, in its own Node process (hocuspocus.ts).
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupWSConnection } from "@y/websocket-server/utils";
import WebSocket, { WebSocketServer } from "ws";
import { freePort, killTree, startLocalApp, startWranglerDev, type LocalApp } from "../../worker/scripts/local-app.ts";
import { waitFor, YjsSocketClient, type SocketLike } from "../../test/support/yjs-socket-client.ts";

export type ServerName = "ours" | "stock" | "reference" | "hocuspocus";

export interface BenchTarget {
  name: ServerName;
  /** Opens a synced client on the room named `room` (a document id for ours). */
  /**
   * `onePerson`: the client connects as the run's one shared person (ours only). A trace replay's
   * authors apply each other's edits directly, not through the room, so a SyncStep2 after a 4409
   * reconnect can carry the other author's edits, which the room refuses under another person's
   * client id; as one person (one officer in two tabs) they may.
   */
  connect(room: string, options?: { applyRemote?: boolean; onePerson?: boolean }): Promise<YjsSocketClient>;
}

export const BENCH_CONFIG = "bench/wrangler.bench.toml";
/** The bench build under `wrangler dev`, without wrangler's line per request unless BENCH_VERBOSE=1. */
const RUNTIME = {
  vars: { AUTH_MODE: "dev", SESSION_SECRET: "bench-session-secret-not-for-production" },
  config: BENCH_CONFIG,
  ...(process.env.BENCH_VERBOSE === "1" ? { verbose: true } : { logLevel: "warn" as const }),
};
const EDITORS = 50;

/**
 * A `ws` socket whose messages wait for the client's listener: frames that arrive in the same TCP
 * read as the upgrade's answer are emitted right after "open", before the client (made once
 * "open" resolved) listens, and were lost (the server's SyncStep1, which a reconnecting client
 * answers with what the server lacks).
 */
function holdEarlyMessages(socket: WebSocket): SocketLike {
  const early: unknown[] = [];
  let deliver: ((event: { data: unknown }) => void) | null = null;
  socket.on("message", (data: Buffer, isBinary: boolean) => {
    const payload = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice() : data.toString();
    if (deliver) deliver({ data: payload });
    else early.push(payload);
  });
  return {
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
    addEventListener: ((type: "message" | "close", listener: (event: never) => void) => {
      if (type === "close")
        socket.on("close", (code: number, reason: Buffer) => (listener as (e: { code: number; reason: string }) => void)({ code, reason: reason.toString() }));
      else {
        deliver = listener as (event: { data: unknown }) => void;
        for (const data of early.splice(0)) deliver({ data });
      }
    }) as SocketLike["addEventListener"],
  };
}

async function openClient(url: string, headers: Record<string, string>, applyRemote = true): Promise<YjsSocketClient> {
  const open = async (): Promise<SocketLike> => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    const held = holdEarlyMessages(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    socket.setMaxListeners(0);
    return held;
  };
  const client = new YjsSocketClient(await open());
  // Our room closes a socket with 4409 when an update builds on one it lacks: reconnect and resync, as y-websocket does.
  client.reopen = open;
  client.applyRemote = applyRemote;
  await waitFor(() => client.synced, `sync with ${url}`, 30_000);
  return client;
}

export class RuntimeUnderTest {
  app!: LocalApp;
  readonly persistTo = mkdtempSync(join(tmpdir(), "tip-bench-"));
  private cookie = "";
  private port = 0;
  /** Signed-in AF drafters, one per bench editor: a person may hold only 8 connections to a room. */
  private editors: string[] = [];
  private nextEditor = 0;
  private editorsImported = false;

  /** Starts the app on the demo data alone; `addEditors` before any room is opened through `ours()`. */
  async start(): Promise<void> {
    this.app = await startLocalApp({ ...RUNTIME, persistTo: this.persistTo });
    this.port = Number(new URL(this.app.url).port);
    await this.signIn();
  }

  /**
   * Imports 50 AF drafters through the admin API (as an administrator would), once per bench
   * storage, and signs them in. They are the bench's, not the demo's: every AF narrative then
   * waits on 52 drafters, so the API section measures the demo data before they exist.
   */
  async addEditors(): Promise<void> {
    if (this.editorsImported) return;
    await this.importEditors();
    this.editorsImported = true;
    await this.signIn();
  }

  private async importEditors(): Promise<void> {
    const admin = await this.cookieFor("admin@tip.example.gov");
    const csv = [
      "email,name,role,scope,office,active",
      ...Array.from({ length: EDITORS }, (_, i) => `bench.editor.${i}@tip.example.gov,Bench Editor ${i},drafter,region:AF,,true`),
    ].join("\n");
    const res = await fetch(`${this.app.url}/api/admin/users/import`, {
      method: "POST",
      headers: { Cookie: admin, Origin: this.app.url, "Content-Type": "text/csv" },
      body: csv,
    });
    if (!res.ok) throw new Error(`bench editors import failed: ${res.status} ${await res.text()}`);
  }

  private async cookieFor(email: string): Promise<string> {
    const res = await fetch(`${this.app.url}/auth/dev/login`, {
      method: "POST",
      headers: { Origin: this.app.url, "Content-Type": "application/json" },
      body: JSON.stringify({ email }),
    });
    if (!res.ok) throw new Error(`bench sign-in as ${email} failed: ${res.status}`);
    return res.headers.get("set-cookie")!.split(";")[0]!;
  }

  /** SIGKILLs the runtime (wrangler and workerd) and starts it again on the same storage: the crash check. */
  async killAndRestart(): Promise<void> {
    const exited = new Promise((r) => this.app.process.once("exit", r));
    killTree(this.app.process.pid!);
    await exited;
    this.app = await startWranglerDev({ ...RUNTIME, persistTo: this.persistTo, port: this.port });
    await this.signIn();
  }

  /**
   * Bench-only rooms for `--only gap`, each adding one part of ours to the stock room: the stock
   * room writing one log row per update before its broadcast, and our room with its writes skipped.
   */
  gapVariant(kind: "stock" | "stockWithLogRow" | "oursWithoutWrite" | "ours"): BenchTarget {
    const path = { stock: "stock", stockWithLogRow: "stock-log-row", oursWithoutWrite: "ours-no-write", ours: "ours" }[kind];
    return { name: "ours", connect: (room, options) => openClient(`${this.url.replace("http", "ws")}/bench/${path}/${room}`, {}, options?.applyRemote) };
  }

  /** Stops and starts the runtime on the same storage: every room's next open is a cold one. */
  async restart(): Promise<void> {
    await this.app.stop();
    this.app = await startWranglerDev({ ...RUNTIME, persistTo: this.persistTo, port: this.port });
    await this.signIn();
  }

  private async signIn(): Promise<void> {
    this.cookie = await this.cookieFor("drafter.af@tip.example.gov");
    this.editors = [];
    if (!this.editorsImported) return;
    for (let i = 0; i < EDITORS; i++) this.editors.push(await this.cookieFor(`bench.editor.${i}@tip.example.gov`));
  }

  get url(): string {
    return this.app.url;
  }

  get sessionCookie(): string {
    return this.cookie;
  }

  /** Rooms behind the real route: the document must exist and be editable by the AF drafter. */
  ours(): BenchTarget {
    return {
      name: "ours",
      connect: (room, options) => {
        if (!this.editors.length) throw new Error("RuntimeUnderTest.addEditors() must run before rooms are opened through ours()");
        const cookie = options?.onePerson ? this.cookie : this.editors[this.nextEditor++ % this.editors.length]!;
        return openClient(`${this.url.replace("http", "ws")}/api/documents/${room}/room`, { Cookie: cookie, Origin: this.url }, options?.applyRemote);
      },
    };
  }

  /** Our room class on any name, for seeding and for the uncheckpointed variant. */
  variant(kind: "ours" | "uncheckpointed"): BenchTarget {
    return { name: "ours", connect: (room, options) => openClient(`${this.url.replace("http", "ws")}/bench/${kind}/${room}`, {}, options?.applyRemote) };
  }

  stock(): BenchTarget {
    return { name: "stock", connect: (room, options) => openClient(`${this.url.replace("http", "ws")}/bench/stock/${room}`, {}, options?.applyRemote) };
  }

  async roomStatus(
    kind: "ours" | "uncheckpointed",
    room: string,
  ): Promise<{ log: { updates: number; bytes: number; checkpoints: number }; writes?: { batches: number; updates: number; largestBatch: number } }> {
    return (await fetch(`${this.url}/bench/${kind}/${room}/status`)).json() as Promise<{ log: { updates: number; bytes: number; checkpoints: number } }>;
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    rmSync(this.persistTo, { recursive: true, force: true });
  }
}

export class ReferenceServer {
  private server!: Server;
  url = "";

  async start(): Promise<void> {
    const port = await freePort();
    this.server = createServer((_req, res) => res.end("y-websocket reference"));
    const wss = new WebSocketServer({ server: this.server, perMessageDeflate: false });
    wss.on("connection", (conn, req) => setupWSConnection(conn, req, { docName: (req.url ?? "/").slice(1), gc: true }));
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    this.url = `ws://127.0.0.1:${port}`;
  }

  target(): BenchTarget {
    return { name: "reference", connect: (room, options) => openClient(`${this.url}/${room}`, {}, options?.applyRemote) };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
