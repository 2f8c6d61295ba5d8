/**
 * A Word draft into a document (docs/word-import.md): the preview says what goes where; applying
 * it converts the same file again (the route is stateless) and asks the room to replace every
 * section the file has text for, as one edit by the uploader, then records `document.import_docx`.
 */
import type { z } from "@hono/zod-openapi";
import type { DocxImportSchema } from "#shared/api/report.ts";
import { previewSections, sectionDoc } from "#shared/word-import.ts";
import { commitWithAudit } from "../audit/audit-log.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import type { Database } from "../db/client.ts";
import type { DocumentSummary } from "../documents/document-queries.ts";
import type { Env } from "../env.ts";
import { ApiError } from "../http/api-error.ts";
import { log } from "../http/log.ts";
import { rolesOn } from "../policy/policy.ts";
import { documentRoom } from "../rooms/room-directory.ts";
import { convertDocx } from "./docx-convert.ts";

export type DocxImport = z.infer<typeof DocxImportSchema>;

export interface DocxUpload {
  fileName: string;
  bytes: Uint8Array;
}

/** What the import would do: each section's text from the file against the words there now. Writes nothing. The route has checked the edit right. */
export async function previewDocxImport(env: Env, doc: DocumentSummary, upload: DocxUpload): Promise<DocxImport> {
  const { split, notes } = await convertDocx(upload.bytes, doc.kind);
  const current = await documentRoom(env, doc.id).wordCounts();
  const sections = previewSections(split, current);
  return { documentId: doc.id, applied: false, fileName: upload.fileName, sections, replaces: sections.filter((s) => s.inFile).map((s) => s.key), notes };
}

/**
 * Replaces every section the file has text for, as one room update by the uploader; 409
 * `text_locked` when the room refuses (locked, or the workflow moved since the route's check).
 */
export async function applyDocxImport(
  env: Env,
  db: Database,
  context: { user: CurrentUser; requestId: string | null },
  doc: DocumentSummary,
  upload: DocxUpload,
): Promise<DocxImport> {
  const { user } = context;
  const { split, notes } = await convertDocx(upload.bytes, doc.kind);
  const parts = split.sections.filter((s) => s.inFile);
  const outcome = await documentRoom(env, doc.id).importSections({
    importId: crypto.randomUUID(),
    sections: parts.map((s) => ({ key: s.key, json: sectionDoc(s) })),
    by: { id: user.id, name: user.name, roles: [...rolesOn(user, doc)] },
    workflow: { state: doc.state, version: doc.version },
  });
  if (!outcome.applied && "refused" in outcome) {
    throw new ApiError(409, "text_locked", `The text is locked${outcome.lockReason ? ` (${outcome.lockReason})` : ""}; the Word document was not imported.`, {
      reason: outcome.refused,
      lockReason: outcome.lockReason,
      lockedBy: outcome.lockedBy,
    });
  }
  if (!outcome.applied) throw new ApiError(422, "docx_unconvertible", `The Word document could not be applied: ${outcome.invalid}`);
  const sections = previewSections(split, outcome.words);
  const words = Object.fromEntries(sections.filter((s) => s.inFile).map((s) => [s.key, s.words]));
  try {
    await commitWithAudit(
      db,
      { actor: { id: user.id, email: user.email }, requestId: context.requestId },
      {
        action: "document.import_docx",
        subjectType: "document",
        subjectId: doc.id,
        documentId: doc.id,
        documentVersion: doc.version,
        details: { fileName: upload.fileName, bytes: upload.bytes.byteLength, sections: outcome.replaced, words, notes },
      },
    );
  } catch (error) {
    // The room already holds the text (in its log, under the uploader's name); only the audit event is missing.
    log("error", "a Word import is in the text but its audit event could not be written", { documentId: doc.id, error: String(error) });
    throw error;
  }
  return { documentId: doc.id, applied: true, fileName: upload.fileName, sections, replaces: outcome.replaced, notes };
}
