/**
 * A y-websocket protocol client for tests: a real Y.Doc and Awareness synced over the room's
 * WebSocket, as a browser editor would be (no mocks of Yjs or the room).
 */
import { SELF } from "cloudflare:test";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CUSTOM_MESSAGE_PREFIX, type RoomNotice } from "../../shared/room-protocol.ts";
import { ORIGIN, sessionCookie } from "./api.ts";

export async function openRoomResponse(userId: string | null, documentId: string, headers: Record<string, string> = {}): Promise<Response> {
  const h: Record<string, string> = { Upgrade: "websocket", Origin: ORIGIN, ...headers };
  if (userId) h.Cookie = await sessionCookie(userId);
  return SELF.fetch(`${ORIGIN}/api/documents/${documentId}/room`, { headers: h });
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export class RoomClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly notices: RoomNotice[] = [];
  /** Remote document updates received (sync step 2 and updates). */
  updatesReceived = 0;
  synced = false;
  closed: { code: number; reason: string } | null = null;
  private inbox: Promise<void> = Promise.resolve();

  private constructor(readonly ws: WebSocket) {
    ws.accept();
    // Binary frames arrive as Blobs here; decode them strictly in arrival order.
    ws.addEventListener("message", (event) => {
      const data = event.data as unknown;
      this.inbox = this.inbox.then(async () => this.receive(data instanceof Blob ? await data.arrayBuffer() : data));
    });
    ws.addEventListener("close", (event) => {
      this.closed = { code: event.code, reason: event.reason };
    });
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      this.sendRaw(encoding.toUint8Array(encoder));
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.sendRaw(encoding.toUint8Array(encoder));
  }

  static async open(userId: string, documentId: string): Promise<RoomClient> {
    const response = await openRoomResponse(userId, documentId);
    if (response.status !== 101 || !response.webSocket) throw new Error(`room refused: ${response.status} ${await response.text()}`);
    const client = new RoomClient(response.webSocket);
    await waitFor(() => client.synced, "initial sync");
    return client;
  }

  private receive(data: unknown): void {
    if (typeof data === "string") {
      if (data.startsWith(CUSTOM_MESSAGE_PREFIX)) this.notices.push(JSON.parse(data.slice(CUSTOM_MESSAGE_PREFIX.length)) as RoomNotice);
      return;
    }
    const decoder = decoding.createDecoder(new Uint8Array(data as ArrayBuffer));
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (step === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (step !== syncProtocol.messageYjsSyncStep1) this.updatesReceived++;
      if (encoding.length(encoder) > 1) this.sendRaw(encoding.toUint8Array(encoder));
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
  }

  sendRaw(message: Uint8Array | string): void {
    if (this.closed) return;
    this.ws.send(message);
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
    if (!this.closed) this.ws.close(1000, "done");
  }
}
