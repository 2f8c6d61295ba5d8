/**
 * How the Worker tells a room who is connecting: a header it sets after authenticating the
 * upgrade and asking the policy module. Rooms are reachable only through the Worker, and the
 * Worker overwrites this header on every forwarded request, so a client cannot supply its own.
 */
import { z } from "zod";
import { colorForUser } from "#shared/room-protocol.ts";

export const ROOM_IDENTITY_HEADER = "X-Tip-Room-Identity";

const RoomIdentitySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  email: z.string(),
  color: z.string(),
  canEdit: z.boolean(),
});

export type RoomIdentity = z.infer<typeof RoomIdentitySchema>;

export function roomIdentityHeader(user: { id: string; name: string; email: string }, canEdit: boolean): string {
  const identity: RoomIdentity = { id: user.id, name: user.name, email: user.email, color: colorForUser(user.id), canEdit };
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
