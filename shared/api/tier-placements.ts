/** GET /api/cycles/:year/tier-placements: the report's tier tables per region and globally, with movement against the year before. */
import { z } from "@hono/zod-openapi";
import { PLACEMENT_CHANGES, PLACEMENT_STATUSES } from "../tier-placements.ts";
import { TIER_CODES } from "../tiers.ts";

const Tier = z.enum(TIER_CODES);

export const PlacedCountrySchema = z
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
  previousCounts: TierCounts.openapi({ description: "The same countries' tiers in the year before" }),
  tiers: z.array(z.object({ tier: Tier, label: z.string(), count: z.number().int(), countries: z.array(PlacedCountrySchema) })),
  notPlaced: z.array(PlacedCountrySchema),
  changes: z.object(Object.fromEntries(PLACEMENT_CHANGES.map((c) => [c, z.number().int()])) as Record<(typeof PLACEMENT_CHANGES)[number], z.ZodNumber>),
};

/** `partial`: some of the cycle's narratives are not visible to the caller and are left out (`hiddenCountries`). */
export const TierPlacementsSchema = z
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
    upgrades: z.array(PlacedCountrySchema),
    downgrades: z.array(PlacedCountrySchema),
  })
  .openapi("TierPlacements");
