import { createRoute, z } from "@hono/zod-openapi";
import { requireUser } from "../auth/identity.ts";
import { createRouter, errorResponses, jsonContent } from "../http/router.ts";
import { GrantSchema } from "./schemas.ts";

export const meRoutes = createRouter();

meRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    summary: "The signed-in user and their role grants",
    tags: ["Users"],
    responses: {
      200: jsonContent(z.object({ id: z.string(), email: z.string(), name: z.string(), grants: z.array(GrantSchema) }).openapi("Me"), "The caller"),
      401: errorResponses[401],
      403: errorResponses[403],
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    return c.json({ id: user.id, email: user.email, name: user.name, grants: user.grants }, 200);
  },
);
