import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { call, json } from "../helpers/api.ts";
import { act, actOk, approveTier, AS, auditEventsOf, currentVersion, cycleWith, detail, putInState } from "../helpers/workflow.ts";

const BENIN = "2025-benin";
const CHAD = "2025-chad";
const GABON = "2025-gabon";
const LIBERIA = "2025-liberia";
const MALI = "2025-mali";
const NIGER = "2025-niger";
const RWANDA = "2025-rwanda";

/** Fixture: earlier placements of a country (the 2024 ones come from the seed). */
async function placedIn(countryId: string, placements: { year: number; tier: string; waiver?: boolean }[]): Promise<void> {
  for (const p of placements) {
    await env.DB.prepare(
      "INSERT INTO tier_history (country_id, report_year, tier, waiver_used, source) VALUES (?, ?, ?, ?, 'import') ON CONFLICT (country_id, report_year) DO UPDATE SET tier = excluded.tier, waiver_used = excluded.waiver_used",
    )
      .bind(countryId, p.year, p.tier, p.waiver ? 1 : 0)
      .run();
  }
}

async function propose(documentId: string, tier: string, flags: Record<string, unknown> = {}, as: string = AS.drafterAF): Promise<Response> {
  return call(as, `/api/documents/${documentId}/tier`, {
    body: { version: await currentVersion(documentId), tier, justification: "Efforts assessed against the minimum standards.", flags },
  });
}

async function decide(documentId: string, body: Record<string, unknown>, as: string = AS.reviewerAF): Promise<Response> {
  return call(as, `/api/documents/${documentId}/tier/decision`, { body: { version: await currentVersion(documentId), ...body } });
}

describe("POST /api/documents/:id/tier — the statute's rules", () => {
  it("refuses a third Watch List year with the automatic-downgrade clause named, and says the waiver is still available", async () => {
    await placedIn("benin", [{ year: 2023, tier: "tier2wl" }]); // 2024: Tier 2 Watch List (seed)
    const before = await currentVersion(BENIN);
    const res = await propose(BENIN, "tier2wl");
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe("tier_rule");
    expect(body.error.details.clause).toBe("automatic_downgrade");
    expect(body.error.details.rule).toContain("ranked Tier 2 Watch List for two consecutive years");
    expect(body.error.details.requiredTier).toBe("tier3");
    expect(body.error.details.waiver.available).toBe(true);
    expect(body.error.message).toContain("2023 and 2024");
    // Nothing recorded.
    expect(await currentVersion(BENIN)).toBe(before);
    expect((await detail(AS.drafterAF, BENIN)).tierRecommendations).toEqual([]);

    // The detail tells the form the same before anything is proposed.
    const doc = await detail(AS.drafterAF, BENIN);
    expect(doc.tierRules).toMatchObject({ year: 2025, watchListYears: 2, waiver: { available: true } });
    expect(doc.tierRules!.history.map((h) => [h.year, h.tier])).toEqual([
      [2023, "tier2wl"],
      [2024, "tier2wl"],
    ]);
  });

  it("accepts the one-time waiver on a written plan and records that it was used", async () => {
    await placedIn("chad", [{ year: 2023, tier: "tier2wl" }]);
    const noPlan = await propose(CHAD, "tier2wl", { waiverRequested: true });
    expect(noPlan.status).toBe(422);
    expect((await json(noPlan)).error.details.clause).toBe("waiver_only_once");

    const res = await propose(CHAD, "tier2wl", { waiverRequested: true, waiverPlanReference: "National action plan 2025-2027" });
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
    const doc = await json(res);
    expect(doc.tierRules.current).toMatchObject({ allowed: true, usesWaiver: true });
    const event = (await auditEventsOf(CHAD, "tier.propose"))[0]!;
    expect(JSON.parse(event.details)).toMatchObject({ tier: "tier2wl", usesWaiver: true });
  });

  it("refuses a second waiver: the waiver is only once", async () => {
    await placedIn("gabon", [
      { year: 2018, tier: "tier2wl" },
      { year: 2019, tier: "tier2wl" },
      { year: 2020, tier: "tier2wl", waiver: true },
      { year: 2021, tier: "tier2" },
      { year: 2023, tier: "tier2wl" },
    ]);
    const res = await propose(GABON, "tier2wl", { waiverRequested: true, waiverPlanReference: "Plan" });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.details.findings.map((f: any) => f.clause)).toEqual(expect.arrayContaining(["automatic_downgrade", "waiver_only_once"]));
    expect(body.error.details.waiver).toMatchObject({ available: false, reason: "The one-time waiver was used in 2020." });
  });

  it("refuses Tier 2 for a government with a policy or pattern of trafficking", async () => {
    const res = await propose(LIBERIA, "tier2", { policyOrPattern: true });
    expect(res.status).toBe(422);
    expect((await json(res)).error.details).toMatchObject({ clause: "policy_or_pattern", requiredTier: "tier3" });
    expect((await propose(LIBERIA, "tier3", { policyOrPattern: true })).status).toBe(200);
  });
});

describe("POST /api/documents/:id/tier/decision", () => {
  it("a reviewer's approval moves nothing in the text workflow by itself", async () => {
    await putInState(MALI, "in_review");
    expect((await propose(MALI, "tier2")).status).toBe(200);
    const before = await detail(AS.reviewerAF, MALI);
    const res = await decide(MALI, { decision: "approve", comment: "Agreed." });
    expect(res.status).toBe(200);
    const after = await json(res);
    expect(after.state).toBe("in_review");
    expect(after.textHash).toBe(before.textHash);
    expect(after.clearanceRound).toBe(before.clearanceRound);
    expect(after.approvedTier).toBe("tier2");
    expect(after.version).toBe(before.version + 1);
    expect(await auditEventsOf(MALI, "workflow.")).toEqual([]);
  });

  it("checks the statute again at approval: history imported after the proposal can make it unlawful", async () => {
    expect((await propose(NIGER, "tier2wl")).status).toBe(200); // 2024 Watch List only: a second year is fine
    await placedIn("niger", [{ year: 2023, tier: "tier2wl" }]);
    const res = await decide(NIGER, { decision: "approve" });
    expect(res.status).toBe(422);
    expect((await json(res)).error.details.clause).toBe("automatic_downgrade");
    const rejected = await decide(NIGER, { decision: "reject", comment: "The automatic downgrade applies." });
    expect(rejected.status).toBe(200);
    expect((await json(rejected)).tierRecommendations[0]).toMatchObject({ status: "rejected", decisionComment: "The automatic downgrade applies." });
  });

  it("leadership fixes the final tier in final review; final clearance fixes it, reopening unfixes it", async () => {
    await approveTier(RWANDA, AS.drafterAF, AS.reviewerAF, "tier2wl");
    // Not before final review, and not by a reviewer.
    expect((await decide(RWANDA, { decision: "final" }, AS.leadership)).status).toBe(409);
    await putInState(RWANDA, "final_review");
    expect((await decide(RWANDA, { decision: "final" }, AS.reviewerAF)).status).toBe(403);
    expect((await detail(AS.leadership, RWANDA)).youMay.fixTier).toBe(true);

    const noReason = await decide(RWANDA, { decision: "final", tier: "tier2" }, AS.leadership);
    expect(noReason.status).toBe(400);
    const fixed = await decide(RWANDA, { decision: "final", tier: "tier2", comment: "Prosecutions rose; the Secretary places it on Tier 2." }, AS.leadership);
    expect(fixed.status, JSON.stringify(await fixed.clone().json())).toBe(200);
    const doc = await json(fixed);
    expect(doc).toMatchObject({ state: "final_review", approvedTier: "tier2", tierFixed: true });
    expect(doc.tierRecommendations[0]).toMatchObject({ tier: "tier2", status: "final", fixedBy: AS.leadership });
    expect(doc.tierRecommendations[1]).toMatchObject({ tier: "tier2wl", status: "superseded" });

    const reopened = await actOk(AS.leadership, RWANDA, "reopen", { comment: "One more look at the summary." });
    expect(reopened).toMatchObject({ state: "in_review", approvedTier: "tier2", tierFixed: false });
  });

  it("final clearance fixes the approved tier and the release writes it into the country's history", async () => {
    await cycleWith(2093, ["final_review"]);
    const doc = "2093-bahrain";
    // Bahrain's 2092 placement does not exist; only its 2024 one. A Tier 1 approval is lawful.
    await env.DB.prepare(
      "INSERT INTO tier_recommendations (document_id, tier, justification, flags, proposed_by, proposed_at, status) VALUES (?, 'tier1', 'j', '{}', ?, '2093-01-01', 'approved')",
    )
      .bind(doc, AS.embassyManama)
      .run();
    await env.DB.prepare(
      "INSERT INTO document_clearance_offices (document_id, office_code, mode, set_by, set_at) VALUES (?, 'DRL', 'clear', 'x', '2093-01-01')",
    )
      .bind(doc)
      .run();
    // The text that "entered clearance" is the room's current (empty) text.
    await env.DB.prepare("UPDATE documents SET text_hash = ? WHERE id = ?")
      .bind((await documentRoom(env, doc).snapshot()).hash, doc)
      .run();
    const cleared = await act(AS.leadership, doc, "final_clear");
    expect(cleared.status, JSON.stringify(await cleared.clone().json())).toBe(200);
    expect(await json(cleared)).toMatchObject({ state: "cleared", approvedTier: "tier1", tierFixed: true });
    const event = (await auditEventsOf(doc, "workflow.final_clear"))[0]!;
    expect(JSON.parse(event.details)).toMatchObject({ tier: "tier1" });

    const released = await call(AS.leadership, "/api/cycles/2093/release", { body: { confirm: true } });
    expect(released.status, JSON.stringify(await released.clone().json())).toBe(200);
    const row = await env.DB.prepare("SELECT tier, waiver_used, source FROM tier_history WHERE country_id = 'bahrain' AND report_year = 2093").first();
    expect(row).toEqual({ tier: "tier1", waiver_used: 0, source: "release" });
  });
});
