/**
 * Where every read and every change of one document starts: the document by id, checked against
 * the policy. A document the caller may not see is 404, exactly like one that does not exist, so
 * an id never tells an outsider what is there.
 */
import type { CurrentUser } from "../auth/current-user.ts";
import type { Database } from "../db/client.ts";
import { assertCanEditWithText, assertCanRead } from "../policy/policy.ts";
import { findDocument, type DocumentSummary } from "./document-queries.ts";

/** The document, or 404 when it does not exist or the caller may not read it. */
export async function loadReadableDocument(db: Database, user: CurrentUser, id: string): Promise<DocumentSummary> {
  const doc = await findDocument(db, id);
  assertCanRead(user, doc);
  return doc;
}

/** The document whose text (and `what` goes with it) the caller may edit now: 404 unseen, 403 never edits, 409 locked or wrong stage. */
export async function loadEditableDocument(db: Database, user: CurrentUser, id: string, what: string): Promise<DocumentSummary> {
  const doc = await loadReadableDocument(db, user, id);
  assertCanEditWithText(user, doc, what);
  return doc;
}
