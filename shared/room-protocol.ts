/**
 * What a document room says to its clients beyond the standard y-websocket protocol. Notices travel
 * as y-partyserver custom messages (`__YPS:` + JSON), so a stock provider receives them as
 * `custom-message` events and the editor can react (turn read-only, show who locked it).
 */
export const MAX_ROOM_MESSAGE_BYTES = 1024 * 1024;

/** WebSocket close codes the room uses, by name. */
export const ROOM_CLOSE_CODES = {
  /** A single message exceeded MAX_ROOM_MESSAGE_BYTES; nothing of it was applied. */
  messageTooBig: 1009,
  /** The room failed to store an update and restarted; reconnect to resync. */
  storageFailure: 1011,
  /** The person was deactivated or lost a role: reconnecting asks the policy afresh. */
  accessRevoked: 4403,
} as const;

export interface RoomUser {
  id: string;
  name: string;
  color: string;
}

export type ReadOnlyReason = "no-edit-right" | "locked";

export type RoomNotice =
  | { type: "welcome"; user: RoomUser; canEdit: boolean; locked: boolean; lockReason: string | null }
  | { type: "read-only"; reason: ReadOnlyReason; message: string }
  /** The room's lock or the workflow state changed: what this connection may do now. */
  | { type: "lock"; locked: boolean; reason: string | null; canEdit: boolean };

export const CUSTOM_MESSAGE_PREFIX = "__YPS:";

export function readOnlyMessage(reason: ReadOnlyReason, lockReason?: string | null): string {
  return reason === "locked"
    ? `This document is locked${lockReason ? ` (${lockReason})` : ""}; your change was not saved.`
    : "You may read this document but not edit it in its current state; your change was not saved.";
}

const PALETTE = ["#005ea2", "#d83933", "#00a91c", "#8168b3", "#e66f0e", "#008817", "#c05600", "#1a4480", "#a23737", "#4d8055"];

/** A stable colour per user, so a person keeps their caret colour across sessions. */
export function colorForUser(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
