import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../worker/audit/audit-log.ts";
import { database } from "../../worker/db/client.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { call, json } from "../helpers/api.ts";
import { freshNarrative } from "../helpers/narratives.ts";
import { RoomClient, waitFor } from "../helpers/room-client.ts";
import { holdRoomCalls } from "../helpers/room-harness.ts";
import { act, actOk, approveTier, AS, auditEventsOf, currentVersion, detail } from "../helpers/workflow.ts";

const BAHRAIN = "2025-bahrain";

describe("POST /api/documents/:id/actions — Bahrain from drafting to cleared", () => {
  it("every role takes its step; state, room lock, recorded hashes and audit events follow", async () => {
    // The embassy drafts.
    const drafter = await RoomClient.open(AS.embassyManama, BAHRAIN);
    drafter.type("summary", "The Government of Bahrain fully meets the minimum standards.");
    await approveTier(BAHRAIN, AS.embassyManama, AS.reviewerNEA, "tier1");
    expect((await detail(AS.embassyManama, BAHRAIN)).actions.map((a: any) => a.action)).toEqual(["submit"]);

    const submitted = await actOk(AS.embassyManama, BAHRAIN, "submit");
    expect(submitted).toMatchObject({ state: "in_review", approvedTier: "tier1" });
    const submitHash = submitted.textHash;
    expect(submitHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await documentRoom(env, BAHRAIN).status()).locked).toBe(false);

    // The reviewer reads it, edits a sentence, approves it.
    const reviewer = await RoomClient.open(AS.reviewerNEA, BAHRAIN);
    await waitFor(() => reviewer.text("summary").includes("minimum standards"), "reviewer sees the draft");
    reviewer.type("summary", " It increased prosecutions.");
    await waitFor(() => drafter.text("summary").endsWith("It increased prosecutions."), "drafter sees the edit");
    const approved = await actOk(AS.reviewerNEA, BAHRAIN, "approve");
    expect(approved.state).toBe("in_clearance");
    expect(approved.textHash).not.toBe(submitHash);
    const room = await documentRoom(env, BAHRAIN).status();
    expect(room).toMatchObject({ locked: true, workflowState: "in_clearance" });
    await waitFor(() => drafter.notices.some((n) => n.type === "lock" && n.locked && n.canEdit === false), "drafter told the text is locked");
    // The last lock notice names the state and who put it there.
    await waitFor(() => drafter.notices.some((n) => n.type === "lock" && n.reason === "In clearance"), "in-clearance lock notice");
    expect(drafter.notices.filter((n) => n.type === "lock").at(-1)).toEqual({
      type: "lock",
      locked: true,
      reason: "In clearance",
      lockedBy: "NEA Reviewer",
      canEdit: false,
    });
    drafter.type("summary", " Sneaked in.");
    await waitFor(() => drafter.notices.some((n) => n.type === "refused" && n.reason === "locked"), "edit refused");
    expect((await documentRoom(env, BAHRAIN).snapshot()).hash).toBe(approved.textHash);
    expect(approved.clearance.offices.map((o: any) => [o.officeCode, o.mode, o.status])).toEqual([
      ["DRL", "clear", "pending"],
      ["J", "info", "informed"],
      ["L", "clear", "pending"],
      ["NEA", "clear", "pending"],
    ]);

    // The regional bureau, the human-rights bureau and the legal office each clear it; the last one moves it on.
    expect((await actOk(AS.clearerBureauNEA, BAHRAIN, "clear")).state).toBe("in_clearance");
    expect((await actOk(AS.clearerDRL, BAHRAIN, "clear")).state).toBe("in_clearance");
    const allCleared = await actOk(AS.clearerLegal, BAHRAIN, "clear");
    expect(allCleared.state).toBe("final_review");
    for (const office of allCleared.clearance.offices.filter((o: any) => o.mode === "clear")) {
      expect(office).toMatchObject({ status: "concurred", clearance: { snapshotHash: approved.textHash } });
    }

    // Leadership gives final clearance; the text stays locked.
    const cleared = await actOk(AS.leadership, BAHRAIN, "final_clear");
    expect(cleared.state).toBe("cleared");
    expect((await documentRoom(env, BAHRAIN).status()).locked).toBe(true);

    const events = await auditEventsOf(BAHRAIN);
    expect(events.map((e) => [e.action, e.actor_user_id])).toEqual([
      ["workflow.submit", AS.embassyManama],
      ["workflow.approve", AS.reviewerNEA],
      ["workflow.clear", AS.clearerBureauNEA],
      ["workflow.clear", AS.clearerDRL],
      ["workflow.clear", AS.clearerLegal],
      ["workflow.final_clear", AS.leadership],
    ]);
    expect(events.map((e) => e.snapshot_hash)).toEqual([submitHash, ...Array(5).fill(approved.textHash)]);
    // Each event names the version it was made on, one after the other.
    const versions = events.map((e) => e.document_version);
    expect(versions.slice(1).every((v, i) => v! > versions[i]!)).toBe(true);
    expect(JSON.parse(events[4]!.details)).toMatchObject({ from: "in_clearance", to: "final_review", office: "L" });
    const snapshots = await json(await call(AS.leadership, `/api/documents/${BAHRAIN}/snapshots`));
    expect(snapshots.snapshots.map((s: any) => s.hash).sort()).toEqual([submitHash, approved.textHash].sort());
    expect((await verifyAuditChain(database(env))).ok).toBe(true);
    drafter.close();
    reviewer.close();
  });

  it("reopening unlocks the text, makes every clearance stale, and the diff shows the edit made after", async () => {
    const before = await detail(AS.leadership, BAHRAIN);
    expect(before.state).toBe("cleared");
    const clearedHash = before.textHash;

    expect((await act(AS.leadership, BAHRAIN, "reopen")).status).toBe(400); // a reason is required
    const reopened = await actOk(AS.leadership, BAHRAIN, "reopen", { comment: "New figures from the embassy." });
    expect(reopened.state).toBe("in_review");
    expect((await documentRoom(env, BAHRAIN).status()).locked).toBe(false);
    expect(reopened.clearance.stale.map((c: any) => c.officeCode).sort()).toEqual(["DRL", "L", "NEA"]);
    // Back in review: every office will have to clear the new text once it re-enters clearance.
    expect(reopened.clearance.offices.filter((o: any) => o.mode === "clear").every((o: any) => o.status === "not_started")).toBe(true);

    const reviewer = await RoomClient.open(AS.reviewerNEA, BAHRAIN);
    reviewer.type("summary", " It convicted 14 traffickers.");
    await waitFor(() => reviewer.notices.every((n) => n.type !== "refused"), "edit accepted");
    await new Promise((r) => setTimeout(r, 100));
    const diff = await json(await call(AS.reviewerNEA, `/api/documents/${BAHRAIN}/snapshots/${clearedHash}/diff/current`));
    const summary = diff.sections.find((s: any) => s.key === "summary");
    expect(summary.changed).toBe(true);
    expect(
      summary.parts
        .filter((p: any) => p.change === "added")
        .map((p: any) => p.text)
        .join(""),
    ).toContain("convicted 14 traffickers");
    expect(diff.sections.filter((s: any) => s.key !== "summary").every((s: any) => !s.changed)).toBe(true);

    // Approving again records the new text; the diff between the two recorded texts shows the same edit.
    const reapproved = await actOk(AS.reviewerNEA, BAHRAIN, "approve");
    const recorded = await json(await call(AS.reviewerNEA, `/api/documents/${BAHRAIN}/snapshots/${clearedHash}/diff/${reapproved.textHash}`));
    expect(recorded.sections.find((s: any) => s.key === "summary").parts.some((p: any) => p.change === "added" && p.text.includes("convicted"))).toBe(true);
    expect(reapproved.clearance.offices.find((o) => o.officeCode === "NEA")!.status).toBe("pending");
    reviewer.close();
  });
});

describe("POST /api/documents/:id/actions — the lock comes before the hash", () => {
  it("a keystroke saved before the approval is in the approved text; one arriving while the reviewer approves is refused, never after it", async () => {
    const { id } = await freshNarrative({ label: "approval" });
    const typist = await RoomClient.open(AS.drafterNEA, id);
    await approveTier(id, AS.drafterNEA, AS.reviewerNEA);
    typist.type("summary", "Typed before.");
    await waitFor(() => typist.answers().length === typist.updateMessagesSent, "saved before the approval");
    await actOk(AS.drafterNEA, id, "submit");
    // The approval is held right after its room call (the snapshot it records), before its D1 commit.
    const barrier = holdRoomCalls("snapshot");
    const approving = actOk(AS.reviewerNEA, id, "approve");
    try {
      await barrier.reached();
      const answered = typist.answers().length;
      typist.type("summary", " Typed during.");
      await waitFor(() => typist.answers().length > answered, "answer to the keystroke sent during the approval");
      expect(typist.answers().at(-1)).toMatchObject({ type: "refused", reason: "locked" });
      barrier.release();
      const approved = await approving;
      const room = await documentRoom(env, id).snapshot();
      expect(room.hash).toBe(approved.textHash);
      expect(room.sections.find((s) => s.key === "summary")!.text).toBe("Typed before.");
    } finally {
      barrier.release();
      await approving.catch(() => undefined);
      barrier.restore();
      typist.close();
    }
  });
});

describe("POST /api/documents/:id/actions — optimistic versions", () => {
  it("an action on a stale version gets 409 with the current state, and changes nothing", async () => {
    const { id } = await freshNarrative({ label: "stale" });
    const version = await currentVersion(id);
    await actOk(AS.drafterNEA, id, "submit");
    const res = await act(AS.reviewerNEA, id, "return", { comment: "More detail", version });
    expect(res.status).toBe(409);
    expect((await json(res)).error).toMatchObject({ code: "stale_version", details: { current: { state: "in_review", version: version + 1 } } });
    expect((await detail(AS.reviewerNEA, id)).state).toBe("in_review");
    expect((await auditEventsOf(id)).map((e) => e.action)).toEqual(["workflow.submit"]);
  });

  it("two conflicting actions at once: exactly one succeeds, the other gets 409, one audit event, the room matches", async () => {
    const id = "2025-jordan";
    await approveTier(id, AS.drafterNEA, AS.reviewerNEA);
    await actOk(AS.drafterNEA, id, "submit");
    const version = await currentVersion(id);
    const [approve, ret] = await Promise.all([
      act(AS.reviewerNEA, id, "approve", { version }),
      act(AS.reviewerNEA, id, "return", { version, comment: "Not yet." }),
    ]);
    expect([approve.status, ret.status].sort()).toEqual([200, 409]);
    const winner = approve.status === 200 ? "workflow.approve" : "workflow.return";
    expect((await auditEventsOf(id)).map((e) => e.action)).toEqual(["workflow.submit", winner]);
    const doc = await detail(AS.reviewerNEA, id);
    expect(doc.version).toBe(version + 1);
    expect((await documentRoom(env, id).status()).locked).toBe(doc.state === "in_clearance");
  });

  it("two clearances racing on one version: the loser's whole batch rolls back (its clearance row and its event), the winner's stands", async () => {
    const { id } = await freshNarrative({ label: "race" });
    await approveTier(id, AS.drafterNEA, AS.reviewerNEA);
    await actOk(AS.drafterNEA, id, "submit");
    await actOk(AS.reviewerNEA, id, "approve");
    const version = await currentVersion(id);
    // Both clearances pass every check on this version and record the text before either commits:
    // the race is decided by the database, never by one of them reading the other's result first.
    const barrier = holdRoomCalls("snapshot", 2);
    const racing = Promise.all([act(AS.clearerBureauNEA, id, "clear", { version }), act(AS.clearerDRL, id, "clear", { version })]);
    try {
      await barrier.reached();
    } finally {
      barrier.release();
      await racing.catch(() => undefined);
      barrier.restore();
    }
    const results = await racing;
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect((await json(loser)).error).toMatchObject({ code: "stale_version", details: { current: { version: version + 1 } } });
    const winnerOffice = results[0]!.status === 200 ? "NEA" : "DRL";
    const { results: rows } = await env.DB.prepare("SELECT office_code FROM clearances WHERE document_id = ?").bind(id).all<{ office_code: string }>();
    expect(rows.map((r) => r.office_code)).toEqual([winnerOffice]);
    const clears = await auditEventsOf(id, "workflow.clear");
    expect(clears.map((e) => JSON.parse(e.details).office)).toEqual([winnerOffice]);
    const doc = await detail(AS.leadership, id);
    expect(doc.version).toBe(version + 1);
    expect(doc.clearance.offices.filter((o) => o.status === "concurred").map((o) => o.officeCode)).toEqual([winnerOffice]);
  });
});

describe("clearance lists: info offices and proceeding without concurrence", () => {
  it("an info office never blocks; leadership proceeds without a delaying office and the record says so", async () => {
    const id = "2025-lebanon";
    await approveTier(id, AS.drafterNEA, AS.reviewerNEA);
    const list = await call(AS.reviewerNEA, `/api/documents/${id}/clearances/list`, {
      method: "PUT",
      body: {
        version: await currentVersion(id),
        offices: [
          { officeCode: "NEA", mode: "clear" },
          { officeCode: "L", mode: "clear" },
          { officeCode: "DRL", mode: "info" },
        ],
      },
    });
    expect(list.status).toBe(200);
    expect(
      (
        await call(AS.drafterNEA, `/api/documents/${id}/clearances/list`, {
          method: "PUT",
          body: { version: await currentVersion(id), offices: [{ officeCode: "L", mode: "clear" }] },
        })
      ).status,
    ).toBe(403);
    await actOk(AS.drafterNEA, id, "submit");
    await actOk(AS.reviewerNEA, id, "approve");
    // DRL is only informed: it has nothing to clear.
    expect((await act(AS.clearerDRL, id, "clear")).status).toBe(409);
    expect((await detail(AS.clearerDRL, id)).actions).toEqual([]);
    await actOk(AS.clearerBureauNEA, id, "clear");
    expect((await act(AS.leadership, id, "proceed_without", { office: "L" })).status).toBe(400);
    const done = await actOk(AS.leadership, id, "proceed_without", { office: "L", comment: "Legal review overdue by three weeks; release deadline." });
    expect(done.state).toBe("final_review");
    expect(done.clearance.offices.map((o: any) => [o.officeCode, o.status])).toEqual([
      ["DRL", "informed"],
      ["L", "not_concurred"],
      ["NEA", "concurred"],
    ]);
    const legal = done.clearance.offices.find((o) => o.officeCode === "L")!;
    expect(legal.clearance).toMatchObject({
      outcome: "not_concurred",
      userId: AS.leadership,
      comment: "Legal review overdue by three weeks; release deadline.",
    });
    const event = (await auditEventsOf(id)).at(-1)!;
    expect(event).toMatchObject({ action: "workflow.proceed_without", comment: "Legal review overdue by three weeks; release deadline." });
  });

  it("changing the list once clearance started needs the reviewer and a reason, and is audited with what changed", async () => {
    const id = "2025-oman";
    await approveTier(id, AS.drafterNEA, AS.reviewerNEA);
    await actOk(AS.drafterNEA, id, "submit");
    await actOk(AS.reviewerNEA, id, "approve");
    await actOk(AS.clearerBureauNEA, id, "clear");
    // J (informed) dropped, SCA added as an office that must clear; L, still pending, stays (a pending
    // office can only be passed by leadership: test/worker/api-hardening.test.ts, point 10).
    const offices = [
      { officeCode: "NEA", mode: "clear" },
      { officeCode: "DRL", mode: "clear" },
      { officeCode: "L", mode: "clear" },
      { officeCode: "SCA", mode: "clear" },
    ];
    const noReason = await call(AS.reviewerNEA, `/api/documents/${id}/clearances/list`, {
      method: "PUT",
      body: { version: await currentVersion(id), offices },
    });
    expect(noReason.status).toBe(400);
    const res = await call(AS.reviewerNEA, `/api/documents/${id}/clearances/list`, {
      method: "PUT",
      body: { version: await currentVersion(id), offices, comment: "South and Central Asia bureau asked to clear." },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).pending.sort()).toEqual(["DRL", "L", "SCA"]);
    expect((await detail(AS.reviewerNEA, id)).state).toBe("in_clearance");
    const event = (await auditEventsOf(id, "clearance.")).at(-1)!;
    expect(JSON.parse(event.details)).toMatchObject({ added: [{ officeCode: "SCA", mode: "clear" }], dropped: [{ officeCode: "J" }], clearanceStarted: true });
    expect(event.comment).toBe("South and Central Asia bureau asked to clear.");
  });
});

describe("a clearing office sends the text back", () => {
  it("back to review with its comments: the room unlocks and clearances given so far are stale", async () => {
    const { id } = await freshNarrative({ label: "send-back" });
    await approveTier(id, AS.drafterNEA, AS.reviewerNEA);
    await actOk(AS.drafterNEA, id, "submit");
    await actOk(AS.reviewerNEA, id, "approve");
    await actOk(AS.clearerBureauNEA, id, "clear", { comment: "Cleared as written." });
    expect((await act(AS.clearerLegal, id, "send_back")).status).toBe(400);
    const back = await actOk(AS.clearerLegal, id, "send_back", { comment: "The prosecution figures need a source." });
    expect(back.state).toBe("in_review");
    expect((await documentRoom(env, id).status()).locked).toBe(false);
    expect(back.clearance.stale).toMatchObject([{ officeCode: "NEA", comment: "Cleared as written." }]);
    const event = (await auditEventsOf(id)).at(-1)!;
    expect(event).toMatchObject({ action: "workflow.send_back", actor_user_id: AS.clearerLegal, comment: "The prosecution figures need a source." });
    expect(JSON.parse(event.details)).toMatchObject({ office: "L", from: "in_clearance", to: "in_review" });
  });
});

describe("tier recommendations and the workflow", () => {
  it("a narrative cannot enter clearance without an approved tier; the reviewer's approval of a tier moves nothing by itself", async () => {
    const { id } = await freshNarrative({ label: "tier" });
    await actOk(AS.drafterNEA, id, "submit");
    const refused = await act(AS.reviewerNEA, id, "approve");
    expect(refused.status).toBe(409);
    expect((await json(refused)).error).toMatchObject({ code: "approved_tier_required", details: { rule: expect.stringContaining("approved tier") } });
    await approveTier(id, AS.drafterNEA, AS.reviewerNEA, "tier2wl");
    const doc = await detail(AS.reviewerNEA, id);
    expect(doc).toMatchObject({ state: "in_review", approvedTier: "tier2wl" });
    expect(doc.tierRecommendations[0]).toMatchObject({ tier: "tier2wl", status: "approved", decidedBy: AS.reviewerNEA });
    expect(doc.actions.map((a: any) => a.action)).toEqual(["return", "approve"]);
    expect(doc.youMay).toEqual({ proposeTier: false, decideTier: false, fixTier: false, setClearanceList: true });
    expect((await detail(AS.drafterNEA, id)).youMay).toEqual({ proposeTier: true, decideTier: false, fixTier: false, setClearanceList: false });
    expect(doc.tierRecommendations[0]).toMatchObject({ proposedByName: "NEA Drafting Officer", decidedByName: "NEA Reviewer" });
  });
});
