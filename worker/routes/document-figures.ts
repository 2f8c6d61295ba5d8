/** /api/documents/:id/figures — a country narrative's law-enforcement figures (the numbers the report's tables sum). */
import { createRoute, z } from "@hono/zod-openapi";
import { FIGURE_FIELDS, type FigureField } from "#shared/law-enforcement.ts";
import { WORKFLOW_STATE_CODES } from "#shared/workflow-states.ts";
import { requireUser } from "../auth/identity.ts";
import { createRouter, errorResponse, jsonContent, readErrors, writeErrors } from "../http/router.ts";
import { readFigures, updateFigures } from "../workflow/law-enforcement-figures.ts";
import { DocumentIdParam } from "./documents.ts";

export const documentFigureRoutes = createRouter();

const figureShape = <T extends z.ZodType>(value: (label: string) => T) =>
  Object.fromEntries(FIGURE_FIELDS.map((f) => [f.key, value(f.label)])) as Record<FigureField, T>;

const FiguresSchema = z
  .object(figureShape((label) => z.number().int().nullable().openapi({ description: `${label}; null = not reported` })))
  .openapi("LawEnforcementFigures");

const FiguresViewSchema = z
  .object({
    documentId: z.string(),
    version: z.number().int().openapi({ description: "The document's version (figures changes step it like any change)" }),
    state: z.enum(WORKFLOW_STATE_CODES),
    figures: FiguresSchema,
    lawsNote: z.string().nullable().openapi({ description: "Which laws were passed or amended" }),
    entered: z.boolean().openapi({ description: "False until someone saves figures for this narrative" }),
    updatedBy: z.string().nullable(),
    updatedByName: z.string().nullable(),
    updatedAt: z.string().nullable(),
    youMayEdit: z.boolean().openapi({ description: "The caller may change the figures now (the same rule as the text)" }),
  })
  .openapi("LawEnforcementFiguresView");

const FiguresUpdateSchema = z
  .object({
    version: z.number().int().positive().openapi({ description: "The document version the change is made on" }),
    figures: z
      .object(figureShape((label) => z.number().nullable().optional().openapi({ description: `${label}: a whole number from 0, or null / absent when not reported` })))
      .strict()
      .openapi({ description: "Every figure; one left out or null is not reported. Labor-only counts never exceed their total." }),
    lawsNote: z.string().max(4000).nullable().optional(),
  })
  .strict()
  .openapi("LawEnforcementFiguresUpdate");

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
    responses: { 200: jsonContent(FiguresViewSchema, "The figures as saved"), ...writeErrors, 409: errorResponse("Stale version, not a narrative, or the text is locked") },
  }),
  async (c) => {
    const user = await requireUser(c);
    return c.json(await updateFigures(c.env, { user, requestId: c.get("requestId") }, c.req.valid("param").id, c.req.valid("json")), 200);
  },
);
