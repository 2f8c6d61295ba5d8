/** Reads of tier history: one country's years, the years the statute's rules read, and which years are recorded. */
import { and, asc, eq, lt } from "drizzle-orm";
import type { TierHistoryYear } from "#shared/tier-rules.ts";
import { tierLabel } from "#shared/tiers.ts";
import type { Database } from "../db/client.ts";
import { countries, regions, tierHistory } from "../db/schema.ts";
import { notFound } from "../http/api-error.ts";

export async function countryTierHistory(db: Database, countryId: string) {
  const country = await db
    .select({ id: countries.id, name: countries.name, regionCode: countries.regionCode, regionName: regions.name })
    .from(countries)
    .innerJoin(regions, eq(regions.code, countries.regionCode))
    .where(eq(countries.id, countryId.toLowerCase()))
    .get();
  if (!country) throw notFound(`Country "${countryId}"`);
  const rows = await db.select().from(tierHistory).where(eq(tierHistory.countryId, country.id)).orderBy(asc(tierHistory.reportYear));
  return {
    country,
    years: rows.map((r) => ({ year: r.reportYear, tier: r.tier, tierLabel: tierLabel(r.tier), waiverUsed: r.waiverUsed, source: r.source, note: r.note })),
  };
}

/** Years with at least one recorded placement, ascending. */
export async function recordedYears(db: Database): Promise<number[]> {
  const rows = await db.selectDistinct({ year: tierHistory.reportYear }).from(tierHistory).orderBy(asc(tierHistory.reportYear));
  return rows.map((r) => r.year);
}

/** The country's placements before `year`, oldest first, as the statute's rules read them. */
export async function tierHistoryBefore(db: Database, countryId: string, year: number): Promise<TierHistoryYear[]> {
  return db
    .select({ year: tierHistory.reportYear, tier: tierHistory.tier, waiverUsed: tierHistory.waiverUsed })
    .from(tierHistory)
    .where(and(eq(tierHistory.countryId, countryId), lt(tierHistory.reportYear, year)))
    .orderBy(asc(tierHistory.reportYear));
}
