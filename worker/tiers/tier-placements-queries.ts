/**
 * A year's tier placements for the placement tables: the recorded tier history of that year when
 * there is one (a published report, an import, a release), else the cycle's narratives with their
 * tier recommendation fixed by leadership (`final`), else the one the reviewer approved.
 * A cycle's placements are pre-decisional: only narratives the caller may read are listed.
 */
import { eq } from "drizzle-orm";
import { summarisePlacements, type PlacementInput } from "#shared/tier-placements.ts";
import type { TierCode } from "#shared/tiers.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { listCycles } from "../cycles/cycle-queries.ts";
import type { Database } from "../db/client.ts";
import { countries, tierHistory } from "../db/schema.ts";
import { listDocuments } from "../documents/document-queries.ts";
import { notFound } from "../http/api-error.ts";
import { canReadDocument } from "../policy/policy.ts";
import { recordedYears } from "./tier-history-queries.ts";

export type PlacementSource = "tier_history" | "cycle";

interface YearPlacements {
  source: PlacementSource;
  placements: PlacementInput[];
  /** Narratives of the cycle the caller may not read (left out). */
  hidden: number;
}

async function recordedPlacements(db: Database, year: number): Promise<PlacementInput[]> {
  const rows = await db
    .select({ countryId: tierHistory.countryId, name: countries.name, regionCode: countries.regionCode, tier: tierHistory.tier })
    .from(tierHistory)
    .innerJoin(countries, eq(countries.id, tierHistory.countryId))
    .where(eq(tierHistory.reportYear, year));
  return rows.map((r) => ({ ...r, status: "recorded" as const }));
}

async function cyclePlacements(db: Database, year: number, user: CurrentUser): Promise<{ placements: PlacementInput[]; hidden: number }> {
  // The document summaries already carry this year's tier (final, else approved) and whether it is fixed.
  const narratives = await listDocuments(db, year, { all: true }, { kind: "country_narrative" });
  const visible = narratives.filter((n) => canReadDocument(user, n));
  return {
    placements: visible.map((n) => ({
      countryId: n.countryId!,
      name: n.title,
      regionCode: n.regionCode!,
      tier: n.approvedTier,
      status: n.approvedTier === null ? "not_placed" : n.tierFixed ? "final" : "approved",
    })),
    hidden: narratives.length - visible.length,
  };
}

async function placementsOf(db: Database, year: number, user: CurrentUser, cycleYears: Set<number>): Promise<YearPlacements | null> {
  const recorded = await recordedPlacements(db, year);
  if (recorded.length) return { source: "tier_history", placements: recorded, hidden: 0 };
  if (cycleYears.has(year)) return { source: "cycle", ...(await cyclePlacements(db, year, user)) };
  return null;
}

/** The placement tables of `year` against `year - 1`; 404 when the year has neither tier history nor a cycle. */
export async function tierPlacements(db: Database, year: number, user: CurrentUser) {
  const cycleYears = new Set((await listCycles(db)).map((c) => c.year));
  const current = await placementsOf(db, year, user, cycleYears);
  if (!current) throw notFound(`Tier placements for ${year} (no tier history and no report cycle for that year)`);
  const previous = await placementsOf(db, year - 1, user, cycleYears);
  const previousTiers = new Map<string, TierCode>();
  for (const p of previous?.placements ?? []) if (p.tier) previousTiers.set(p.countryId, p.tier);
  const availableYears = [...new Set([...(await recordedYears(db)), ...cycleYears])].sort((a, b) => b - a);
  return {
    year,
    previousYear: year - 1,
    source: current.source,
    previousSource: previous?.source ?? null,
    /** True when some of the cycle's narratives are not visible to the caller and are left out. */
    partial: current.hidden > 0,
    hiddenCountries: current.hidden,
    availableYears,
    ...summarisePlacements(current.placements, previousTiers),
  };
}
