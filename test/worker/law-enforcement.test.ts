import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json } from "../helpers/api.ts";
import { TEST_CYCLE_YEAR } from "../helpers/seed.ts";
import { AS, auditEventsOf, currentVersion, putInState } from "../helpers/workflow.ts";

const ISRAEL = `${TEST_CYCLE_YEAR}-israel`;
const UAE = `${TEST_CYCLE_YEAR}-united-arab-emirates`;
const SYRIA = `${TEST_CYCLE_YEAR}-syria`;
const IRAN = `${TEST_CYCLE_YEAR}-iran`;
const KENYA = `${TEST_CYCLE_YEAR}-kenya`;
const GHANA = `${TEST_CYCLE_YEAR}-ghana`;

async function putFigures(userId: string, documentId: string, figures: Record<string, unknown>, extra: { version?: number; lawsNote?: string } = {}) {
  const version = extra.version ?? (await currentVersion(documentId));
  return call(userId, `/api/documents/${documentId}/figures`, {
    method: "PUT",
    body: { version, figures, ...(extra.lawsNote !== undefined ? { lawsNote: extra.lawsNote } : {}) },
  });
}

async function putFiguresOk(userId: string, documentId: string, figures: Record<string, unknown>, extra: { lawsNote?: string } = {}) {
  const res = await putFigures(userId, documentId, figures, extra);
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

async function storedRow(documentId: string) {
  return env.DB.prepare("SELECT * FROM law_enforcement_figures WHERE document_id = ?").bind(documentId).first<Record<string, unknown>>();
}

describe("PUT /api/documents/:id/figures — saved, versioned and audited", () => {
  it("saving the figures already stored changes nothing: same version, no new audit event", async () => {
    const figures = { prosecutions: 7, prosecutionsLabor: 1 };
    const mauritania = `${TEST_CYCLE_YEAR}-mauritania`;
    const saved = await putFiguresOk(AS.drafterAF, mauritania, figures, { lawsNote: "None." });
    const again = await putFiguresOk(AS.drafterAF, mauritania, figures, { lawsNote: "None." });
    expect(again.version).toBe(saved.version);
    expect(await auditEventsOf(mauritania, "figures.")).toHaveLength(1);
  });

  it("a drafter saves figures; the version steps, the audit event names the changed fields with before and after", async () => {
    const before = await currentVersion(ISRAEL);
    const first = await putFiguresOk(
      AS.drafterNEA,
      ISRAEL,
      { investigations: 40, investigationsLabor: 5, prosecutions: 12, prosecutionsLabor: 3, newOrAmendedLaws: 1 },
      { lawsNote: "Amended the anti-trafficking law." },
    );
    expect(first).toMatchObject({
      documentId: ISRAEL,
      version: before + 1,
      entered: true,
      youMayEdit: true,
      lawsNote: "Amended the anti-trafficking law.",
      figures: {
        investigations: 40,
        investigationsLabor: 5,
        prosecutions: 12,
        prosecutionsLabor: 3,
        convictions: null,
        victimsIdentified: null,
        newOrAmendedLaws: 1,
      },
    });
    expect(await currentVersion(ISRAEL)).toBe(before + 1);

    // In review the reviewer edits too.
    await putInState(ISRAEL, "in_review");
    const second = await putFiguresOk(
      AS.reviewerNEA,
      ISRAEL,
      { investigations: 40, investigationsLabor: 5, prosecutions: 14, prosecutionsLabor: 3, convictions: 2, newOrAmendedLaws: 1 },
      { lawsNote: "Amended the anti-trafficking law." },
    );
    expect(second.version).toBe(before + 3);
    expect(await storedRow(ISRAEL)).toMatchObject({ prosecutions: 14, convictions: 2, victims_identified: null, updated_by: AS.reviewerNEA });

    const events = await auditEventsOf(ISRAEL, "figures.");
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ action: "figures.update", actor_user_id: AS.drafterNEA, document_version: before });
    expect(events[1]).toMatchObject({ action: "figures.update", actor_user_id: AS.reviewerNEA, document_version: before + 2 });
    expect(JSON.parse(events[0]!.details)).toEqual({
      changes: {
        investigations: { before: null, after: 40 },
        investigationsLabor: { before: null, after: 5 },
        prosecutions: { before: null, after: 12 },
        prosecutionsLabor: { before: null, after: 3 },
        newOrAmendedLaws: { before: null, after: 1 },
      },
      lawsNote: { before: null, after: "Amended the anti-trafficking law." },
    });
    // Only what changed: prosecutions and convictions.
    expect(JSON.parse(events[1]!.details)).toEqual({ changes: { prosecutions: { before: 12, after: 14 }, convictions: { before: null, after: 2 } } });

    const read = await call(AS.clearerBureauNEA, `/api/documents/${ISRAEL}/figures`);
    expect(read.status).toBe(200);
    expect(await json(read)).toMatchObject({ youMayEdit: false, figures: { prosecutions: 14 }, updatedByName: "NEA Reviewer" });
  });

  it("GET before anything is entered: every figure not reported", async () => {
    const body = await json(await call(AS.drafterNEA, `/api/documents/${IRAN}/figures`));
    expect(body).toMatchObject({ entered: false, lawsNote: null, updatedAt: null });
    expect(Object.values(body.figures).every((v) => v === null)).toBe(true);
  });
});

describe("PUT /api/documents/:id/figures — validation errors: 400, the field named, nothing changed", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["a negative figure", { prosecutions: -1 }, "prosecutions", /Prosecutions cannot be negative/],
    ["a fraction", { convictions: 2.5 }, "convictions", /Convictions must be a whole number/],
    [
      "labor above the total",
      { victimsIdentified: 10, victimsIdentifiedLabor: 11 },
      "victimsIdentifiedLabor",
      /Victims identified \(labor\) cannot be more than Victims identified/,
    ],
    ["labor without its total", { investigationsLabor: 3 }, "investigationsLabor", /Investigations \(labor\) is given but Investigations is not/],
  ];
  for (const [what, figures, field, message] of cases) {
    it(what, async () => {
      const version = await currentVersion(UAE);
      const res = await putFigures(AS.drafterNEA, UAE, figures);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error.code).toBe("invalid_figures");
      expect(body.error.details.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
      expect(await currentVersion(UAE)).toBe(version);
      expect(await storedRow(UAE)).toBeNull();
      expect(await auditEventsOf(UAE, "figures.")).toHaveLength(0);
    });
  }

  it("not a number at all: the request's 400, naming the field", async () => {
    const res = await putFigures(AS.drafterNEA, UAE, { prosecutions: "12" });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.issues[0].path).toBe("figures.prosecutions");
  });

  it("an unknown figure is refused", async () => {
    const res = await putFigures(AS.drafterNEA, UAE, { arrests: 3 });
    expect(res.status).toBe(400);
  });

  it("every broken rule is listed", async () => {
    const res = await putFigures(AS.drafterNEA, UAE, { prosecutions: -1, convictions: 3, convictionsLabor: 4 });
    expect((await json(res)).error.details.errors.map((e: any) => e.field)).toEqual(["prosecutions", "convictionsLabor"]);
  });
});

describe("PUT /api/documents/:id/figures — who and when", () => {
  it("a stale version is 409 stale_version and changes nothing", async () => {
    const version = await currentVersion(SYRIA);
    const res = await putFigures(AS.drafterNEA, SYRIA, { prosecutions: 1 }, { version: version + 1 });
    expect(res.status).toBe(409);
    expect((await json(res)).error).toMatchObject({ code: "stale_version", details: { current: { version } } });
    expect(await storedRow(SYRIA)).toBeNull();
  });

  it("a clearer of the region reads but may not edit: 403", async () => {
    const res = await putFigures(AS.clearerBureauNEA, SYRIA, { prosecutions: 1 });
    expect(res.status).toBe(403);
    expect(await storedRow(SYRIA)).toBeNull();
  });

  it("a drafter of another region does not even see the narrative: 404", async () => {
    expect((await putFigures(AS.drafterAF, SYRIA, { prosecutions: 1 })).status).toBe(404);
    expect((await call(AS.drafterAF, `/api/documents/${SYRIA}/figures`)).status).toBe(404);
  });

  it("a reviewer while the narrative is drafting: 409, not their stage", async () => {
    const res = await putFigures(AS.reviewerNEA, SYRIA, { prosecutions: 1 });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("wrong_state");
  });

  it("a narrative locked in clearance: 409 text_locked for its own drafter", async () => {
    await putInState(SYRIA, "in_clearance");
    const res = await putFigures(AS.drafterNEA, SYRIA, { prosecutions: 1 });
    expect(res.status).toBe(409);
    expect((await json(res)).error).toMatchObject({ code: "text_locked", details: { state: "in_clearance" } });
    expect(await storedRow(SYRIA)).toBeNull();
    expect((await json(await call(AS.drafterNEA, `/api/documents/${SYRIA}/figures`))).youMayEdit).toBe(false);
  });

  it("a report section carries no figures: 409 not_a_narrative", async () => {
    const section = await env.DB.prepare("SELECT id, version FROM documents WHERE kind = 'report_section' AND cycle_year = ? LIMIT 1")
      .bind(TEST_CYCLE_YEAR)
      .first<{ id: string; version: number }>();
    const res = await call(AS.admin, `/api/documents/${section!.id}/figures`, {
      method: "PUT",
      body: { version: section!.version, figures: { prosecutions: 1 } },
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("not_a_narrative");
  });
});

describe("GET /api/cycles/:year/law-enforcement", () => {
  it("the cycle's year sums the entered figures per region and globally, counting the countries that reported", async () => {
    // Leadership reads every narrative, so every region's sum is complete (test/worker/api-hardening.test.ts: partial sums).
    const before = await json(await call(AS.leadership, `/api/cycles/${TEST_CYCLE_YEAR}/law-enforcement`));
    await putFiguresOk(AS.drafterAF, KENYA, { prosecutions: 30, prosecutionsLabor: 4, convictions: 9, victimsIdentified: 100, victimsIdentifiedLabor: 20 });
    await putFiguresOk(AS.drafterAF, GHANA, { prosecutions: 7, prosecutionsLabor: 0, victimsIdentified: 50 });
    const res = await call(AS.leadership, `/api/cycles/${TEST_CYCLE_YEAR}/law-enforcement`);
    expect(res.status).toBe(200);
    const data = await json(res);
    expect(data).toMatchObject({ partial: false, hiddenCountries: 0 });
    expect(data).toMatchObject({ cycleYear: TEST_CYCLE_YEAR, reportingYear: TEST_CYCLE_YEAR - 1, current: { year: TEST_CYCLE_YEAR - 1 } });

    const af = (d: any) => d.current.regions.find((r: any) => r.regionCode === "AF");
    const delta = (d: any, key: string, part: "totals" | "reporting") => af(d)[part][key] - af(before)[part][key];
    expect(delta(data, "prosecutions", "totals")).toBe(37);
    expect(delta(data, "prosecutionsLabor", "totals")).toBe(4);
    expect(delta(data, "convictions", "totals")).toBe(9);
    expect(delta(data, "victimsIdentified", "totals")).toBe(150);
    expect(delta(data, "prosecutions", "reporting")).toBe(2);
    expect(delta(data, "convictions", "reporting")).toBe(1);
    expect(af(data).countries).toBe(48);

    // Every region's sum is the sum of what was entered for its narratives; the global sum is theirs.
    const { results } = await env.DB.prepare(
      "SELECT c.region_code AS region, SUM(f.prosecutions) AS prosecutions, COUNT(f.prosecutions) AS reporting FROM law_enforcement_figures f JOIN documents d ON d.id = f.document_id JOIN countries c ON c.id = d.country_id WHERE d.cycle_year = ? GROUP BY c.region_code",
    )
      .bind(TEST_CYCLE_YEAR)
      .all<{ region: string; prosecutions: number | null; reporting: number }>();
    for (const region of data.current.regions) {
      const row = results.find((r) => r.region === region.regionCode);
      expect(region.totals.prosecutions, region.regionCode).toBe(row?.prosecutions ?? 0);
      expect(region.reporting.prosecutions, region.regionCode).toBe(row?.reporting ?? 0);
    }
    expect(data.current.global.totals.prosecutions).toBe(data.current.regions.reduce((sum: number, r: any) => sum + r.totals.prosecutions, 0));
    expect(data.current.global.countries).toBe(data.current.regions.reduce((sum: number, r: any) => sum + r.countries, 0));
  });

  it("the imported 2017-2023 tables: Western Hemisphere repeats South and Central Asia every year and is flagged; 2023 derived prosecutions 1,387", async () => {
    const data = await json(await call(AS.drafterNEA, `/api/cycles/${TEST_CYCLE_YEAR}/law-enforcement`));
    expect(data.published.map((y: any) => y.year)).toEqual([2023, 2022, 2021, 2020, 2019, 2018, 2017]);
    for (const year of data.published) {
      expect(year.consistent, `${year.year}`).toBe(false);
      expect(year.regions.map((r: any) => r.regionCode)).toEqual(["AF", "EAP", "EUR", "NEA", "SCA", "WHA"]);
      const flagged = year.regions.filter((r: any) => r.flag);
      expect(
        flagged.map((r: any) => [r.regionCode, r.flag.kind, r.flag.duplicateOf]),
        `${year.year}`,
      ).toEqual([["WHA", "duplicates_region", "SCA"]]);
      expect(flagged[0].flag.reason).toMatch(/Western Hemisphere row repeats the South and Central Asia row/);
    }
    const y2023 = data.published[0];
    expect(y2023.global.prosecutions).toBe(18774);
    const wha = y2023.regions.find((r: any) => r.regionCode === "WHA");
    expect(wha.values.prosecutions).toBe(6041);
    expect(wha.flag.derived).toMatchObject({ prosecutions: 1387, prosecutionsLabor: 180, convictions: 873, victimsIdentified: 18267, newOrAmendedLaws: 4 });
    expect(wha.flag.reason).toMatch(/1,387 prosecutions/);
    expect(y2023.difference.prosecutions).toBe(18774 - (2551 + 3390 + 3147 + 2258 + 6041 + 6041));
  });

  it("an unknown cycle is 404; no identity is 401", async () => {
    expect((await call(AS.drafterNEA, "/api/cycles/2031/law-enforcement")).status).toBe(404);
    expect((await call(null, `/api/cycles/${TEST_CYCLE_YEAR}/law-enforcement`)).status).toBe(401);
  });
});
