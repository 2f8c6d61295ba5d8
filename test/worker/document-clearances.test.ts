/**
 * GET /api/documents/:id/clearances (where each office stands for the current text) and the
 * reviewer's recall from clearance, which sends the text back to review and makes the clearances
 * given so far stale. On a fresh narrative each (test/helpers/narratives.ts).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ClearanceStateSchema } from "#shared/api/clearances.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { call, json } from "../helpers/api.ts";
import { narrativeInClearance, typeAndSave } from "../helpers/narratives.ts";
import { act, actOk, AS, auditEventsOf, detail } from "../helpers/workflow.ts";

const clearancesOf = async (userId: string, documentId: string) => {
  const res = await call(userId, `/api/documents/${documentId}/clearances`);
  expect(res.status).toBe(200);
  return json(res, ClearanceStateSchema);
};
const statuses = (state: { offices: { officeCode: string; status: string }[] }) => Object.fromEntries(state.offices.map((o) => [o.officeCode, o.status]));

describe("GET /api/documents/:id/clearances", () => {
  it("lists each office on the list with its status for the current text, and who concurred with which text", async () => {
    const doc = await narrativeInClearance("Fresh drafted words.", " Reviewed.");
    const before = await clearancesOf(AS.clearerDRL, doc.id);
    expect(before).toMatchObject({ listIsOwn: true, pending: ["DRL", "L", "NEA"], stale: [] });
    expect(statuses(before)).toEqual({ DRL: "pending", J: "informed", L: "pending", NEA: "pending" });

    await actOk(AS.clearerBureauNEA, doc.id, "clear", { comment: "Fine for NEA." });
    const after = await clearancesOf(AS.leadership, doc.id);
    expect(after.pending).toEqual(["DRL", "L"]);
    expect(statuses(after)).toEqual({ DRL: "pending", J: "informed", L: "pending", NEA: "concurred" });
    expect(after.offices.find((o) => o.officeCode === "NEA")!.clearance).toMatchObject({
      userId: AS.clearerBureauNEA,
      userName: "NEA Bureau Clearer",
      snapshotHash: doc.approved,
      comment: "Fine for NEA.",
      round: 0,
      outcome: "concurred",
    });
    // Someone who may not read the document learns nothing of it.
    expect((await call(AS.drafterAF, `/api/documents/${doc.id}/clearances`)).status).toBe(404);
    expect((await call(null, `/api/documents/${doc.id}/clearances`)).status).toBe(401);
  });
});

describe("POST /api/documents/:id/actions — recall from clearance", () => {
  it("the reviewer recalls with a reason: back in review, the room open again, the clearances given so far stale, the event on record", async () => {
    const doc = await narrativeInClearance("Words to recall.", " Reviewed once.", "recall");
    await actOk(AS.clearerBureauNEA, doc.id, "clear");
    expect((await documentRoom(env, doc.id).status()).locked).toBe(true);

    // Only the reviewer recalls, and only with a reason.
    expect((await act(AS.clearerBureauNEA, doc.id, "recall", { comment: "Not mine to recall." })).status).toBe(403);
    expect((await act(AS.reviewerNEA, doc.id, "recall")).status).toBe(400);
    const recalled = await actOk(AS.reviewerNEA, doc.id, "recall", { comment: "The prosecution figures changed." });
    expect(recalled).toMatchObject({ state: "in_review", clearanceRound: 1, textHash: doc.approved });

    const state = await clearancesOf(AS.reviewerNEA, doc.id);
    expect(state.stale).toMatchObject([{ officeCode: "NEA", userId: AS.clearerBureauNEA, snapshotHash: doc.approved, round: 0 }]);
    expect(state.pending).toEqual([]);
    expect(statuses(state)).toEqual({ DRL: "not_started", J: "informed", L: "not_started", NEA: "not_started" });
    const event = (await auditEventsOf(doc.id, "workflow.recall"))[0]!;
    expect(event).toMatchObject({ actor_user_id: AS.reviewerNEA, comment: "The prosecution figures changed.", snapshot_hash: null });
    expect(JSON.parse(event.details)).toEqual({ from: "in_clearance", to: "in_review", clearanceRound: 1 });

    // The text is open again: the reviewer edits, approves anew, and every office must clear the new text.
    expect((await documentRoom(env, doc.id).status()).locked).toBe(false);
    await typeAndSave(AS.reviewerNEA, doc.id, " Figures corrected.");
    const again = await actOk(AS.reviewerNEA, doc.id, "approve");
    expect(again.textHash).not.toBe(doc.approved);
    expect(statuses(again.clearance)).toEqual({ DRL: "pending", J: "informed", L: "pending", NEA: "pending" });
    expect((await detail(AS.clearerBureauNEA, doc.id)).actions.map((a) => a.action)).toEqual(["clear", "send_back"]);
  });
});
