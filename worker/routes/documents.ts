/** /api/documents/:id — one document as the caller may see it, and the workflow actions taken on it. */
import { createRoute, z } from "@hono/zod-openapi";
import { ActionRequestSchema, DocumentDetailSchema } from "#shared/api/documents.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { loadReadableDocument } from "../documents/document-access.ts";
import { createRouter, errorResponse, jsonContent, readErrors, writeErrors } from "../http/router.ts";
import { DOCUMENT_ID_PATTERN } from "#shared/documents.ts";
import { documentDetail } from "../documents/document-detail.ts";
import { performAction } from "../workflow/perform-action.ts";

export const documentRoutes = createRouter();

export const DocumentIdParam = z.object({
  id: z
    .string()
    .max(120)
    .regex(DOCUMENT_ID_PATTERN, "must look like 2025-afghanistan")
    .openapi({ param: { name: "id", in: "path" }, example: "2025-afghanistan" }),
});

documentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    summary: "One document: state, due date, the caller's rights and actions, clearances, tier, history",
    tags: ["Documents"],
    request: { params: DocumentIdParam },
    responses: { 200: jsonContent(DocumentDetailSchema, "The document"), ...readErrors },
  }),
  async (c) => {
    const user = await requireUser(c);
    const db = database(c.env);
    const doc = await loadReadableDocument(db, user, c.req.valid("param").id);
    return c.json(await documentDetail(db, user, doc), 200);
  },
);

documentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{id}/actions",
    summary: "Take a workflow action (submit, return, approve, recall, clear, proceed_without, final_clear, reopen)",
    description:
      "Optimistic: `version` must be the document's current version, else 409 `stale_version` with the current state and nothing changes. " +
      "Refusals name the rule: 403 when the caller's role never allows the action, 409 when the state does not, 400 when a comment or office is missing. " +
      "Submit, approve, clear and final clearance record the exact text (snapshot hash); approve locks the room first and snapshots under the lock.",
    tags: ["Workflow"],
    request: { params: DocumentIdParam, body: { required: true, content: { "application/json": { schema: ActionRequestSchema } } } },
    responses: {
      200: jsonContent(DocumentDetailSchema, "The document after the action"),
      ...writeErrors,
      409: errorResponse("Stale version, or the action is not possible in the document's state"),
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const { id } = c.req.valid("param");
    const doc = await performAction(c.env, { user, requestId: c.get("requestId") }, id, c.req.valid("json"));
    return c.json(await documentDetail(database(c.env), user, doc), 200);
  },
);
