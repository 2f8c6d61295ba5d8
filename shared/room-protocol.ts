/**
 * What a document room says to its clients beyond the standard y-websocket protocol.
 *
 * Notices travel as y-partyserver custom messages (text frames, `__YPS:` + JSON) and only to a
 * connection that asked for them with `?notices=1` (the workspace's provider does): a stock
 * y-websocket client receives nothing but the standard binary protocol, which it can decode.
 *
 * Acknowledgements ("saved means stored"): for every sync message of kind SyncStep2 or Update that
 * a notice-taking connection sends, the room answers exactly one `saved` or `refused` notice, in
 * the order the messages arrived. `saved` is sent after the update's row is written in the same
 * turn, so the output gate lets it leave only once the row is durable. An update that brings
 * nothing new (a reader's empty SyncStep2) is answered `saved` and is never a refusal. A client
 * counts the update messages it sent on a connection and the answers it got; the difference is
 * what the server does not yet have.
 */
export const MAX_ROOM_MESSAGE_BYTES = 1024 * 1024;

/** Query parameter with which a client asks for notices (value "1"). */
export const ROOM_NOTICES_PARAM = "notices";

/**
 * WebSocket close codes the room uses, by name; each has the fixed reason in ROOM_CLOSE_REASONS.
 * A stock y-websocket client reconnects (and resyncs) on any close; the workspace treats
 * `unauthenticated` and `accessRevoked` as final (the page must reload to ask again).
 */
export const ROOM_CLOSE_CODES = {
  /** A single message exceeded MAX_ROOM_MESSAGE_BYTES; nothing of it was applied. */
  messageTooBig: 1009,
  /** The room failed to store an update and restarted; reconnect to resync. */
  storageFailure: 1011,
  /** No identity reached the room, or the sign-in (Access token or session) expired. */
  unauthenticated: 4401,
  /** The person was deactivated or changed (email, grants): reconnecting asks the policy afresh. */
  accessRevoked: 4403,
  /**
   * An update built on edits the room does not have (yet): nothing of it was applied, stored or
   * kept. Reconnect and resync: the client's SyncStep2 carries it again with what it builds on.
   */
  resyncRequired: 4409,
  /** The person already has MAX_ROOM_CONNECTIONS_PER_PERSON connections to this room. */
  tooManyConnections: 4429,
} as const;

export type RoomCloseCode = (typeof ROOM_CLOSE_CODES)[keyof typeof ROOM_CLOSE_CODES];

/** The one reason sent with each close code (at most 123 bytes each, the WebSocket limit). */
export const ROOM_CLOSE_REASONS: Readonly<Record<keyof typeof ROOM_CLOSE_CODES, string>> = {
  messageTooBig: "Message larger than 1 MiB refused; nothing of it was applied.",
  storageFailure: "The document could not be saved; reconnecting.",
  unauthenticated: "Your sign-in ended or is missing; reload the page to sign in again.",
  accessRevoked: "Your access to this document changed; reload the page.",
  resyncRequired: "An update arrived before the edits it builds on; reconnecting to resync.",
  tooManyConnections: "Too many open connections to this document; close another tab.",
};

/** How many connections one person may hold open to one room. */
export const MAX_ROOM_CONNECTIONS_PER_PERSON = 8;

/** Presence limits per connection, checked before anything of an awareness message is applied. */
export const ROOM_PRESENCE_LIMITS = {
  /** Distinct awareness client ids one connection may ever claim. */
  clientIdsPerConnection: 4,
  /** Bytes of one awareness message (all its states together). */
  messageBytes: 4096,
} as const;

export interface RoomUser {
  id: string;
  name: string;
  color: string;
}

export type ReadOnlyReason = "no-edit-right" | "locked";

export type RoomNotice =
  /**
   * First message on a connection, sent before the room's SyncStep1. `epoch` names the room's
   * current history: a client holding a local copy made under another epoch drops it instead of
   * merging old text back (a server-side restore starts a new epoch).
   */
  | {
      type: "welcome";
      user: RoomUser;
      canEdit: boolean;
      locked: boolean;
      lockReason: string | null;
      /** Who caused the lock (the person whose workflow action locked the text), when known. */
      lockedBy: string | null;
      epoch: string;
    }
  /** The next unanswered update message of this connection is stored (or brought nothing new). */
  | { type: "saved" }
  /** The next unanswered update message of this connection was not applied and not stored. */
  | { type: "refused"; reason: ReadOnlyReason | "malformed"; message: string }
  /** The room's lock or the workflow state changed: what this connection may do now. */
  | { type: "lock"; locked: boolean; reason: string | null; lockedBy: string | null; canEdit: boolean }
  /** A comment thread of this document was created, answered or decided (after the D1 commit): reload the threads. */
  | { type: "comments-changed" };

export const CUSTOM_MESSAGE_PREFIX = "__YPS:";

export function readOnlyMessage(reason: ReadOnlyReason, lockReason?: string | null): string {
  return reason === "locked"
    ? `This document is locked${lockReason ? ` (${lockReason})` : ""}; your change was not saved.`
    : "You may read this document but not edit it in its current state; your change was not saved.";
}

export function parseRoomNotice(text: string): RoomNotice | null {
  try {
    const value = JSON.parse(text) as { type?: unknown };
    return value && typeof value === "object" && typeof value.type === "string" ? (value as RoomNotice) : null;
  } catch {
    return null;
  }
}

const PALETTE = ["#005ea2", "#d83933", "#00a91c", "#8168b3", "#e66f0e", "#008817", "#c05600", "#1a4480", "#a23737", "#4d8055"];

/** A stable colour per user, so a person keeps their caret colour across sessions. */
export function colorForUser(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
