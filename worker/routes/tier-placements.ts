/** GET /api/cycles/:year/tier-placements — the report's tier tables per region and globally, with movement against the year before. */
import { createRoute, z } from "@hono/zod-openapi";
import { PLACEMENT_CHANGES, PLACEMENT_STATUSES } from "#shared/tier-placements.ts";
import { TIER_CODES } from "#shared/tiers.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { createRouter, jsonContent, readErrors } from "../http/router.ts";
import { tierPlacements } from "../tiers/tier-placements-queries.ts";
import { YearParam } from "./schemas.ts";

export const tierPlacementRoutes = createRouter();

const Tier = z.enum(TIER_CODES);
const PlacedCountry = z
  .object({
    countryId: z.string(),
    name: z.string(),
    regionCode: z.string(),
    tier: Tier.nullable(),
    tierLabel: z.string().nullable(),
    status: z.enum(PLACEMENT_STATUSES),
    previousTier: Tier.nullable(),
    previousTierLabel: z.string().nullable(),
    change: z.enum(PLACEMENT_CHANGES).nullable(),
  })
  .openapi("PlacedCountry");
const TierCounts = z.object(Object.fromEntries(TIER_CODES.map((t) => [t, z.number().int()])) as Record<(typeof TIER_CODES)[number], z.ZodNumber>);
const Group = {
  total: z.number().int(),
  placed: z.number().int(),
  counts: TierCounts,
  tiers: z.array(z.object({ tier: Tier, label: z.string(), count: z.number().int(), countries: z.array(PlacedCountry) })),
  notPlaced: z.array(PlacedCountry),
  changes: z.object(Object.fromEntries(PLACEMENT_CHANGES.map((c) => [c, z.number().int()])) as Record<(typeof PLACEMENT_CHANGES)[number], z.ZodNumber>),
};

const TierPlacements = z
  .object({
    year: z.number().int(),
    previousYear: z.number().int(),
    source: z.enum(["tier_history", "cycle"]),
    previousSource: z.enum(["tier_history", "cycle"]).nullable(),
    partial: z.boolean(),
    hiddenCountries: z.number().int(),
    availableYears: z.array(z.number().int()),
    global: z.object(Group),
    regions: z.array(z.object({ code: z.string(), name: z.string(), ...Group })),
    upgrades: z.array(PlacedCountry),
    downgrades: z.array(PlacedCountry),
  })
  .openapi("TierPlacements");

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
    responses: { 200: jsonContent(TierPlacements, "The placement tables"), ...readErrors },
  }),
  async (c) => {
    const user = await requireUser(c);
    return c.json(await tierPlacements(database(c.env), c.req.valid("param").year, user), 200);
  },
);
