/**
 * A year's tier placements for the placement tables: the recorded tier history of that year when
 * there is one (a published report, an import, a release), else the cycle's narratives with their
 * tier recommendation fixed by leadership (`final`), else the one the reviewer approved.
 * A cycle's placements are pre-decisional: only narratives the caller may read are listed.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { summarisePlacements, type PlacementInput } from "#shared/tier-placements.ts";
import type { TierCode } from "#shared/tiers.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { listCycles } from "../cycles/cycle-queries.ts";
import type { Database } from "../db/client.ts";
import { countries, documents, tierHistory, tierRecommendations } from "../db/schema.ts";
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
  const narratives = await db
    .select({ id: documents.id, kind: documents.kind, state: documents.state, countryId: countries.id, name: countries.name, regionCode: countries.regionCode })
    .from(documents)
    .innerJoin(countries, eq(countries.id, documents.countryId))
    .where(and(eq(documents.cycleYear, year), eq(documents.kind, "country_narrative")));
  const visible = narratives.filter((n) => canReadDocument(user, n));
  const ids = visible.map((n) => n.id);
  const recommendations = ids.length
    ? await db
        .select({ documentId: tierRecommendations.documentId, tier: tierRecommendations.tier, status: tierRecommendations.status })
        .from(tierRecommendations)
        .innerJoin(documents, eq(documents.id, tierRecommendations.documentId))
        .where(and(eq(documents.cycleYear, year), inArray(tierRecommendations.status, ["final", "approved"])))
        .orderBy(desc(tierRecommendations.id))
    : [];
  const placementOf = (documentId: string): { tier: TierCode; status: "final" | "approved" } | null => {
    const mine = recommendations.filter((r) => r.documentId === documentId);
    const chosen = mine.find((r) => r.status === "final") ?? mine.find((r) => r.status === "approved");
    return chosen ? { tier: chosen.tier, status: chosen.status as "final" | "approved" } : null;
  };
  return {
    placements: visible.map((n) => {
      const placed = placementOf(n.id);
      return { countryId: n.countryId, name: n.name, regionCode: n.regionCode, tier: placed?.tier ?? null, status: placed?.status ?? "not_placed" };
    }),
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
