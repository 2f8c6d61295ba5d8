/**
 * A y-websocket protocol client: a real Y.Doc and Awareness synced over any WebSocket-like
 * socket, as a browser editor would be. Used by the Workers tests (socket from SELF.fetch),
 * the crash script and the benchmarks (socket from the `ws` package).
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CUSTOM_MESSAGE_PREFIX, ROOM_CLOSE_CODES, type RoomNotice } from "#shared/room-protocol.ts";

/** The part of a WebSocket this client needs (browser, workerd and `ws` sockets all have it). */
export interface SocketLike {
  send(data: Uint8Array | string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(type: "close", listener: (event: { code: number; reason: string }) => void): void;
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export class YjsSocketClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly notices: RoomNotice[] = [];
  /** Every text frame received, notice or not (a stock client must get none). */
  readonly textFrames: string[] = [];
  /** The kind of every frame in arrival order ("binary:<message type>" or "notice:<type>"). */
  readonly frames: string[] = [];
  /** Sync messages of kind SyncStep2 or Update this client sent (each gets one saved/refused answer). */
  updateMessagesSent = 0;
  /** Remote document updates received (sync step 2 and updates). */
  updatesReceived = 0;
  synced = false;
  closed: { code: number; reason: string } | null = null;
  /** Called with each remote document update as it arrives (benchmarks time arrivals with it). */
  onRemoteUpdate: ((update: Uint8Array) => void) | null = null;
  /** When false, remote document updates are held, not applied (trace replays decide what each author has seen). */
  applyRemote = true;
  readonly held: Uint8Array[] = [];
  private inbox: Promise<void> = Promise.resolve();
  /**
   * When set, a close with 4409 (resync required) opens a new socket with it and resyncs, as a
   * y-websocket provider does after any close: the room refused an update built on one it lacks,
   * and the SyncStep2 answering its SyncStep1 carries both again. Unset, the client stays closed.
   */
  reopen: (() => Promise<SocketLike>) | null = null;
  /** Sockets opened again after a 4409. */
  resyncReconnects = 0;

  socket: SocketLike;

  /** `doc` continues a document a closed client held (a reconnect, as y-websocket does after a close). */
  constructor(socket: SocketLike, doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.socket = socket;
    this.listen(socket);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this || origin instanceof YjsSocketClient || this.closed) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      this.sendRaw(encoding.toUint8Array(encoder));
    });
    this.resync();
  }

  private listen(socket: SocketLike): void {
    // Binary frames may arrive as Blobs; decode them strictly in arrival order.
    socket.addEventListener("message", (event) => {
      if (socket !== this.socket) return;
      const data = event.data;
      this.frames.push(typeof data === "string" ? `notice:${noticeType(data)}` : "binary");
      if (data instanceof Blob) this.inbox = this.inbox.then(async () => this.receive(await data.arrayBuffer()));
      else this.receive(data);
    });
    socket.addEventListener("close", (event) => {
      if (socket !== this.socket) return;
      this.closed = { code: event.code, reason: event.reason };
      if (event.code === ROOM_CLOSE_CODES.resyncRequired && this.reopen) void this.reconnect(this.reopen);
    });
  }

  private async reconnect(reopen: () => Promise<SocketLike>): Promise<void> {
    const socket = await reopen();
    this.resyncReconnects++;
    this.socket = socket;
    this.closed = null;
    this.listen(socket);
    this.resync();
  }

  /** Sends sync step 1 (our state vector); the server answers with everything we lack, as y-websocket's resync does. */
  resync(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.sendRaw(encoding.toUint8Array(encoder));
  }

  private receive(data: unknown): void {
    if (typeof data === "string") {
      this.textFrames.push(data);
      if (data.startsWith(CUSTOM_MESSAGE_PREFIX)) this.notices.push(JSON.parse(data.slice(CUSTOM_MESSAGE_PREFIX.length)) as RoomNotice);
      return;
    }
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const step = decoding.peekVarUint(decoder);
      if (step !== syncProtocol.messageYjsSyncStep1 && (this.onRemoteUpdate || !this.applyRemote)) {
        const peek = decoding.createDecoder(bytes);
        decoding.readVarUint(peek);
        decoding.readVarUint(peek);
        // A copy: socket libraries may reuse the frame's buffer once this handler returns.
        const update = decoding.readVarUint8Array(peek).slice();
        this.onRemoteUpdate?.(update);
        if (!this.applyRemote) {
          this.held.push(update);
          this.updatesReceived++;
          if (step === syncProtocol.messageYjsSyncStep2) this.synced = true;
          return;
        }
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const applied = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (applied === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (applied !== syncProtocol.messageYjsSyncStep1) this.updatesReceived++;
      if (encoding.length(encoder) > 1) this.sendRaw(encoding.toUint8Array(encoder));
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
  }

  /** Applies what was held back, after a trace replay. */
  applyHeld(): void {
    this.applyRemote = true;
    // One applyUpdate per update, never inside a shared transaction: Yjs resolves pending structs and
    // delete sets between updates, and batching them in one transaction can leave deletions unapplied.
    for (const update of this.held.splice(0)) Y.applyUpdate(this.doc, update, this);
  }

  sendRaw(message: Uint8Array | string): void {
    if (this.closed) return;
    if (
      typeof message !== "string" &&
      message.length > 1 &&
      message[0] === 0 &&
      (message[1] === syncProtocol.messageYjsSyncStep2 || message[1] === syncProtocol.messageYjsUpdate)
    ) {
      this.updateMessagesSent++;
    }
    try {
      this.socket.send(message);
    } catch {
      // Closing already (its close event not yet dispatched): dropped, as a browser would; the client resyncs.
    }
  }

  /** The saved/refused answers received so far, in order. */
  answers(): RoomNotice[] {
    return this.notices.filter((n) => n.type === "saved" || n.type === "refused");
  }

  /** Types text at the end of the section's first paragraph (creating it), like an editor would. */
  type(section: string, text: string): void {
    this.doc.transact(() => {
      const fragment = this.doc.getXmlFragment(section);
      let paragraph = fragment.get(0) as Y.XmlElement | undefined;
      if (!paragraph) {
        paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText()]);
        fragment.insert(0, [paragraph]);
      }
      const textNode = paragraph.get(0) as Y.XmlText;
      textNode.insert(textNode.length, text);
    });
  }

  /** The section's text, paragraphs joined by newlines. */
  text(section: string): string {
    return this.doc
      .getXmlFragment(section)
      .toArray()
      .map((paragraph) => ((paragraph as Y.XmlElement).get(0) as Y.XmlText | undefined)?.toString() ?? "")
      .join("\n");
  }

  setPresence(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    this.sendRaw(encoding.toUint8Array(encoder));
  }

  peers(): Record<string, unknown>[] {
    return [...this.awareness.getStates().entries()].filter(([id]) => id !== this.doc.clientID).map(([, s]) => s);
  }

  close(): void {
    if (!this.closed) this.socket.close(1000, "done");
  }
}

function noticeType(text: string): string {
  if (!text.startsWith(CUSTOM_MESSAGE_PREFIX)) return "text";
  try {
    return String((JSON.parse(text.slice(CUSTOM_MESSAGE_PREFIX.length)) as { type?: unknown }).type);
  } catch {
    return "text";
  }
}
