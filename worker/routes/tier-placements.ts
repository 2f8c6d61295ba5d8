/** GET /api/cycles/:year/tier-placements — the report's tier tables per region and globally, with movement against the year before. */
import { createRoute } from "@hono/zod-openapi";
import { TierPlacementsSchema } from "#shared/api/tier-placements.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { createRouter, jsonContent, readErrors } from "../http/router.ts";
import { tierPlacements } from "../tiers/tier-placements-queries.ts";
import { YearParam } from "./schemas.ts";

export const tierPlacementRoutes = createRouter();

tierPlacementRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/tier-placements",
    summary: "Tier placements of a year per region and globally: countries per tier, counts, and movement against the year before",
    description: [
      "From the year's tier history when recorded (`source: tier_history`, every country `status: recorded`); otherwise, for a report cycle,",
      "from its narratives' tier recommendations (`source: cycle`): the tier fixed by leadership (`final`), else the one approved by the reviewer",
      "(`approved`), else `not_placed`. A cycle's placements are pre-decisional, so only narratives the caller may read are listed (`partial`).",
      "`change` against the year before: `up`/`down` by Tier 1 > Tier 2 > Tier 2 Watch List > Tier 3, `same`, `new` (no placement the year before),",
      "`unranked` (into or out of Special Case, neither an upgrade nor a downgrade). 404 when the year has neither tier history nor a cycle.",
    ].join(" "),
    tags: ["Tier history"],
    request: { params: YearParam },
    responses: { 200: jsonContent(TierPlacementsSchema, "The placement tables"), ...readErrors },
  }),
  async (c) => {
    const user = await requireUser(c);
    return c.json(await tierPlacements(database(c.env), c.req.valid("param").year, user), 200);
  },
);
