/** /api/documents/:id/figures — a country narrative's law-enforcement figures (the numbers the report's tables sum). */
import { createRoute } from "@hono/zod-openapi";
import { FiguresUpdateSchema, FiguresViewSchema } from "#shared/api/law-enforcement.ts";
import { requireUser } from "../auth/identity.ts";
import { createRouter, errorResponse, jsonContent, readErrors, writeErrors } from "../http/router.ts";
import { readFigures, updateFigures } from "../cycles/law-enforcement-figures.ts";
import { DocumentIdParam } from "./documents.ts";

export const documentFigureRoutes = createRouter();

documentFigureRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/figures",
    summary: "A country narrative's law-enforcement figures (anyone who reads the narrative)",
    tags: ["Law enforcement"],
    request: { params: DocumentIdParam },
    responses: { 200: jsonContent(FiguresViewSchema, "The figures"), ...readErrors, 409: errorResponse("Not a country narrative") },
  }),
  async (c) => {
    const user = await requireUser(c);
    return c.json(await readFigures(c.env, user, c.req.valid("param").id), 200);
  },
);

documentFigureRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{id}/figures",
    summary: "Replace a country narrative's law-enforcement figures (whoever may edit its text now)",
    description:
      "Validated by the shared rules (whole numbers from 0, labor-only never above its total, no labor-only count without its total): a 400 `invalid_figures` lists each field's error in `details.errors`. Versioned and audited (`figures.update`, the changed fields with before and after).",
    tags: ["Law enforcement"],
    request: { params: DocumentIdParam, body: { required: true, content: { "application/json": { schema: FiguresUpdateSchema } } } },
    responses: {
      200: jsonContent(FiguresViewSchema, "The figures as saved"),
      ...writeErrors,
      409: errorResponse("Stale version, not a narrative, or the text is locked"),
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    return c.json(await updateFigures(c.env, { user, requestId: c.get("requestId") }, c.req.valid("param").id, c.req.valid("json")), 200);
  },
);
