/**
 * Presence must show who someone really is. An awareness update from a connection is decoded,
 * every state's `user` is overwritten with the connection's verified identity, and entries for
 * client ids another connection controls are dropped. Malformed payloads are refused whole.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { RoomUser } from "#shared/room-protocol.ts";

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

const MAX_ENTRIES = 64;

/** Decodes an awareness update; null when it is not a well-formed one. */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES) return null;
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
      if (state !== null && (typeof state !== "object" || Array.isArray(state))) return null;
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    if (decoding.hasContent(decoder)) return null;
    return entries;
  } catch {
    return null;
  }
}

export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The update as the room will apply and relay it: identity stamped from the connection,
 * foreign client ids removed. Null when nothing acceptable remains.
 */
export function guardAwareness(
  update: Uint8Array,
  user: RoomUser,
  isForeignClient: (clientId: number) => boolean,
): { update: Uint8Array; entries: AwarenessEntry[] } | null {
  const entries = decodeAwareness(update);
  if (!entries) return null;
  const kept = entries
    .filter((e) => !isForeignClient(e.clientId))
    .map((e) => (e.state === null ? e : { ...e, state: { ...e.state, user: { id: user.id, name: user.name, color: user.color } } }));
  return kept.length ? { update: encodeAwareness(kept), entries: kept } : null;
}
