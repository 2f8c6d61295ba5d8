/** The six regions the report groups its country narratives into, in the report's own order. */
export const REGIONS = [
  { code: "AF", name: "Africa" },
  { code: "EAP", name: "East Asia and the Pacific" },
  { code: "EUR", name: "Europe" },
  { code: "NEA", name: "Near East" },
  { code: "SCA", name: "South and Central Asia" },
  { code: "WHA", name: "Western Hemisphere" },
] as const;

export type RegionCode = (typeof REGIONS)[number]["code"];
export const REGION_CODES = REGIONS.map((r) => r.code) as [RegionCode, ...RegionCode[]];

export function isRegionCode(value: string): value is RegionCode {
  return (REGION_CODES as readonly string[]).includes(value);
}
