import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AS, call, json } from "../helpers/api.ts";
import { approveTier } from "../helpers/workflow.ts";

const csv = { "Content-Type": "text/csv" };

async function placements(year: number, as: string = AS.drafterAF) {
  const res = await call(as, `/api/cycles/${year}/tier-placements`);
  expect(res.status, `placements ${year}`).toBe(200);
  return json(res);
}

const find = (group: any, countryId: string) => group.tiers.flatMap((t: any) => t.countries).find((c: any) => c.countryId === countryId);

describe("GET /api/cycles/:year/tier-placements", () => {
  it("2024: the counts per tier and per region are the report's, Austria on Tier 1", async () => {
    const body = await placements(2024);
    expect(body).toMatchObject({ year: 2024, previousYear: 2023, source: "tier_history", partial: false });
    expect(body.global.counts).toEqual({ tier1: 33, tier2: 98, tier2wl: 32, tier3: 21, special_case: 4 });
    expect(body.global.total).toBe(188);
    expect(body.regions.map((r: any) => [r.code, r.total])).toEqual([
      ["AF", 48],
      ["EAP", 29],
      ["EUR", 45],
      ["NEA", 18],
      ["SCA", 13],
      ["WHA", 35],
    ]);
    const eur = body.regions.find((r: any) => r.code === "EUR");
    expect(find(eur, "austria")).toMatchObject({ tier: "tier1", tierLabel: "Tier 1", status: "recorded" });
    expect(body.global.tiers[0].countries.map((c: any) => c.name)).toContain("Austria");
    expect(body.global.tiers[4].countries.map((c: any) => c.name)).toEqual(["Haiti", "Libya", "Somalia", "Yemen"]);
    expect(body.availableYears).toEqual(expect.arrayContaining([2025, 2024]));
  });

  it("2024 against an imported 2023: up, down, same, new and unranked, with global upgrades and downgrades", async () => {
    const before = await placements(2024);
    expect(before.global.changes.new).toBe(188);
    const fixture = [
      "country,year,tier,waiver",
      "Austria,2023,Tier 2,no", // 2024 Tier 1: up
      "Algeria,2023,Tier 2,no", // 2024 Tier 2 Watch List: down
      "Afghanistan,2023,Tier 3,no", // 2024 Tier 3: same
      "Haiti,2023,Tier 3,no", // 2024 Special Case: unranked
    ].join("\n");
    const imported = await call(AS.admin, "/api/tier-history/import", { body: fixture, headers: csv });
    expect(imported.status).toBe(200);

    const body = await placements(2024);
    expect(body.previousSource).toBe("tier_history");
    const change = (id: string) => find(body.global, id);
    expect(change("austria")).toMatchObject({ change: "up", previousTier: "tier2", previousTierLabel: "Tier 2" });
    expect(change("algeria")).toMatchObject({ change: "down", previousTier: "tier2" });
    expect(change("afghanistan")).toMatchObject({ change: "same" });
    expect(change("haiti")).toMatchObject({ change: "unranked", tier: "special_case" });
    expect(change("angola")).toMatchObject({ change: "new", previousTier: null });
    expect(body.upgrades.map((c: any) => c.name)).toEqual(["Austria"]);
    expect(body.downgrades.map((c: any) => c.name)).toEqual(["Algeria"]);
    expect(body.global.changes).toEqual({ up: 1, down: 1, same: 1, new: 184, unranked: 1 });
    // Counts are the report's still; 2023 is now a year of its own with the four imported countries.
    expect(body.global.counts).toEqual({ tier1: 33, tier2: 98, tier2wl: 32, tier3: 21, special_case: 4 });
    const y2023 = await placements(2023);
    expect(y2023.global.total).toBe(4);
    expect(y2023.availableYears).toEqual(expect.arrayContaining([2025, 2024, 2023]));
  });

  it("the 2025 cycle: approved or final recommendations, the rest not placed, only the caller's narratives", async () => {
    await approveTier("2025-angola", AS.drafterAF, AS.reviewerAF, "tier1");
    await approveTier("2025-benin", AS.drafterAF, AS.reviewerAF, "tier2wl");
    // Leadership fixes a tier at final clearance (written here directly; that step belongs to the workflow).
    await env.DB.prepare("UPDATE tier_recommendations SET status = 'final' WHERE document_id = '2025-benin' AND status = 'approved'").run();

    const af = await placements(2025, AS.drafterAF);
    expect(af).toMatchObject({ source: "cycle", previousSource: "tier_history", partial: true, hiddenCountries: 140 });
    expect(af.global.total).toBe(48);
    expect(af.global.placed).toBe(2);
    expect(af.global.counts).toMatchObject({ tier1: 1, tier2wl: 1 });
    expect(find(af.global, "2025-angola".slice(5))).toMatchObject({ status: "approved", tier: "tier1", previousTier: "tier2", change: "up" });
    expect(find(af.global, "benin")).toMatchObject({ status: "final", tier: "tier2wl" });
    expect(af.global.notPlaced).toHaveLength(46);
    expect(af.global.notPlaced[0]).toMatchObject({ status: "not_placed", change: null });
    expect(af.upgrades.map((c: any) => c.name)).toEqual(["Angola"]);

    const all = await placements(2025, AS.leadership);
    expect(all).toMatchObject({ partial: false, hiddenCountries: 0 });
    expect(all.global.total).toBe(188);
    expect(all.regions.find((r: any) => r.code === "EUR").placed).toBe(0);
  });

  it("404 for a year with neither tier history nor a cycle; 400 for a malformed year; 401 signed out", async () => {
    const res = await call(AS.drafterAF, "/api/cycles/2010/tier-placements");
    expect(res.status).toBe(404);
    expect((await json(res)).error.message).toMatch(/2010/);
    expect((await call(AS.drafterAF, "/api/cycles/abc/tier-placements")).status).toBe(400);
    expect((await call(null, "/api/cycles/2024/tier-placements")).status).toBe(401);
  });
});
