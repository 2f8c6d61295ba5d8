/** /api/documents/:id/clearances — the clearance list (set by the reviewer) and every clearance given. */
import { createRoute } from "@hono/zod-openapi";
import { clearanceListProblems } from "#shared/clearance.ts";
import { ClearanceListRequestSchema, ClearanceStateSchema } from "#shared/api/clearances.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { loadReadableDocument } from "../documents/document-access.ts";
import { badRequest } from "../http/api-error.ts";
import { createRouter, errorResponse, jsonContent, readErrors, writeErrors } from "../http/router.ts";
import { loadClearanceState } from "../workflow/clearance-state.ts";
import { setClearanceList } from "../workflow/clearance-list.ts";
import { DocumentIdParam } from "./documents.ts";

export const documentClearanceRoutes = createRouter();

documentClearanceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/clearances",
    summary: "The clearance list and where each office stands for the current text; stale clearances of earlier text",
    tags: ["Workflow"],
    request: { params: DocumentIdParam },
    responses: { 200: jsonContent(ClearanceStateSchema, "Clearances"), ...readErrors },
  }),
  async (c) => {
    const user = await requireUser(c);
    const db = database(c.env);
    const doc = await loadReadableDocument(db, user, c.req.valid("param").id);
    return c.json(await loadClearanceState(db, doc), 200);
  },
);

documentClearanceRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{id}/clearances/list",
    summary: 'Set the document\'s clearance list (its reviewer; each office "clear" or "info")',
    description:
      "Before clearance the list is free to change; once clearance has started, changes still need the reviewer, need a comment, and are audited with the offices added and dropped; an office still pending cannot be dropped or made an information office (409 `office_pending`: only leadership's `proceed_without` moves past it).",
    tags: ["Workflow"],
    request: { params: DocumentIdParam, body: { required: true, content: { "application/json": { schema: ClearanceListRequestSchema } } } },
    responses: {
      200: jsonContent(ClearanceStateSchema, "The new list"),
      ...writeErrors,
      409: errorResponse("Stale version, the document is past clearance, or the change would drop a pending office"),
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const input = c.req.valid("json");
    const problems = clearanceListProblems(input.offices);
    if (problems.length) throw badRequest(`The clearance list is not valid: ${problems.join("; ")}.`, { problems });
    const doc = await setClearanceList(c.env, { user, requestId: c.get("requestId") }, c.req.valid("param").id, input);
    return c.json(await loadClearanceState(database(c.env), doc), 200);
  },
);
