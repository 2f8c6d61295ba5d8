import { describe, expect, it } from "vitest";
import { summarisePlacements, tierChange, type PlacementInput } from "#shared/tier-placements.ts";
import type { TierCode } from "#shared/tiers.ts";

describe("tierChange", () => {
  const cases: [TierCode, TierCode | null, string][] = [
    ["tier1", "tier2", "up"],
    ["tier2", "tier2wl", "up"],
    ["tier2wl", "tier3", "up"],
    ["tier1", "tier3", "up"],
    ["tier2", "tier1", "down"],
    ["tier3", "tier2wl", "down"],
    ["tier2wl", "tier2", "down"],
    ["tier2", "tier2", "same"],
    ["special_case", "special_case", "same"],
    ["tier1", null, "new"],
    ["special_case", null, "new"],
    ["special_case", "tier3", "unranked"],
    ["tier3", "special_case", "unranked"],
    ["tier1", "special_case", "unranked"],
  ];
  it.each(cases)("%s after %s is %s", (now, before, change) => expect(tierChange(now, before)).toBe(change));
});

describe("summarisePlacements", () => {
  const placements: PlacementInput[] = [
    { countryId: "zambia", name: "Zambia", regionCode: "AF", tier: "tier2", status: "recorded" },
    { countryId: "angola", name: "Angola", regionCode: "AF", tier: "tier2", status: "recorded" },
    { countryId: "austria", name: "Austria", regionCode: "EUR", tier: "tier1", status: "final" },
    { countryId: "belarus", name: "Belarus", regionCode: "EUR", tier: "tier3", status: "approved" },
    { countryId: "haiti", name: "Haiti", regionCode: "WHA", tier: "special_case", status: "recorded" },
    { countryId: "chile", name: "Chile", regionCode: "WHA", tier: null, status: "not_placed" },
  ];
  const previous = new Map<string, TierCode>([
    ["zambia", "tier2wl"],
    ["angola", "tier2"],
    ["austria", "tier1"],
    ["belarus", "tier2wl"],
    ["haiti", "tier3"],
    ["chile", "tier1"],
  ]);
  const summary = summarisePlacements(placements, previous);

  it("counts per tier globally and per region, in the report's region order", () => {
    expect(summary.global.counts).toEqual({ tier1: 1, tier2: 2, tier2wl: 0, tier3: 1, special_case: 1 });
    expect(summary.global).toMatchObject({ total: 6, placed: 5 });
    // The year before, over the same countries (Chile, not placed yet this year, still counts for last year).
    expect(summary.global.previousCounts).toEqual({ tier1: 2, tier2: 1, tier2wl: 2, tier3: 1, special_case: 0 });
    expect(summary.regions[2]!.previousCounts).toEqual({ tier1: 1, tier2: 0, tier2wl: 1, tier3: 0, special_case: 0 });
    expect(summary.regions.map((r) => [r.code, r.total])).toEqual([
      ["AF", 2],
      ["EAP", 0],
      ["EUR", 2],
      ["NEA", 0],
      ["SCA", 0],
      ["WHA", 2],
    ]);
    expect(summary.regions[0]!.tiers.map((t) => t.label)).toEqual(["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case"]);
  });

  it("lists each tier's countries by name with their previous tier and change", () => {
    const tier2 = summary.regions[0]!.tiers[1]!;
    expect(tier2.countries.map((c) => [c.name, c.previousTierLabel, c.change])).toEqual([
      ["Angola", "Tier 2", "same"],
      ["Zambia", "Tier 2 Watch List", "up"],
    ]);
  });

  it("keeps countries without a placement apart, with no change", () => {
    expect(summary.global.notPlaced).toMatchObject([{ name: "Chile", status: "not_placed", change: null, previousTier: "tier1" }]);
  });

  it("global upgrades and downgrades; Special Case moves are neither", () => {
    expect(summary.upgrades.map((c) => c.name)).toEqual(["Zambia"]);
    expect(summary.downgrades.map((c) => c.name)).toEqual(["Belarus"]);
    expect(summary.global.changes).toEqual({ up: 1, down: 1, same: 2, new: 0, unranked: 1 });
  });
});
