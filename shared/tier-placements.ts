/**
 * The report's tier placement tables: per region (in the report's order) and globally, the
 * countries on each tier, how many, and how each moved against the year before.
 *
 * Movement: Tier 1 > Tier 2 > Tier 2 Watch List > Tier 3. `up` and `down` compare ranked tiers;
 * `same` is the same tier (Special Case both years included); `new` has no placement the year
 * before; `unranked` moved into or out of Special Case, which the report does not rank, so it is
 * neither an upgrade nor a downgrade.
 */
import { REGIONS } from "./regions.ts";
import { TIERS, tierLabel, type TierCode } from "./tiers.ts";

export const PLACEMENT_CHANGES = ["up", "down", "same", "new", "unranked"] as const;
export type PlacementChange = (typeof PLACEMENT_CHANGES)[number];

/**
 * Where a placement comes from: `recorded` in tier history (a published report or an import);
 * for a cycle not yet in tier history, the narrative's tier recommendation fixed by leadership
 * (`final`), else the one the reviewer approved (`approved`), else none (`not_placed`).
 */
export const PLACEMENT_STATUSES = ["recorded", "final", "approved", "not_placed"] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** Higher is better; Special Case is not ranked. */
const RANK: Partial<Record<TierCode, number>> = { tier1: 4, tier2: 3, tier2wl: 2, tier3: 1 };

export function tierChange(current: TierCode, previous: TierCode | null | undefined): PlacementChange {
  if (!previous) return "new";
  if (current === previous) return "same";
  const now = RANK[current];
  const before = RANK[previous];
  if (now === undefined || before === undefined) return "unranked";
  return now > before ? "up" : "down";
}

export interface PlacementInput {
  countryId: string;
  name: string;
  regionCode: string;
  tier: TierCode | null;
  status: PlacementStatus;
}

export interface PlacedCountry {
  countryId: string;
  name: string;
  regionCode: string;
  tier: TierCode | null;
  tierLabel: string | null;
  status: PlacementStatus;
  previousTier: TierCode | null;
  previousTierLabel: string | null;
  /** Null while the country has no placement this year. */
  change: PlacementChange | null;
}

export interface TierColumn {
  tier: TierCode;
  label: string;
  count: number;
  countries: PlacedCountry[];
}

export interface PlacementGroup {
  /** Countries in the group, placed or not. */
  total: number;
  placed: number;
  counts: Record<TierCode, number>;
  /** The same countries' tiers the year before (a country without one counts nowhere), for the year-on-year comparison. */
  previousCounts: Record<TierCode, number>;
  tiers: TierColumn[];
  notPlaced: PlacedCountry[];
  changes: Record<PlacementChange, number>;
}

export interface RegionPlacements extends PlacementGroup {
  code: string;
  name: string;
}

export interface PlacementSummary {
  global: PlacementGroup;
  regions: RegionPlacements[];
  /** Every country that moved up (global), by name. */
  upgrades: PlacedCountry[];
  downgrades: PlacedCountry[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en");

function group(countries: PlacedCountry[]): PlacementGroup {
  const sorted = [...countries].sort(byName);
  const tiers = TIERS.map((t) => {
    const on = sorted.filter((c) => c.tier === t.code);
    return { tier: t.code, label: t.label, count: on.length, countries: on };
  });
  const counts = Object.fromEntries(tiers.map((t) => [t.tier, t.count])) as Record<TierCode, number>;
  const changes = Object.fromEntries(PLACEMENT_CHANGES.map((c) => [c, sorted.filter((p) => p.change === c).length])) as Record<PlacementChange, number>;
  const previousCounts = Object.fromEntries(TIERS.map((t) => [t.code, sorted.filter((c) => c.previousTier === t.code).length])) as Record<TierCode, number>;
  const notPlaced = sorted.filter((c) => c.tier === null);
  return { total: sorted.length, placed: sorted.length - notPlaced.length, counts, previousCounts, tiers, notPlaced, changes };
}

/** Groups a year's placements per region and globally and compares them with the year before. */
export function summarisePlacements(placements: readonly PlacementInput[], previous: ReadonlyMap<string, TierCode>): PlacementSummary {
  const placed: PlacedCountry[] = placements.map((p) => {
    const previousTier = previous.get(p.countryId) ?? null;
    return {
      countryId: p.countryId,
      name: p.name,
      regionCode: p.regionCode,
      tier: p.tier,
      tierLabel: p.tier ? tierLabel(p.tier) : null,
      status: p.tier ? p.status : "not_placed",
      previousTier,
      previousTierLabel: previousTier ? tierLabel(previousTier) : null,
      change: p.tier ? tierChange(p.tier, previousTier) : null,
    };
  });
  const global = group(placed);
  return {
    global,
    regions: REGIONS.map((r) => ({ code: r.code, name: r.name, ...group(placed.filter((p) => p.regionCode === r.code)) })),
    upgrades: placed.filter((p) => p.change === "up").sort(byName),
    downgrades: placed.filter((p) => p.change === "down").sort(byName),
  };
}
