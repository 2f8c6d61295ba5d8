/**
 * GET /api/cycles/:year/sources/coverage: per region, exactly the countries with no submission
 * yet (the demo's submissions plus what the test files), counts per country, and only the
 * countries the caller may read.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CoverageSchema, type SourceCoverage } from "#shared/api/sources.ts";
import { DEMO_SUBMISSIONS } from "../../worker/db/seed/demo-sources.ts";
import { AS, call, json } from "../helpers/api.ts";
import { fileOk } from "../helpers/sources.ts";

const coverage = async (userId: string, year = 2025): Promise<SourceCoverage> =>
  CoverageSchema.parse(await json(await call(userId, `/api/cycles/${year}/sources/coverage`)));
const allCountries = async () => (await env.DB.prepare("SELECT id, region_code AS region FROM countries").all<{ id: string; region: string }>()).results;

describe("source coverage", () => {
  it("lists exactly the countries without submissions, region by region, with each country's count", async () => {
    await fileOk(AS.admin, { countries: ["france", "germany"] });
    await fileOk(AS.admin, { countries: ["france"] });
    const covered = new Set([...DEMO_SUBMISSIONS.flatMap((s) => s.countries), "france", "germany"]);
    const countries = await allCountries();
    const body = await coverage(AS.leadership);

    expect(body.regions.map((r) => r.code)).toEqual(["AF", "EAP", "EUR", "NEA", "SCA", "WHA"]);
    for (const region of body.regions) {
      const expected = countries
        .filter((c) => c.region === region.code && !covered.has(c.id))
        .map((c) => c.id)
        .sort();
      expect(region.without.map((c) => c.id).sort(), region.code).toEqual(expected);
      expect(region.countries).toBe(countries.filter((c) => c.region === region.code).length);
      expect(region.covered).toBe(region.countries - expected.length);
    }
    const eur = body.regions.find((r) => r.code === "EUR")!;
    expect(eur.counts.slice(0, 2)).toEqual([
      { id: "france", name: "France", submissions: 2 },
      { id: "germany", name: "Germany", submissions: 1 },
    ]);
    const af = body.regions.find((r) => r.code === "AF")!;
    expect(af.counts[0]).toEqual({ id: "nigeria", name: "Nigeria", submissions: 14 });
    expect(body.totalSubmissions).toBe(DEMO_SUBMISSIONS.length + 2);
    expect(body).toMatchObject({ cycleYear: 2025, daysLeft: 7 });
  });

  it("shows a regional drafter only their region, and an embassy officer only their country", async () => {
    expect((await coverage(AS.drafterSCA)).regions.map((r) => r.code)).toEqual(["SCA"]);
    const kabul = await coverage(AS.embassyKabul);
    expect(kabul.regions).toEqual([
      {
        code: "SCA",
        name: expect.any(String),
        countries: 1,
        covered: 0,
        without: [{ id: "afghanistan", name: "Afghanistan" }],
        counts: [{ id: "afghanistan", name: "Afghanistan", submissions: 0 }],
      },
    ]);
    expect(kabul.totalSubmissions).toBe(0);
  });

  it("a cycle with no submissions lists every country", async () => {
    const body = await coverage(AS.admin, 2024);
    expect(body.regions.reduce((n, r) => n + r.without.length, 0)).toBe(188);
    expect(body).toMatchObject({ totalSubmissions: 0, deadline: null, daysLeft: null });
  });
});
