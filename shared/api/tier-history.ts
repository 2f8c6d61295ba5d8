/** Tier history: the CSV import's report (POST /api/tier-history/import) and a country's years (GET /api/countries/:id/tier-history). */
import { z } from "@hono/zod-openapi";
import { TIER_HISTORY_SOURCES } from "../tier-recommendations.ts";
import { TIER_CODES } from "../tiers.ts";

const Tier = z.enum(TIER_CODES);
const StoredPlacement = z.object({ tier: Tier, waiverUsed: z.boolean(), source: z.enum(TIER_HISTORY_SOURCES) });

export const TierHistoryImportLineSchema = z
  .object({
    line: z.number().int().openapi({ description: "Line in the file (the header is line 1)" }),
    outcome: z.enum(["inserted", "updated", "unchanged", "rejected"]),
    country: z.string().openapi({ description: "The country's name (as written in the file when it was not recognised)" }),
    countryId: z.string().nullable(),
    year: z.number().int().nullable(),
    tier: Tier.nullable(),
    waiverUsed: z.boolean().nullable(),
    before: StoredPlacement.nullable().openapi({ description: "What is stored now (updated and unchanged lines)" }),
    reasons: z.array(z.string()).openapi({ description: "Why the line is rejected" }),
  })
  .openapi("TierHistoryImportLine");

/** A 422 `import_rejected` carries the same report in `error.details`. */
export const TierHistoryImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean(),
    maxYear: z.number().int().openapi({ description: "The newest year a file may name: the year before the newest report cycle" }),
    counts: z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() }),
    rows: z.array(TierHistoryImportLineSchema),
    rejected: z.array(TierHistoryImportLineSchema),
  })
  .openapi("TierHistoryImportReport");

export const CountryTierHistorySchema = z
  .object({
    country: z.object({ id: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string() }),
    years: z.array(
      z.object({
        year: z.number().int(),
        tier: Tier,
        tierLabel: z.string(),
        waiverUsed: z.boolean(),
        source: z.enum(TIER_HISTORY_SOURCES),
        note: z.string().nullable(),
      }),
    ),
  })
  .openapi("CountryTierHistory");
