import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AS, call, json } from "../helpers/api.ts";
import { eventCount } from "../helpers/audit.ts";

const csv = { "Content-Type": "text/csv" };
const importCsv = (body: string, query = "", as: string = AS.admin) => call(as, `/api/tier-history/import${query}`, { body, headers: csv });
const historyRows = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM tier_history").first<{ n: number }>())!.n;

const GOOD = [
  "country,year,tier,waiver",
  "Albania,2022,Tier 2,no",
  "albania,2023,Tier 2 Watch List,yes",
  '"Congo, Republic of",2023,tier2wl,',
  "Angola,2024,Tier 1,no",
].join("\n");

describe("POST /api/tier-history/import", () => {
  it("is for admins only: others get 403 and nothing is written", async () => {
    const before = await historyRows();
    for (const who of [AS.drafterAF, AS.reviewerAF, AS.leadership]) {
      const res = await importCsv(GOOD, "", who);
      expect(res.status).toBe(403);
    }
    expect(await historyRows()).toBe(before);
  });

  it("a dry run lists each change and each rejected line with its reason, and writes nothing", async () => {
    const rows = await historyRows();
    const events = await eventCount();
    const file = [
      GOOD,
      "Atlantis,2023,Tier 1,no", // line 6
      "Albania,2025,Tier 1,no", // line 7: the current cycle's year
      "Albania,2021,Tier 5,no", // line 8
      "Albania,2020,Tier 2,yes", // line 9: waiver off the Watch List
      "Albania,2022,Tier 2,no", // line 10: duplicate of line 2
    ].join("\n");
    const res = await importCsv(file, "?dryRun=true");
    expect(res.status).toBe(200);
    const report = await json(res);
    expect(report).toMatchObject({ dryRun: true, applied: false, maxYear: 2024, counts: { inserted: 3, updated: 1, unchanged: 0, rejected: 5 } });
    expect(report.rows.map((r: any) => [r.line, r.outcome])).toEqual([
      [2, "inserted"],
      [3, "inserted"],
      [4, "inserted"],
      [5, "updated"],
      [6, "rejected"],
      [7, "rejected"],
      [8, "rejected"],
      [9, "rejected"],
      [10, "rejected"],
    ]);
    expect(report.rows[3]).toMatchObject({ countryId: "angola", year: 2024, tier: "tier1", before: { tier: "tier2", waiverUsed: false, source: "report" } });
    const reasons = Object.fromEntries(report.rejected.map((r: any) => [r.line, r.reasons.join("; ")]));
    expect(reasons[6]).toMatch(/unknown country "Atlantis"/);
    expect(reasons[7]).toMatch(/outside 2001\.\.2024/);
    expect(reasons[8]).toMatch(/unknown tier "Tier 5"/);
    expect(reasons[9]).toMatch(/Watch List/);
    expect(reasons[10]).toMatch(/duplicate of line 2/);
    expect(await historyRows()).toBe(rows);
    expect(await eventCount()).toBe(events);
  });

  it("a real run with any rejected line refuses the whole file (422) and writes nothing", async () => {
    const rows = await historyRows();
    const res = await importCsv(`${GOOD}\nAtlantis,2023,Tier 1,no`);
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe("import_rejected");
    expect(body.error.message).toMatch(/nothing was imported/);
    expect(body.error.details.rejected).toMatchObject([{ line: 6, reasons: [expect.stringMatching(/Atlantis/)] }]);
    expect(await historyRows()).toBe(rows);
  });

  it("a malformed file is 400 with a message that says what is wrong", async () => {
    const missing = await importCsv("country,tier\nAlbania,Tier 2");
    expect(missing.status).toBe(400);
    expect(await json(missing)).toMatchObject({
      error: { code: "malformed_csv", message: expect.stringMatching(/lacks column\(s\) year.*country,year,tier,waiver/) },
    });
    const empty = await importCsv("");
    expect(empty.status).toBe(400);
    expect((await json(empty)).error.message).toMatch(/empty/);
    const quote = await importCsv('country,year,tier,waiver\n"Albania,2023,Tier 2,no');
    expect(quote.status).toBe(400);
    expect((await json(quote)).error.message).toMatch(/line 2/);
  });

  it("upserts: the first run inserts and updates with one audit event, the second changes nothing and duplicates nothing", async () => {
    const rows = await historyRows();
    const events = await eventCount();
    const first = await importCsv(GOOD);
    expect(first.status).toBe(200);
    expect(await json(first)).toMatchObject({ dryRun: false, applied: true, counts: { inserted: 3, updated: 1, unchanged: 0, rejected: 0 } });
    expect(await historyRows()).toBe(rows + 3);
    expect(await eventCount()).toBe(events + 1);
    const event = await env.DB.prepare("SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1").first<any>();
    expect(event).toMatchObject({ action: "tier_history.import", subject_type: "tier_history_import", actor_user_id: AS.admin });
    const details = JSON.parse(event.details);
    expect(details.counts).toEqual({ inserted: 3, updated: 1, unchanged: 0, rejected: 0 });
    expect(details.changed).toHaveLength(4);
    expect(details.changed.find((c: any) => c.countryId === "angola")).toMatchObject({ outcome: "updated", tier: "tier1", before: { source: "report" } });

    const angola = await env.DB.prepare("SELECT tier, source FROM tier_history WHERE country_id = 'angola' AND report_year = 2024").first();
    expect(angola).toEqual({ tier: "tier1", source: "import" });

    const second = await importCsv(GOOD);
    expect(await json(second)).toMatchObject({ applied: true, counts: { inserted: 0, updated: 0, unchanged: 4, rejected: 0 } });
    expect(await historyRows()).toBe(rows + 3);
    const albania = await env.DB.prepare("SELECT COUNT(*) AS n FROM tier_history WHERE country_id = 'albania'").first<{ n: number }>();
    expect(albania!.n).toBe(3);
  });

  it("refuses bodies over the import limit", async () => {
    const res = await importCsv(`country,year,tier,waiver\n${"Albania,2023,Tier 2,no\n".repeat(100_000)}`);
    expect(res.status).toBe(413);
  });
});

describe("GET /api/countries/:id/tier-history", () => {
  it("gives the country and its years, oldest first, to any signed-in user", async () => {
    await importCsv("country,year,tier,waiver\nAustria,2021,Tier 1,no\nAustria,2023,Tier 1,no");
    const res = await call(AS.drafterSCA, "/api/countries/austria/tier-history");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.country).toEqual({ id: "austria", name: "Austria", regionCode: "EUR", regionName: "Europe" });
    expect(body.years.map((y: any) => y.year)).toEqual([2021, 2023, 2024]);
    expect(body.years[2]).toMatchObject({
      tier: "tier1",
      tierLabel: "Tier 1",
      waiverUsed: false,
      source: "report",
      note: expect.stringMatching(/Europe regional table/),
    });
    expect(body.years[0]).toMatchObject({ source: "import", note: null });
  });

  it("404 for an unknown country, 401 signed out", async () => {
    const res = await call(AS.drafterAF, "/api/countries/atlantis/tier-history");
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
    expect((await call(null, "/api/countries/austria/tier-history")).status).toBe(401);
  });
});
