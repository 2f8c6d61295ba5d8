/**
 * Every change to a document goes through here: the caller's version is checked, the document's
 * version moves on by exactly one (the database's trigger refuses anything else), and the change
 * commits with its audit event in one batch. A change that lost a race reports the stale version.
 * A change that sets the state then tells the document's room, so its lock and who may type follow
 * the committed state; callers never tell the room themselves.
 */
import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { workflowStateLabel } from "#shared/workflow-states.ts";
import { commitWithAudit, type AuditEntry } from "../audit/audit-log.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import type { Database } from "../db/client.ts";
import { databaseErrorText } from "../db/errors.ts";
import { documents } from "../db/schema.ts";
import { findDocument, type DocumentSummary } from "../documents/document-queries.ts";
import type { Env } from "../env.ts";
import { ApiError } from "../http/api-error.ts";
import { log } from "../http/log.ts";
import { documentRoom } from "../rooms/room-directory.ts";

export interface Actor {
  user: CurrentUser;
  requestId: string | null;
}

/** 409 with where the document stands now, so the client can refresh and retry deliberately. */
export function staleVersion(doc: Pick<DocumentSummary, "id" | "state" | "version">, yourVersion: number): ApiError {
  return new ApiError(
    409,
    "stale_version",
    `The document changed since you loaded it (you had version ${yourVersion}, it is now version ${doc.version}, ${workflowStateLabel(doc.state).toLowerCase()}). Nothing was changed; reload and try again.`,
    {
      current: { state: doc.state, version: doc.version },
    },
  );
}

export function assertCurrentVersion(doc: DocumentSummary, yourVersion: number): void {
  if (yourVersion !== doc.version) throw staleVersion(doc, yourVersion);
}

type DocumentFields = Partial<Pick<typeof documents.$inferInsert, "state" | "textHash" | "clearanceRound">>;

/**
 * Commits `fields` (plus the version step) and `changes` with the audit event; the event names the
 * version acted on. When `fields` sets the state, the room is told afterwards (it only moves
 * forward by version; one that misses it catches up on its next connection, so a failure is logged,
 * never thrown: the change is committed).
 */
export async function commitDocumentChange(
  env: Env,
  db: Database,
  actor: Actor,
  doc: DocumentSummary,
  entry: Omit<AuditEntry, "subjectType" | "subjectId" | "documentId" | "documentVersion">,
  fields: DocumentFields,
  changes: () => BatchItem<"sqlite">[] = () => [],
): Promise<void> {
  try {
    await commitWithAudit(
      db,
      { actor: { id: actor.user.id, email: actor.user.email }, requestId: actor.requestId },
      { ...entry, subjectType: "document", subjectId: doc.id, documentId: doc.id, documentVersion: doc.version },
      () => [
        db
          .update(documents)
          .set({ ...fields, version: doc.version + 1, updatedAt: new Date().toISOString() })
          .where(eq(documents.id, doc.id)),
        ...changes(),
      ],
    );
  } catch (error) {
    if (databaseErrorText(error).includes("stale_document_version")) throw staleVersion((await findDocument(db, doc.id)) ?? doc, doc.version);
    throw error;
  }
  if (fields.state !== undefined) {
    await documentRoom(env, doc.id)
      .applyWorkflow({ state: fields.state, version: doc.version + 1, changedBy: actor.user.name })
      .catch((error: unknown) =>
        log("error", "room did not take the new workflow state; it catches up on the next connection", { documentId: doc.id, error: String(error) }),
      );
  }
}
