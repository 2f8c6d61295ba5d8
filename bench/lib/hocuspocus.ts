/**
 * Hocuspocus as the fourth server: its process (bench/hocuspocus-server.ts) and a socket that
 * lets the bench's one client (test/support/yjs-socket-client.ts) speak Hocuspocus's protocol.
 *
 * Hocuspocus speaks the y-protocols sync and awareness messages unchanged, inside its own frame:
 * every message starts with the document's name, and a connection first authenticates per
 * document. So the same client code is used, through `HocuspocusSocket`, which adds the name
 * and the Auth message going out, strips the name coming in (its SyncReply is a sync message),
 * answers pings, and drops Hocuspocus's own messages (auth replies, sync status). Hocuspocus's
 * own provider is not used: the bench times arrivals per update and holds updates for the trace
 * replays, which needs the client's hooks.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { freePort } from "../../worker/scripts/local-app.ts";
import { ROOT } from "../../worker/scripts/wrangler.ts";
import { waitFor, YjsSocketClient, type SocketLike } from "../../test/support/yjs-socket-client.ts";
import type { BenchTarget } from "./servers.ts";

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const SYNC_REPLY = 4;
const PING = 9;
const PONG = 10;

type Listener = (event: { data: unknown; code: number; reason: string }) => void;

export class HocuspocusSocket implements SocketLike {
  private readonly listeners: { message: Listener[]; close: Listener[] } = { message: [], close: [] };
  private readonly keepAlive: NodeJS.Timeout;

  readonly ws: WebSocket;
  readonly documentName: string;

  constructor(ws: WebSocket, documentName: string) {
    this.ws = ws;
    this.documentName = documentName;
    ws.binaryType = "nodebuffer";
    ws.on("message", (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    ws.on("close", (code: number, reason: Buffer) => {
      clearInterval(this.keepAlive);
      for (const l of this.listeners.close) l({ data: null, code, reason: reason.toString() });
    });
    // Authenticate first (no token is checked: the server has no onAuthenticate hook).
    const auth = this.frame(AUTH);
    encoding.writeVarUint(auth, 0);
    encoding.writeVarString(auth, "bench");
    ws.send(encoding.toUint8Array(auth));
    // The server closes a connection that sent nothing for 60 s; a watcher only receives.
    this.keepAlive = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(encoding.toUint8Array(this.frame(QUERY_AWARENESS))), 20_000);
  }

  private frame(type: number): encoding.Encoder {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.documentName);
    encoding.writeVarUint(encoder, type);
    return encoder;
  }

  private receive(bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === PING) {
      this.ws.send(encoding.toUint8Array(this.frame(PONG)));
      return;
    }
    if (type !== SYNC && type !== SYNC_REPLY && type !== AWARENESS) return;
    const rest = bytes.subarray(decoder.pos);
    const out = new Uint8Array(rest.byteLength + 1);
    out[0] = type === AWARENESS ? AWARENESS : SYNC;
    out.set(rest, 1);
    for (const l of this.listeners.message) l({ data: out, code: 0, reason: "" });
  }

  send(data: Uint8Array | string): void {
    if (typeof data === "string") return;
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.documentName);
    encoding.writeUint8Array(encoder, data);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  close(code?: number, reason?: string): void {
    clearInterval(this.keepAlive);
    this.ws.close(code, reason);
  }

  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(type: "close", listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: "message" | "close", listener: Listener): void {
    this.listeners[type].push(listener);
  }
}

/** The Hocuspocus process, on a database file that survives a SIGKILL and restart. */
export class HocuspocusServer {
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), "tip-bench-hocuspocus-"));
  private port = 0;

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    const child = spawn(
      process.execPath,
      ["--no-warnings", join(ROOT, "bench/hocuspocus-server.ts"), "--port", String(this.port), "--db", join(this.dir, "hocuspocus.sqlite")],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    this.child = child;
    child.once("exit", (code, signal) => {
      if (this.child === child) console.error(`hocuspocus exited unexpectedly (${code ?? signal})`);
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
      child.once("exit", (code) => reject(new Error(`hocuspocus exited with ${code}`)));
    });
  }

  /** SIGKILL: whatever the debounce had not stored yet is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    this.child = null;
    child.kill("SIGKILL");
    await exited;
  }

  target(): BenchTarget {
    return { name: "hocuspocus", connect: (room, options) => connectHocuspocus(this.url, room, options?.applyRemote) };
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function connectHocuspocus(url: string, room: string, applyRemote = true): Promise<YjsSocketClient> {
  const open = async (): Promise<SocketLike> => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return new HocuspocusSocket(ws, room);
  };
  const client = new YjsSocketClient(await open());
  client.applyRemote = applyRemote;
  await waitFor(() => client.synced, `sync with hocuspocus ${room}`, 60_000);
  return client;
}
