/**
 * A Word draft into a document (docs/word-import.md): `POST /api/documents/{id}/import-docx`
 * previews, `POST /api/documents/{id}/import-docx/apply` applies. Both take the same multipart
 * upload (the .docx in the form field `file`); apply converts it again, so nothing is kept between
 * the two calls.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { DocxImportSchema } from "#shared/api/report.ts";
import { DOCX_FORM_FIELD, DOCX_MAX_BYTES } from "#shared/docx-limits.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { loadEditableDocument } from "../documents/document-access.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../http/api-error.ts";
import { createRouter, errorResponse, jsonContent, writeErrors } from "../http/router.ts";
import { applyDocxImport, previewDocxImport, type DocxUpload } from "../word-import/docx-import.ts";
import { DocumentIdParam } from "./documents.ts";

export const documentImportRoutes = createRouter();

/** The paths whose bodies may be as large as a Word file (worker/app.ts gives them their own limit). */
export const DOCX_IMPORT_PATH = /^\/api\/documents\/[^/]+\/import-docx(?:\/apply)?$/;

const MB = DOCX_MAX_BYTES / 1024 / 1024;
export const DOCX_TOO_LARGE_MESSAGE = `The Word document is larger than ${MB} MB, the most that can be imported. Remove its images (they are not imported anyway) or split it, and upload it again.`;

/**
 * Documented as a plain OpenAPI schema, not a zod one: zod-openapi would then gate the media type
 * and validate the form before the handler, answering 415 or 400 in its own words before the
 * permission check. The handler reads and checks the upload itself (readUpload).
 */
const upload = {
  required: true,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object" as const,
        properties: { [DOCX_FORM_FIELD]: { type: "string" as const, format: "binary", description: `The Word document (.docx), at most ${MB} MB` } },
        required: [DOCX_FORM_FIELD],
      },
    },
  },
};

/** The file's own name, without a path or control characters, for the notes and the audit trail. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return clean || "document.docx";
}

async function readUpload(c: Context<AppEnv>): Promise<DocxUpload> {
  if (!/^multipart\/form-data/i.test(c.req.header("content-type") ?? "")) {
    throw new ApiError(415, "multipart_required", `Send the Word document as multipart/form-data, in the form field "${DOCX_FORM_FIELD}".`);
  }
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new ApiError(400, "bad_upload", "The upload could not be read as a form. Choose the Word document again.");
  }
  const file = form.get(DOCX_FORM_FIELD);
  if (file === null || typeof file === "string") {
    throw new ApiError(400, "file_required", `Attach the Word document (.docx) in the form field "${DOCX_FORM_FIELD}".`);
  }
  if (file.size > DOCX_MAX_BYTES) throw new ApiError(413, "payload_too_large", DOCX_TOO_LARGE_MESSAGE, { maxSize: DOCX_MAX_BYTES, size: file.size });
  return { fileName: cleanFileName(file.name), bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** The caller, and the document whose text they may edit now (404 unseen, 403 never edits, 409 locked): checked before the file is read. */
async function editableDocument(c: Context<AppEnv>, id: string) {
  const user = await requireUser(c);
  const db = database(c.env);
  const doc = await loadEditableDocument(db, user, id, "the text");
  return { user, db, doc };
}

const errors = {
  ...writeErrors,
  409: errorResponse("The text is locked (`text_locked`) or may not be edited at this stage (`wrong_state`)"),
  413: errorResponse(`The file is larger than ${MB} MB (\`payload_too_large\`), or its text too large to convert (\`docx_too_large\`)`),
  415: errorResponse("Not a multipart upload (`multipart_required`), or the file is not a Word document (`not_docx`, with `details.detected`)"),
  422: errorResponse("The Word document has no text to import (`empty_document`)"),
};

const RULES = [
  "Whoever may edit the text now (drafters while drafting or returned; drafters and reviewers in review): 403 for roles that never edit, 409 `text_locked` from clearance on.",
  "A narrative: the text under each house heading (Summary, Prioritized Recommendations, Prosecution, Protection, Prevention, Trafficking Profile;",
  "a Word heading or a paragraph of its own, any case, a trailing colon tolerated) goes to that section, anything before the first to the Summary;",
  "other headings stay as headings where they are. A report section: the whole file goes to its body.",
  "Images, tables, footnotes and links other than web or e-mail addresses are left out; `notes` says what, never a failure.",
].join(" ");

documentImportRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{id}/import-docx",
    summary: "Preview a Word document's import: which text goes to which section (writes nothing)",
    description: `${RULES} Each section says whether the file has text for it (\`inFile\`; only those are replaced), its HTML, word count and first lines, and the words it holds now.`,
    tags: ["Documents"],
    request: { params: DocumentIdParam, body: upload },
    responses: { 200: jsonContent(DocxImportSchema, "The preview (`applied: false`)"), ...errors },
  }),
  async (c) => {
    const { doc } = await editableDocument(c, c.req.valid("param").id);
    return c.json(await previewDocxImport(c.env, doc, await readUpload(c)), 200);
  },
);

documentImportRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{id}/import-docx/apply",
    summary: "Import a Word document: replace every section it has text for, as one edit by the uploader",
    description: [
      RULES,
      "Send the same file as for the preview; it is converted again. The room replaces those sections in one transaction: one update in its log, under the uploader's name,",
      "broadcast to every open editor. Sections the file has no text for stay as they are. A room locked at that moment refuses with 409 `text_locked` and nothing changes.",
      "Audited as `document.import_docx` (file name, sections replaced, their word counts, the notes).",
    ].join(" "),
    tags: ["Documents"],
    request: { params: DocumentIdParam, body: upload },
    responses: { 200: jsonContent(DocxImportSchema, "What was imported (`applied: true`)"), ...errors },
  }),
  async (c) => {
    const { user, db, doc } = await editableDocument(c, c.req.valid("param").id);
    return c.json(await applyDocxImport(c.env, db, { user, requestId: c.get("requestId") }, doc, await readUpload(c)), 200);
  },
);
