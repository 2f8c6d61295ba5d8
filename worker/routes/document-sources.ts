/**
 * A narrative's sources panel: `GET /api/documents/{id}/sources` lists the submissions of the
 * document's cycle that concern its country, newest first, filterable by topic. A report section
 * concerns no country, so its panel is empty.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { SubmissionListSchema } from "#shared/api/sources.ts";
import { SOURCE_TOPICS } from "#shared/sources.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { findDocument } from "../documents/document-queries.ts";
import { createRouter, jsonContent, readErrors } from "../http/router.ts";
import { assertCanRead } from "../policy/policy.ts";
import { listSubmissions } from "../sources/submission-queries.ts";
import { DocumentIdParam } from "./documents.ts";

export const documentSourceRoutes = createRouter();

documentSourceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/sources",
    summary: "The submissions concerning this narrative's country, newest first",
    description: "Whoever may read the document. Each submission is one whoever reads this narrative may read (it concerns this country).",
    tags: ["Sources"],
    request: { params: DocumentIdParam, query: z.object({ topic: z.enum(SOURCE_TOPICS).optional() }).strict() },
    responses: { 200: jsonContent(SubmissionListSchema, "The submissions"), ...readErrors },
  }),
  async (c) => {
    const user = await requireUser(c);
    const db = database(c.env);
    const doc = await findDocument(db, c.req.valid("param").id);
    assertCanRead(user, doc);
    if (!doc.countryId) return c.json({ submissions: [], total: 0 }, 200);
    // Everything concerning a country the caller can read is visible to them; no further scope needed.
    return c.json(
      await listSubmissions(db, { cycleYear: doc.cycleYear, visible: { all: true }, countryId: doc.countryId, topic: c.req.valid("query").topic, limit: 500 }),
      200,
    );
  },
);
