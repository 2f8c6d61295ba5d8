/** /api/me — the signed-in person, and what waits on them. */
import { createRoute, z } from "@hono/zod-openapi";
import { InboxSchema } from "#shared/api/documents.ts";
import { MeSchema } from "#shared/api/users.ts";
import { requireUser } from "../auth/identity.ts";
import { listCycles, requireCycle } from "../cycles/cycle-queries.ts";
import { database } from "../db/client.ts";
import { notFound } from "../http/api-error.ts";
import { createRouter, errorResponses, jsonContent, readErrors } from "../http/router.ts";
import { inboxOf } from "../workflow/inbox.ts";

export const meRoutes = createRouter();

meRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    summary: "The signed-in user and their role grants",
    tags: ["Users"],
    responses: {
      200: jsonContent(MeSchema, "The caller"),
      401: errorResponses[401],
      403: errorResponses[403],
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    return c.json({ id: user.id, email: user.email, name: user.name, grants: user.grants }, 200);
  },
);

meRoutes.openapi(
  createRoute({
    method: "get",
    path: "/inbox",
    summary: "What waits on the caller: documents where they have a workflow action now, overdue first",
    tags: ["Workflow"],
    request: {
      query: z
        .object({ year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: "Report cycle; the newest by default" }) })
        .strict(),
    },
    responses: {
      200: jsonContent(InboxSchema, "The inbox"),
      ...readErrors,
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const db = database(c.env);
    const { year } = c.req.valid("query");
    const cycle = year ? await requireCycle(db, year) : (await listCycles(db))[0];
    if (!cycle) throw notFound("A report cycle");
    return c.json(await inboxOf(db, user, cycle), 200);
  },
);
