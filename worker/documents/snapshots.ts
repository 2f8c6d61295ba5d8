/** Recorded texts: written with the workflow action that recorded them, read back to show and diff. */
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { documentSnapshots } from "../db/schema.ts";
import type { RoomSnapshot } from "../rooms/document-room.ts";

/** The same text recorded twice is one row: the hash identifies it. */
export function snapshotInsert(
  db: Database,
  snapshot: Pick<RoomSnapshot, "documentId" | "hash" | "throughSeq" | "takenAt" | "sections">,
  takenBy: string | null,
) {
  return db
    .insert(documentSnapshots)
    .values({
      documentId: snapshot.documentId,
      hash: snapshot.hash,
      throughSeq: snapshot.throughSeq,
      takenAt: snapshot.takenAt,
      takenBy,
      sections: snapshot.sections,
    })
    .onConflictDoNothing();
}

export async function listSnapshots(db: Database, documentId: string) {
  return db
    .select({ hash: documentSnapshots.hash, takenAt: documentSnapshots.takenAt, takenBy: documentSnapshots.takenBy, throughSeq: documentSnapshots.throughSeq })
    .from(documentSnapshots)
    .where(eq(documentSnapshots.documentId, documentId))
    .orderBy(desc(documentSnapshots.takenAt));
}

export async function findSnapshot(db: Database, documentId: string, hash: string) {
  return db
    .select()
    .from(documentSnapshots)
    .where(and(eq(documentSnapshots.documentId, documentId), eq(documentSnapshots.hash, hash)))
    .get();
}
