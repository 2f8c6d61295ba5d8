/** /api/cycles/:year/law-enforcement — the regional and global law-enforcement tables of a cycle. */
import { createRoute } from "@hono/zod-openapi";
import { LawEnforcementDataSchema } from "#shared/api/law-enforcement.ts";
import { requireUser } from "../auth/identity.ts";
import { lawEnforcementData } from "../cycles/law-enforcement-data.ts";
import { database } from "../db/client.ts";
import { createRouter, jsonContent, readErrors } from "../http/router.ts";
import { YearParam } from "./schemas.ts";

export const lawEnforcementRoutes = createRouter();

lawEnforcementRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/law-enforcement",
    summary: "Law-enforcement sums per region and global, with the published tables of earlier years checked for consistency",
    description:
      "Any signed-in user. The current year sums the figures of the narratives the caller may read (they are pre-decisional; `partial` and `hiddenCountries` say what was left out); a region of a published year is flagged when the regions do not add up to the global row and that region's row is in doubt.",
    tags: ["Law enforcement"],
    request: { params: YearParam },
    responses: { 200: jsonContent(LawEnforcementDataSchema, "The tables"), ...readErrors },
  }),
  async (c) => {
    const user = await requireUser(c);
    return c.json(await lawEnforcementData(database(c.env), c.req.valid("param").year, user), 200);
  },
);
