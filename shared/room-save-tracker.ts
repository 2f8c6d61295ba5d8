/**
 * What the server does not have yet, counted from the room's answers (see room-protocol.ts):
 * every SyncStep2 or Update message a connection sends gets exactly one `saved` or `refused`
 * answer, in order. So a client counts its local changes, notes how many each sent message
 * carries, and takes them off when that message's answer comes back. Never a timer.
 *
 * Local changes made while disconnected are "unsent"; the SyncStep2 a client sends in answer to
 * the room's SyncStep1 on the next connection carries all of them at once.
 */
export type SaveAnswer = "saved" | "refused";

export interface SaveCounts {
  /** Local changes the server has not confirmed (unsent plus in flight). */
  pending: number;
  /** Of those, not even sent yet (made while offline). */
  unsent: number;
  /** Local changes the room refused since the last reset. */
  refused: number;
}

export class SaveTracker {
  private unsent: number;
  /** Per update message sent on the current connection, in order: how many local changes it carries. */
  private inFlight: number[] = [];
  private refused = 0;

  constructor(unsentFromEarlier = 0) {
    this.unsent = Math.max(0, Math.floor(unsentFromEarlier));
  }

  /** A local edit happened (before the provider sends it, if it does). */
  localChange(): void {
    this.unsent++;
  }

  /** An Update message carrying one local change left on the socket. */
  sentUpdate(): void {
    const carried = Math.min(1, this.unsent);
    this.unsent -= carried;
    this.inFlight.push(carried);
  }

  /** A SyncStep2 left on the socket: it carries everything the server lacked, so every unsent change. */
  sentSyncStep2(): void {
    this.inFlight.push(this.unsent);
    this.unsent = 0;
  }

  /** The room answered the oldest unanswered message. An answer with nothing in flight is ignored. */
  answer(kind: SaveAnswer): void {
    const carried = this.inFlight.shift();
    if (carried === undefined) return;
    if (kind === "refused") this.refused += carried;
  }

  /** The socket closed: what was in flight may not have been stored, so it is unsent again. */
  connectionClosed(): void {
    for (const carried of this.inFlight) this.unsent += carried;
    this.inFlight = [];
  }

  /** The local copy was dropped (refused changes shown and discarded, or a stale epoch). */
  reset(): void {
    this.unsent = 0;
    this.inFlight = [];
    this.refused = 0;
  }

  get counts(): SaveCounts {
    const inFlight = this.inFlight.reduce((sum, n) => sum + n, 0);
    return { pending: this.unsent + inFlight, unsent: this.unsent, refused: this.refused };
  }
}

/** Kind of a y-websocket frame a client sends, as far as saving is concerned. */
export function outgoingSyncKind(frame: Uint8Array): "syncStep2" | "update" | null {
  // messageSync = 0, then the sync step: 0 SyncStep1, 1 SyncStep2, 2 Update.
  if (frame.length < 2 || frame[0] !== 0) return null;
  if (frame[1] === 1) return "syncStep2";
  if (frame[1] === 2) return "update";
  return null;
}
