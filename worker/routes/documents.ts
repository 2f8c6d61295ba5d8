/** /api/documents/:id — one document as the caller may see it. */
import { createRoute, z } from "@hono/zod-openapi";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { findDocument } from "../documents/document-queries.ts";
import { createRouter, errorResponses, jsonContent } from "../http/router.ts";
import { assertCanRead, canEditDocument, rolesOn } from "../policy/policy.ts";
import { ROLES } from "#shared/roles.ts";
import { DOCUMENT_ID_PATTERN } from "#shared/documents.ts";
import { DocumentSummarySchema } from "./schemas.ts";

export const documentRoutes = createRouter();

export const DocumentIdParam = z.object({
  id: z.string().max(120).regex(DOCUMENT_ID_PATTERN, "must look like 2025-afghanistan").openapi({ param: { name: "id", in: "path" }, example: "2025-afghanistan" }),
});

documentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    summary: "One document with the caller's roles and rights on it",
    tags: ["Documents"],
    request: { params: DocumentIdParam },
    responses: {
      200: jsonContent(
        DocumentSummarySchema.extend({
          yourRoles: z.array(z.enum(ROLES)),
          youMayEdit: z.boolean(),
        }).openapi("DocumentDetail"),
        "The document",
      ),
      400: errorResponses[400],
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const doc = await findDocument(database(c.env), c.req.valid("param").id);
    assertCanRead(user, doc);
    return c.json({ ...doc, yourRoles: [...rolesOn(user, doc)], youMayEdit: canEditDocument(user, doc) }, 200);
  },
);
