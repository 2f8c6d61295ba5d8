import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadSeed, TEST_CYCLE_YEAR } from "../helpers/seed.ts";

async function count(sql: string): Promise<number> {
  return (await env.DB.prepare(sql).first<{ n: number }>())!.n;
}

async function grouped(sql: string): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(sql).all<{ k: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.k, r.n]));
}

describe("reference data loader (npm start / npm run db:seed)", () => {
  it("loading twice yields the report's 188 countries, 6 regions, 2024 tiers and one 2025 narrative each", async () => {
    await loadSeed();
    await loadSeed("2030-01-01");

    expect(await count("SELECT COUNT(*) AS n FROM regions")).toBe(6);
    expect(await count("SELECT COUNT(*) AS n FROM countries")).toBe(188);
    expect(await count("SELECT COUNT(*) AS n FROM tier_history WHERE report_year = 2024")).toBe(188);
    expect(await grouped("SELECT tier AS k, COUNT(*) AS n FROM tier_history WHERE report_year = 2024 GROUP BY tier")).toEqual({
      tier1: 33,
      tier2: 98,
      tier2wl: 32,
      tier3: 21,
      special_case: 4,
    });
    expect(await grouped("SELECT region_code AS k, COUNT(*) AS n FROM countries GROUP BY region_code")).toEqual({
      AF: 48,
      EAP: 29,
      EUR: 45,
      NEA: 18,
      SCA: 13,
      WHA: 35,
    });
    expect(await count(`SELECT COUNT(*) AS n FROM documents WHERE cycle_year = ${TEST_CYCLE_YEAR} AND kind = 'country_narrative'`)).toBe(188);
    expect(await count(`SELECT COUNT(DISTINCT country_id) AS n FROM documents WHERE cycle_year = ${TEST_CYCLE_YEAR}`)).toBe(188);
    // One per chapter of the 2024 table of contents (the seven Topics of Special Interest are one).
    expect(await count(`SELECT COUNT(*) AS n FROM documents WHERE cycle_year = ${TEST_CYCLE_YEAR} AND kind = 'report_section'`)).toBe(21);
    // The 2025 cycle, and the released 2024 report it starts from.
    expect(await count("SELECT COUNT(*) AS n FROM report_cycles")).toBe(2);
    expect(await count("SELECT COUNT(*) AS n FROM documents WHERE cycle_year = 2024")).toBe(21);
    expect(await count("SELECT COUNT(*) AS n FROM document_snapshots")).toBe(21);
    expect(await count("SELECT COUNT(*) AS n FROM published_edition_documents")).toBe(21);
  });

  it("a second load does not move the cycle's milestones", async () => {
    const before = await env.DB.prepare("SELECT release_date FROM report_cycles WHERE year = 2025").first<{ release_date: string }>();
    await loadSeed("2031-06-01");
    const after = await env.DB.prepare("SELECT release_date FROM report_cycles WHERE year = 2025").first<{ release_date: string }>();
    expect(after).toEqual(before);
  });

  it("opens the 2025 cycle on the 2024-04-01..2025-03-31 reporting period with deadlines in workflow order before the release", async () => {
    const cycle = await env.DB.prepare("SELECT * FROM report_cycles WHERE year = 2025").first<Record<string, string>>();
    expect(cycle).toMatchObject({ period_start: "2024-04-01", period_end: "2025-03-31" });
    const order = [cycle!.drafting_due, cycle!.review_due, cycle!.clearance_due, cycle!.final_clearance_due, cycle!.release_date];
    expect([...order].sort()).toEqual(order);
  });

  it("gives every role at least one demo user", async () => {
    const roles = await grouped("SELECT role AS k, COUNT(DISTINCT user_id) AS n FROM role_assignments GROUP BY role");
    for (const role of ["drafter", "reviewer", "clearer", "leadership", "admin"]) expect(roles[role]).toBeGreaterThan(0);
  });
});
