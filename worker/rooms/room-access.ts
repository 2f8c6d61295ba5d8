/**
 * Revoking access takes effect in open rooms at once. The Worker notes every room a person opens;
 * when anything about them changes (email, name, active, grants), each of those rooms closes their
 * connections (code 4403 with its fixed reason; `why` is only logged),
 * and reconnecting asks the policy afresh (a deactivated person is refused, a narrower one reads).
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { roomVisits } from "../db/schema.ts";
import type { Env } from "../env.ts";
import { log } from "../http/log.ts";
import { documentRoom } from "./room-directory.ts";

export async function recordRoomVisit(db: Database, userId: string, documentId: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insert(roomVisits)
    .values({ userId, documentId, lastConnectedAt: now })
    .onConflictDoUpdate({ target: [roomVisits.userId, roomVisits.documentId], set: { lastConnectedAt: sql`excluded.last_connected_at` } });
}

/** Closes the person's connections in every room they have opened; returns how many were closed. */
export async function closeRoomsOf(env: Pick<Env, "DOCUMENT_ROOM">, db: Database, userId: string, why: string): Promise<number> {
  const visited = await db.select({ documentId: roomVisits.documentId }).from(roomVisits).where(eq(roomVisits.userId, userId));
  const closed = await Promise.all(
    visited.map(({ documentId }) =>
      documentRoom(env, documentId)
        .disconnectUser(userId, why)
        .catch((error: unknown) => {
          log("error", "could not close a revoked user's room connections", { userId, documentId, error: String(error) });
          return 0;
        }),
    ),
  );
  return closed.reduce((a, b) => a + b, 0);
}
