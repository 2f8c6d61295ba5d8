/** Tier placements as stored (code) and as the report prints them (label). */
export const TIERS = [
  { code: "tier1", label: "Tier 1" },
  { code: "tier2", label: "Tier 2" },
  { code: "tier2wl", label: "Tier 2 Watch List" },
  { code: "tier3", label: "Tier 3" },
  { code: "special_case", label: "Special Case" },
] as const;

export type TierCode = (typeof TIERS)[number]["code"];
export const TIER_CODES = TIERS.map((t) => t.code) as [TierCode, ...TierCode[]];

/** A filter on this year's tier: a tier, or `none` for narratives not placed yet. */
export const APPROVED_TIER_FILTERS = [...TIER_CODES, "none"] as const;

export function tierLabel(code: TierCode): string {
  return TIERS.find((t) => t.code === code)!.label;
}

/** Reads the report's wording ("Tier 2 Watch List") back to a code; undefined when it is not a placement. */
export function tierFromLabel(label: string): TierCode | undefined {
  const wanted = label.trim().toLowerCase();
  return TIERS.find((t) => t.label.toLowerCase() === wanted)?.code;
}

/** A country narrative's heading as the report prints it: "BAHRAIN: TIER 1". */
export function narrativeHeading(country: string, tier: TierCode | null): string {
  return tier ? `${country}: ${tierLabel(tier)}`.toUpperCase() : country.toUpperCase();
}
