import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AS, call, json } from "../helpers/api.ts";

describe("GET /api/cycles", () => {
  it("lists the 2025 cycle with its reporting period", async () => {
    const { cycles } = await json(await call(AS.drafterAF, "/api/cycles"));
    expect(cycles[0]).toMatchObject({ year: 2025, periodStart: "2024-04-01", periodEnd: "2025-03-31", status: "drafting" });
    expect((await call(AS.drafterAF, "/api/cycles/2025")).status).toBe(200);
    expect((await call(AS.drafterAF, "/api/cycles/1999")).status).toBe(400);
    expect((await call(AS.drafterAF, "/api/cycles/2040")).status).toBe(404);
  });
});

describe("GET /api/cycles/:year/documents", () => {
  it("leadership sees all 188 narratives and 21 report sections, each with its 2024 tier and state", async () => {
    const body = await json(await call(AS.leadership, "/api/cycles/2025/documents"));
    expect(body.counts.byKind).toEqual({ country_narrative: 188, report_section: 21 });
    expect(body.counts.byRegion).toMatchObject({ AF: 48, EAP: 29, EUR: 45, NEA: 18, SCA: 13, WHA: 35 });
    const afghanistan = body.documents.find((d: any) => d.id === "2025-afghanistan");
    expect(afghanistan).toMatchObject({ title: "Afghanistan", regionCode: "SCA", previousTier: "tier3", state: "drafting" });
  });

  it("a drafter scoped to Africa lists only Africa's narratives and cannot open Europe's", async () => {
    const body = await json(await call(AS.drafterAF, "/api/cycles/2025/documents"));
    expect(body.counts.total).toBe(48);
    expect(new Set(body.documents.map((d: any) => d.regionCode))).toEqual(new Set(["AF"]));
    expect((await call(AS.drafterAF, "/api/documents/2025-angola")).status).toBe(200);
    const france = await call(AS.drafterAF, "/api/documents/2025-france");
    expect(france.status).toBe(404);
    expect((await json(france)).error.code).toBe("not_found");
    expect((await json(await call(AS.drafterAF, "/api/cycles/2025/documents?region=EUR"))).counts.total).toBe(0);
  });

  it("an embassy officer sees only their own country", async () => {
    const body = await json(await call(AS.embassyKabul, "/api/cycles/2025/documents"));
    expect(body.documents.map((d: any) => d.id)).toEqual(["2025-afghanistan"]);
  });

  it("filters by region, kind, state, tier and my assignments", async () => {
    const q = async (query: string) => (await json(await call(AS.leadership, `/api/cycles/2025/documents?${query}`))).counts.total;
    expect(await q("region=EUR")).toBe(45);
    expect(await q("kind=report_section")).toBe(21);
    expect(await q("tier=tier3")).toBe(21);
    expect(await q("tier=tier2wl&region=AF")).toBeGreaterThan(0);
    expect(await q("state=cleared")).toBe(0);
    const mine = await json(await call(AS.clearerBureauAF, "/api/cycles/2025/documents?mine=true"));
    expect(mine.counts.total).toBe(48);
  });

  it("malformed query -> 400 with the error shape naming the parameter", async () => {
    const res = await call(AS.leadership, "/api/cycles/2025/documents?tier=tier9");
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details.issues[0].path).toBe("tier");
    expect((await call(AS.leadership, "/api/cycles/2025/documents?colour=red")).status).toBe(400);
  });
});

describe("GET /api/documents/:id", () => {
  it("returns the document with the caller's roles and edit right", async () => {
    const body = await json(await call(AS.embassyKabul, "/api/documents/2025-afghanistan"));
    expect(body).toMatchObject({ id: "2025-afghanistan", kind: "country_narrative", yourRoles: ["drafter"], youMayEdit: true });
    const reviewerView = await json(await call(AS.leadership, "/api/documents/2025-afghanistan"));
    expect(reviewerView.youMayEdit).toBe(false);
  });

  it("report sections are visible to global roles only", async () => {
    expect((await call(AS.leadership, "/api/documents/2025-section-methodology")).status).toBe(200);
    expect((await call(AS.drafterAF, "/api/documents/2025-section-methodology")).status).toBe(404);
  });

  it("a malformed id -> 400, an unknown one -> 404", async () => {
    expect((await call(AS.leadership, "/api/documents/DROP%20TABLE")).status).toBe(400);
    expect((await call(AS.leadership, "/api/documents/2025-atlantis")).status).toBe(404);
  });
});

describe("GET /api/cycles/:year/progress", () => {
  it("counts documents per state and region over what the caller sees, none overdue in the demo cycle", async () => {
    const body = await json(await call(AS.leadership, "/api/cycles/2025/progress"));
    expect(body.overall.total).toBe(209);
    expect(body.byRegion.AF).toMatchObject({ total: 48, overdue: 0 });
    expect(body.reportSections.total).toBe(21);
    const africa = await json(await call(AS.drafterAF, "/api/cycles/2025/progress"));
    expect(africa.overall.total).toBe(48);
    expect(Object.keys(africa.byRegion)).toEqual(["AF"]);
  });

  it("says how many days are left to the release, and counts a document overdue once its step's milestone has passed", async () => {
    const cycle = await json(await call(AS.leadership, "/api/cycles/2025"));
    const body = await json(await call(AS.leadership, "/api/cycles/2025/progress"));
    expect(body.releaseDate).toBe(cycle.releaseDate);
    expect(body.daysToRelease).toBe(Math.round((Date.parse(cycle.releaseDate) - Date.parse(body.today)) / 86_400_000));
    const { drafting_due: original } = (await env.DB.prepare("SELECT drafting_due FROM report_cycles WHERE year = 2025").first<{ drafting_due: string }>())!;
    await env.DB.prepare("UPDATE report_cycles SET drafting_due = '2000-01-01' WHERE year = 2025").run();
    try {
      const late = await json(await call(AS.leadership, "/api/cycles/2025/progress"));
      const draftingInAfrica = late.byRegion.AF.byState.drafting ?? 0;
      expect(draftingInAfrica).toBeGreaterThan(0);
      expect(late.byRegion.AF.overdue).toBe(draftingInAfrica + (late.byRegion.AF.byState.returned ?? 0));
      const doc = await json(await call(AS.drafterAF, "/api/documents/2025-angola"));
      expect(doc).toMatchObject({ dueDate: "2000-01-01", overdue: true });
    } finally {
      await env.DB.prepare("UPDATE report_cycles SET drafting_due = ? WHERE year = 2025").bind(original).run();
    }
  });
});
