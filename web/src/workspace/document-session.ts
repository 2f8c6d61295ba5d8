/**
 * One open document on this device: its Y.Doc, its local copy (y-indexeddb) and its connection to
 * the room (y-partyserver's provider), built outside React so StrictMode's double mount cannot
 * make two of them. React reads `view` through `subscribe`/`getView` (useSyncExternalStore).
 *
 * The order matters and is kept here:
 * - the local copy loads before the provider connects (so the room sees one SyncStep2, not a race);
 * - the room's welcome arrives before its SyncStep1: a stale local copy (other epoch) or unsaved
 *   changes the room would refuse are dealt with before anything of them is sent;
 * - teardown: editors (React, first), then local copy, then provider, then document.
 */
import YProvider from "y-partyserver/provider";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { documentSections } from "#shared/document-shape.ts";
import type { DocumentKind } from "#shared/documents.ts";
import { parseRoomNotice, ROOM_CLOSE_CODES, ROOM_NOTICES_PARAM, type RoomNotice, type RoomUser } from "#shared/room-protocol.ts";
import { outgoingSyncKind, SaveTracker, type SaveCounts } from "#shared/room-save-tracker.ts";
import { diffSections, type SectionDiff, type SectionText } from "#shared/text-diff.ts";
import { deleteLocalCopy, localCopyName, readUnsavedCount, writeUnsavedCount } from "./local-copies.ts";
import { fragmentText } from "./fragment-text.ts";

export type ConnectionPhase = "loading" | "connecting" | "connected" | "offline" | "closed";

export interface Peer {
  userId: string;
  name: string;
  color: string;
  isYou: boolean;
}

export interface SessionView {
  /** Bumped whenever the Y.Doc is replaced: editors bound to the old one must go. */
  generation: number;
  /** False while a document is being (re)built: render no editor. */
  ready: boolean;
  phase: ConnectionPhase;
  /** The room said this connection may type. False until the welcome says otherwise. */
  canEdit: boolean;
  locked: boolean;
  lockReason: string | null;
  lockedBy: string | null;
  /** Why the connection ended for good (revoked access), for a banner. */
  closedReason: string | null;
  counts: SaveCounts;
  you: RoomUser | null;
  peers: Peer[];
  /** Unsaved changes the room would not take: shown once as a diff, then dropped. */
  discarded: { reason: string; sections: SectionDiff[] } | null;
}

export interface SessionOptions {
  userId: string;
  documentId: string;
  kind: DocumentKind;
  /** The server's text now (for showing refused changes); injected so this module needs no API client. */
  loadServerText: () => Promise<SectionText[]>;
  /** The text was locked, unlocked or moved to another locked state: the page refreshes the document. */
  onWorkflowChange: () => void;
  /** A thread was created, answered or decided: the page reloads the threads. */
  onCommentsChanged: () => void;
}

/**
 * Without a network a socket's closing handshake may never finish, and the provider only lets go
 * of a socket on its close event (until then it will not open another). So the provider is told
 * at once, and the real close, whenever it comes, is kept from it.
 */
function abandonSocket(socket: WebSocket): void {
  socket.addEventListener("close", (event) => event.isTrusted && event.stopImmediatePropagation(), { capture: true });
  socket.dispatchEvent(new CloseEvent("close", { code: 4000, reason: "offline" }));
}

/** Closes after which reconnecting would only be closed again: the person must reload (or close a tab). */
const FINAL_CLOSE_CODES = new Set<number>([ROOM_CLOSE_CODES.unauthenticated, ROOM_CLOSE_CODES.accessRevoked, ROOM_CLOSE_CODES.tooManyConnections]);

export class DocumentSession {
  doc!: Y.Doc;
  provider!: YProvider;
  private persistence: IndexeddbPersistence | null = null;
  private tracker = new SaveTracker();
  private view: SessionView;
  private readonly listeners = new Set<() => void>();
  private destroyed = false;
  private readonly options: SessionOptions;
  private readonly goOffline = () => {
    if (!this.provider) return;
    const socket = this.provider.ws;
    this.provider.disconnect();
    if (socket) abandonSocket(socket);
    if (this.view.ready) this.update({ phase: "offline" });
  };
  private readonly goOnline = () => {
    if (this.view.closedReason !== null || !this.provider) return;
    this.update({ phase: "connecting" });
    void this.provider.connect();
  };

  constructor(options: SessionOptions) {
    this.options = options;
    this.view = {
      generation: 0,
      ready: false,
      phase: "loading",
      canEdit: false,
      locked: false,
      lockReason: null,
      lockedBy: null,
      closedReason: null,
      counts: this.tracker.counts,
      you: null,
      peers: [],
      discarded: null,
    };
    window.addEventListener("offline", this.goOffline);
    window.addEventListener("online", this.goOnline);
    void this.build();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): SessionView => this.view;

  fragment(sectionKey: string): Y.XmlFragment {
    return this.doc.getXmlFragment(sectionKey);
  }

  dismissDiscarded(): void {
    this.update({ discarded: null });
  }

  private update(patch: Partial<SessionView>): void {
    this.view = { ...this.view, ...patch };
    for (const listener of this.listeners) listener();
  }

  private countsChanged(): void {
    const counts = this.tracker.counts;
    writeUnsavedCount(this.options.userId, this.options.documentId, counts.pending);
    this.update({ counts });
  }

  private async build(): Promise<void> {
    const { userId, documentId } = this.options;
    const doc = new Y.Doc();
    this.doc = doc;
    this.tracker = new SaveTracker(readUnsavedCount(userId, documentId));
    // Registered before the provider's own listener, so a change is counted before it is sent.
    doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin === this.persistence || origin === this.provider) return;
      this.tracker.localChange();
      this.countsChanged();
    });
    let storedEpoch: string | null = null;
    try {
      this.persistence = new IndexeddbPersistence(localCopyName(userId, documentId), doc);
      await this.persistence.whenSynced;
      storedEpoch = ((await this.persistence.get("epoch")) as string | undefined) ?? null;
    } catch {
      // No IndexedDB (some private windows): edit online only.
      this.persistence = null;
    }
    if (this.destroyed || doc !== this.doc) return;
    this.provider = new YProvider(window.location.host, documentId, doc, {
      prefix: `/api/documents/${encodeURIComponent(documentId)}/room`,
      protocol: window.location.protocol === "https:" ? "wss" : "ws",
      params: { [ROOM_NOTICES_PARAM]: "1" },
      // Tabs relaying updates to each other would bypass the room's acknowledgements.
      disableBc: true,
      connect: false,
    });
    this.watchProvider(this.provider, storedEpoch);
    this.update({ ready: true, phase: navigator.onLine ? "connecting" : "offline", counts: this.tracker.counts });
    if (navigator.onLine) void this.provider.connect();
  }

  private watchProvider(provider: YProvider, storedEpoch: string | null): void {
    provider.on("status", ({ status }: { status: string }) => {
      if (status === "connecting" && provider.ws) this.countOutgoing(provider.ws);
      if (status === "connected") this.update({ phase: "connected" });
      if (status === "disconnected") this.update({ phase: navigator.onLine && provider.shouldConnect ? "connecting" : "offline" });
    });
    provider.on("connection-close", (event: CloseEvent | null) => {
      this.tracker.connectionClosed();
      this.countsChanged();
      if (event && FINAL_CLOSE_CODES.has(event.code)) {
        // The provider would reconnect forever; a revoked identity must reload to ask again.
        provider.disconnect();
        this.update({ phase: "closed", canEdit: false, closedReason: event.reason || "Your access to this document changed. Reload the page." });
      } else if (!provider.shouldConnect || !navigator.onLine) {
        this.update({ phase: "offline" });
      }
    });
    provider.on("custom-message", (text: string) => this.onNotice(provider, parseRoomNotice(text), storedEpoch));
    provider.awareness.on("change", () => this.update({ peers: this.readPeers(provider) }));
  }

  /** Counts the update messages as they leave, the other half of the room's answers. */
  private countOutgoing(socket: WebSocket): void {
    const send = socket.send.bind(socket);
    socket.send = (data: string | ArrayBufferLike | Blob | ArrayBufferView) => {
      if (data instanceof Uint8Array) {
        const kind = outgoingSyncKind(data);
        if (kind === "update") this.tracker.sentUpdate();
        if (kind === "syncStep2") this.tracker.sentSyncStep2();
        if (kind) this.countsChanged();
      }
      send(data);
    };
  }

  private onNotice(provider: YProvider, notice: RoomNotice | null, storedEpoch: string | null): void {
    if (!notice || provider !== this.provider) return;
    switch (notice.type) {
      case "welcome": {
        if (storedEpoch !== null && storedEpoch !== notice.epoch) {
          // The room's history was replaced since this copy was made: merging it back would undo that.
          provider.disconnect();
          void this.discardLocalChanges("The document was restored on the server after the copy on this device was made, so that copy was not merged back.");
          return;
        }
        if (!notice.canEdit && this.tracker.counts.pending > 0) {
          provider.disconnect();
          void this.discardLocalChanges("You may no longer edit this document, so the changes kept on this device were not saved.");
          return;
        }
        void this.persistence?.set("epoch", notice.epoch);
        this.update({ you: notice.user, canEdit: notice.canEdit, locked: notice.locked, lockReason: notice.lockReason, lockedBy: notice.lockedBy });
        // Our own entry in the people list is the identity the room just welcomed.
        this.update({ peers: this.readPeers(provider) });
        return;
      }
      case "saved":
        this.tracker.answer("saved");
        this.countsChanged();
        return;
      case "refused":
        this.tracker.answer("refused");
        this.update({ canEdit: false });
        if (this.tracker.counts.refused > 0) {
          provider.disconnect();
          void this.discardLocalChanges(notice.message);
        }
        return;
      case "lock": {
        // The page reloads the document only when what it says about the text changed; a version
        // step alone (a clearance list saved) keeps the page's version, so an open form stays stale.
        const textChanged = notice.locked !== this.view.locked || notice.canEdit !== this.view.canEdit || notice.reason !== this.view.lockReason;
        this.update({ canEdit: notice.canEdit, locked: notice.locked, lockReason: notice.reason, lockedBy: notice.lockedBy });
        if (textChanged) this.options.onWorkflowChange();
        return;
      }
      case "comments-changed":
        this.options.onCommentsChanged();
        return;
    }
  }

  private readPeers(provider: YProvider): Peer[] {
    const byUser = new Map<string, Peer>();
    const ownId = provider.awareness.clientID;
    for (const [clientId, state] of provider.awareness.getStates()) {
      // Others' states carry the identity the room verified; our own is what the room welcomed.
      const user = clientId === ownId ? this.view.you : (state as { user?: Partial<RoomUser> }).user;
      if (!user?.id || !user.name) continue;
      const isYou = clientId === ownId || user.id === this.view.you?.id;
      if (!byUser.has(user.id) || isYou) byUser.set(user.id, { userId: user.id, name: user.name, color: user.color ?? "#71767a", isYou });
    }
    return [...byUser.values()].sort((a, b) => Number(b.isYou) - Number(a.isYou) || a.name.localeCompare(b.name));
  }

  private localText(): SectionText[] {
    return documentSections(this.options.kind).map((s) => ({ key: s.key, label: s.label, text: fragmentText(this.doc.getXmlFragment(s.key)) }));
  }

  /** Shows what the room refused against the server's text, then drops the local copy. */
  private async discardLocalChanges(reason: string): Promise<void> {
    const mine = this.localText();
    const theirs = await this.options.loadServerText().catch(() => null);
    const sections = theirs ? diffSections(theirs, mine).filter((s) => s.changed) : [];
    await this.rebuild({ reason, sections });
  }

  /** Replaces the document with a fresh copy from the room, deleting the local copy. */
  private async rebuild(discarded: SessionView["discarded"]): Promise<void> {
    // Editors unmount first (React re-renders on `ready: false`), then the rest is torn down.
    this.update({ ready: false, phase: "loading", canEdit: false, generation: this.view.generation + 1, discarded });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.teardown();
    await deleteLocalCopy(this.options.userId, this.options.documentId);
    if (this.destroyed) return;
    this.tracker = new SaveTracker();
    await this.build();
  }

  private async teardown(): Promise<void> {
    const { persistence, provider, doc } = this;
    this.persistence = null;
    await persistence?.destroy();
    provider?.destroy();
    doc?.destroy();
  }

  /** Called once no page shows this document any more (the editors are gone by then). */
  async destroy(): Promise<void> {
    this.destroyed = true;
    window.removeEventListener("offline", this.goOffline);
    window.removeEventListener("online", this.goOnline);
    await this.teardown();
    this.listeners.clear();
  }
}
