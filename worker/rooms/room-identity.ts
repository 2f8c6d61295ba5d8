/**
 * How the Worker tells a room who is connecting: a header it sets after authenticating the
 * upgrade and asking the policy module. Rooms are reachable only through the Worker, and the
 * Worker overwrites this header on every forwarded request, so a client cannot supply its own.
 * It also carries the document's workflow state as D1 has it, so the room is never behind.
 */
import { z } from "zod";
import { colorForUser } from "#shared/room-protocol.ts";
import { ROLES, type Role } from "#shared/roles.ts";
import { WORKFLOW_STATE_CODES } from "#shared/workflow-states.ts";
import type { WorkflowPosition } from "./room-gate.ts";

export const ROOM_IDENTITY_HEADER = "X-Tip-Room-Identity";

const RoomIdentitySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  email: z.string(),
  color: z.string(),
  /** The person's roles on this document; what they may do follows from these and the state. */
  roles: z.array(z.enum(ROLES)),
  workflow: z.object({ state: z.enum(WORKFLOW_STATE_CODES), version: z.number().int() }),
  /** The client asked for notices (`?notices=1`): only then does the room send it text frames. */
  notices: z.boolean(),
  /** When the sign-in behind this connection ends (Access token or dev session expiry, ms since epoch): the room closes it then. */
  expiresAt: z.number().int().nullable(),
});

export type RoomIdentity = z.infer<typeof RoomIdentitySchema>;

export function roomIdentityHeader(
  user: { id: string; name: string; email: string },
  roles: readonly Role[],
  workflow: Pick<WorkflowPosition, "state" | "version">,
  options: { notices: boolean; expiresAt?: number | null } = { notices: false },
): string {
  const identity: RoomIdentity = {
    id: user.id,
    name: user.name,
    email: user.email,
    color: colorForUser(user.id),
    roles: [...roles],
    workflow: { state: workflow.state, version: workflow.version },
    notices: options.notices,
    expiresAt: options.expiresAt ?? null,
  };
  return encodeURIComponent(JSON.stringify(identity));
}

export function readRoomIdentity(headers: Headers): RoomIdentity | null {
  const raw = headers.get(ROOM_IDENTITY_HEADER);
  if (!raw) return null;
  try {
    const parsed = RoomIdentitySchema.safeParse(JSON.parse(decodeURIComponent(raw)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
