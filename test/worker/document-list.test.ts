/**
 * GET /api/cycles/:year/documents as the overview pages read it: who each document waits on, and
 * the filters on this year's tier, overdue, assignee and the name search. Uses Zambia, Zimbabwe,
 * Togo, Uganda and Namibia, which no other worker test touches.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AS, call, json } from "../helpers/api.ts";
import { approveTier, putInState } from "../helpers/workflow.ts";

const list = async (userId: string, query = "") => {
  const res = await call(userId, `/api/cycles/2025/documents${query ? `?${query}` : ""}`);
  expect(res.status, `${query}: ${res.status}`).toBe(200);
  return json(res);
};
const doc = (body: any, id: string) => body.documents.find((d: any) => d.id === id);
const who = (d: any) => d.assignees.map((a: any) => (a.officeCode ? `${a.name} (${a.officeCode})` : a.name));

describe("GET /api/cycles/:year/documents: assignees", () => {
  it("names whose turn each document is: drafters, the reviewer, each pending office's clearers, leadership", async () => {
    await putInState("2025-zambia", "in_review");
    await putInState("2025-zimbabwe", "in_clearance");
    await putInState("2025-togo", "final_review");
    const body = await list(AS.leadership, "region=AF");
    // The TIP Office's global writer and editor hold a grant over every narrative too.
    expect(who(doc(body, "2025-namibia"))).toEqual(["AF Drafting Officer", "Jordan TIP Report Writer"]);
    expect(who(doc(body, "2025-zambia"))).toEqual(["AF Reviewer", "Riley TIP Senior Editor"]);
    // The cycle's default list: the regional bureau, DRL and L clear (J is only informed).
    expect(who(doc(body, "2025-zimbabwe"))).toEqual(["AF Bureau Clearer (AF)", "Dana DRL Clearer (DRL)", "Lee Legal Adviser (L)"]);
    expect(who(doc(body, "2025-togo"))).toEqual(["Morgan Ambassador"]);
    expect(doc(body, "2025-zimbabwe").assignees[0]).toEqual({ userId: "demo-bureau-af", name: "AF Bureau Clearer", role: "clearer", officeCode: "AF" });
  });

  it("filters on an assignee, and lists every assignee of what the caller sees whatever the filters", async () => {
    const body = await list(AS.leadership, "assignee=demo-reviewer-af");
    expect(body.documents.map((d: any) => d.id)).toContain("2025-zambia");
    expect(body.documents.every((d: any) => d.assignees.some((a: any) => a.userId === "demo-reviewer-af"))).toBe(true);
    const reviewer = body.assignees.find((a: any) => a.userId === "demo-reviewer-af");
    expect(reviewer).toEqual({ userId: "demo-reviewer-af", name: "AF Reviewer", documents: body.counts.total });
    const unfiltered = await list(AS.leadership);
    expect(body.assignees).toEqual(unfiltered.assignees);
    expect(unfiltered.assignees.map((a: any) => a.name)).toContain("AF Drafting Officer");
  });

  it("a regional reader's assignee choices come only from their region", async () => {
    const body = await list(AS.drafterAF);
    const names = body.assignees.map((a: any) => a.name);
    expect(names).toContain("AF Reviewer");
    expect(names).not.toContain("EUR Drafting Officer");
    expect((await list(AS.drafterAF, "assignee=demo-drafter-eur")).counts.total).toBe(0);
  });

  it("a deactivated person is no longer anyone's assignee", async () => {
    const created = await call(AS.admin, "/api/admin/users", {
      body: { email: "windhoek@example.gov", name: "Windhoek Officer", grants: [{ role: "drafter", scopeType: "country", countryId: "namibia" }] },
    });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    expect(who(doc(await list(AS.leadership, "region=AF"), "2025-namibia"))).toEqual(["AF Drafting Officer", "Jordan TIP Report Writer", "Windhoek Officer"]);
    expect((await call(AS.admin, `/api/admin/users/${id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(who(doc(await list(AS.leadership, "region=AF"), "2025-namibia"))).toEqual(["AF Drafting Officer", "Jordan TIP Report Writer"]);
  });
});

describe("GET /api/cycles/:year/documents: this year's tier, overdue and the name search", () => {
  it("filters on this year's tier, or on narratives not placed yet", async () => {
    await approveTier("2025-uganda", AS.drafterAF, AS.reviewerAF, "tier2wl");
    const placed = await list(AS.leadership, "approvedTier=tier2wl");
    expect(placed.documents.map((d: any) => d.id)).toEqual(["2025-uganda"]);
    const none = await list(AS.leadership, "approvedTier=none&kind=country_narrative");
    expect(none.counts.total).toBe(187);
    expect(doc(none, "2025-uganda")).toBeUndefined();
  });

  it("filters on overdue once a milestone has passed, and counts the overdue", async () => {
    const onTime = await list(AS.leadership, "region=AF");
    expect(onTime.counts.overdue).toBe(0);
    expect((await list(AS.leadership, "overdue=true")).counts.total).toBe(0);
    const { review_due: reviewDue, drafting_due: draftingDue } = (await env.DB.prepare(
      "SELECT drafting_due, review_due FROM report_cycles WHERE year = 2025",
    ).first<{ drafting_due: string; review_due: string }>())!;
    await env.DB.prepare("UPDATE report_cycles SET drafting_due = '2000-01-01', review_due = '2000-02-01' WHERE year = 2025").run();
    try {
      const late = await list(AS.leadership, "region=AF&state=in_review&overdue=true");
      expect(late.documents.map((d: any) => d.id)).toContain("2025-zambia");
      expect(late.documents.every((d: any) => d.state === "in_review" && d.overdue)).toBe(true);
      expect(doc(late, "2025-zambia")).toMatchObject({ overdue: true, dueDate: "2000-02-01", state: "in_review" });
      expect(late.counts).toMatchObject({ total: late.documents.length, overdue: late.documents.length });
      const africa = await list(AS.leadership, "region=AF&overdue=false");
      // Clearance and final review are due later: only they are on time.
      expect(new Set(africa.documents.map((d: any) => d.state))).toEqual(new Set(["in_clearance", "final_review"]));
    } finally {
      await env.DB.prepare("UPDATE report_cycles SET drafting_due = ?, review_due = ? WHERE year = 2025").bind(draftingDue, reviewDue).run();
    }
  });

  it("finds titles whatever the case and accents", async () => {
    expect((await list(AS.leadership, "q=cote")).documents.map((d: any) => d.title)).toEqual(["Cote d'Ivoire"]);
    expect((await list(AS.leadership, "q=T%C3%9CRKIYE")).documents.map((d: any) => d.title)).toEqual(["Turkey (Türkiye)"]);
    expect((await list(AS.leadership, "q=curacao")).documents.map((d: any) => d.title)).toEqual(["Curaçao"]);
    expect((await list(AS.drafterAF, "q=france")).counts.total).toBe(0);
  });

  it("refuses a filter it does not know with the error shape", async () => {
    for (const query of ["approvedTier=tier9", "overdue=maybe", `q=${"x".repeat(101)}`, "assignee=", "colour=red"]) {
      const res = await call(AS.leadership, `/api/cycles/2025/documents?${query}`);
      expect(res.status, query).toBe(400);
      expect((await json(res)).error.code, query).toBe("invalid_request");
    }
  });
});
