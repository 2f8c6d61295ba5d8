/**
 * The document room on its own, as partyserver's test worker runs its servers: no Worker route, no
 * sign-in, no D1 document or policy check, only the Durable Object and the request the Worker would
 * have built for it. Also a proven restart (a new instance, loading from its storage) and a barrier
 * that holds one of the room's RPC methods, so a test can act at an exact point of a workflow action.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type * as Y from "yjs";
import type { Role } from "#shared/roles.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";
import { DocumentRoom } from "../../worker/rooms/document-room.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { ROOM_IDENTITY_HEADER, roomIdentityHeader } from "../../worker/rooms/room-identity.ts";
import { waitFor, type SocketLike } from "../support/yjs-socket-client.ts";
import { RoomClient } from "./room-client.ts";

/** A room of its own for one test: no seeded country is reserved, nothing else reads it. */
export function harnessRoomId(label: string): string {
  return `2025-harness-${label}-${crypto.randomUUID().slice(0, 8)}`;
}

export interface HarnessPerson {
  id: string;
  name: string;
  roles: Role[];
}

export const HARNESS_DRAFTER: HarnessPerson = { id: "harness-drafter", name: "Harness Drafter", roles: ["drafter"] };
export const HARNESS_READER: HarnessPerson = { id: "harness-reader", name: "Harness Reader", roles: ["leadership"] };

/** Connects straight to the room's Durable Object with the identity the Worker would send (notices on). */
export async function openHarnessRoom(
  documentId: string,
  person: HarnessPerson = HARNESS_DRAFTER,
  workflow: { state: WorkflowState; version: number } = { state: "drafting", version: 1 },
  options: { doc?: Y.Doc } = {},
): Promise<RoomClient> {
  const headers = new Headers({
    Upgrade: "websocket",
    [ROOM_IDENTITY_HEADER]: roomIdentityHeader({ ...person, email: `${person.id}@tip.example.gov` }, person.roles, workflow, { notices: true }),
  });
  const response = await documentRoom(env, documentId).fetch(new Request(`http://room/api/documents/${documentId}/room`, { headers }));
  if (response.status !== 101 || !response.webSocket) throw new Error(`room refused: ${response.status} ${await response.text()}`);
  response.webSocket.accept();
  const client = new RoomClient(response.webSocket as unknown as SocketLike, options.doc);
  // As RoomClient.open: the SyncStep2 leaves only after every accepted update is stored.
  await waitFor(() => client.synced, "initial sync", 15_000);
  return client;
}

/** Which instance of a room object is which: set on the old one, absent from a new one. */
const marked = new WeakSet<object>();

/**
 * Restarts the room and proves it: the old instance is marked, aborted (the abort's own error is
 * expected, any other fails the test), and the instance answering next must be a new one, so what
 * it serves came from its storage, not from memory.
 */
export async function restartRoom(documentId: string): Promise<void> {
  const stub = () => documentRoom(env, documentId);
  await runInDurableObject(stub(), (room) => void marked.add(room));
  const reason = `test restart ${crypto.randomUUID()}`;
  await expect(
    runInDurableObject(stub(), (_room, state) => state.abort(reason)),
    "the restart itself",
  ).rejects.toThrow(reason);
  expect(await runInDurableObject(stub(), (room) => marked.has(room)), "a new room instance after the restart").toBe(false);
}

type RoomMethod = "snapshot" | "holdAndSnapshot" | "applyWorkflow" | "releaseHold";

export interface RoomBarrier {
  /** Resolves once `parties` calls have reached the barrier (their original method has run). */
  reached(timeoutMs?: number): Promise<void>;
  /** Lets the held calls answer their callers. */
  release(): void;
  /** Puts the method back (call in `finally`). */
  restore(): void;
}

/**
 * Holds the next `parties` calls of a room RPC method after it has run and before it answers its
 * caller (the room and the test share one isolate, so the prototype is the one the room uses).
 * A workflow action is then paused exactly between its room call and its D1 commit. Both sides
 * poll plain flags: a promise resolved inside the room and awaited by the test (or the reverse)
 * would carry one Durable Object's I/O context into the other's code.
 */
export function holdRoomCalls(method: RoomMethod, parties = 1): RoomBarrier {
  const original = DocumentRoom.prototype[method] as (this: DocumentRoom, ...args: unknown[]) => Promise<unknown>;
  let arrived = 0;
  let released = false;
  const held = async function (this: DocumentRoom, ...args: unknown[]): Promise<unknown> {
    const result = await original.apply(this, args);
    if (arrived >= parties) return result;
    arrived++;
    while (!released) await new Promise((resolve) => setTimeout(resolve, 1));
    return result;
  };
  const prototype = DocumentRoom.prototype as unknown as Record<RoomMethod, unknown>;
  prototype[method] = held;
  return {
    reached: (timeoutMs = 10_000) => waitFor(() => arrived >= parties, `${parties} call(s) of ${method} held`, timeoutMs),
    release: () => void (released = true),
    restore: () => void (prototype[method] = original),
  };
}
