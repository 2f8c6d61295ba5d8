/** Comment threads and suggested edits through the API, against the real room and D1 (issue 14). */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CommentThreadSchema, CycleCommentListSchema } from "#shared/api/comments.ts";
import { ClearanceRecordSchema, ClearanceStateSchema } from "#shared/api/clearances.ts";
import { verifyAuditChain } from "../../worker/audit/audit-log.ts";
import { database } from "../../worker/db/client.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { toBase64 } from "../../worker/rooms/room-comments.ts";
import { AS, call, json } from "../helpers/api.ts";
import { RoomClient, waitFor } from "../helpers/room-client.ts";
import { actOk, act, approveTier, auditEventsOf, currentVersion } from "../helpers/workflow.ts";

const KABUL_2 = "demo-embassy-kabul-2";
const allSaved = (c: RoomClient) => c.answers().length === c.updateMessagesSent;

/** A drafter types `text` into the section and waits until the room stored it. */
async function withText(userId: string, documentId: string, section: string, text: string): Promise<RoomClient> {
  const client = await RoomClient.open(userId, documentId);
  client.type(section, text);
  await waitFor(() => allSaved(client), "text stored");
  return client;
}

async function comment(userId: string, documentId: string, body: Record<string, unknown>, status = 201): Promise<any> {
  const res = await call(userId, `/api/documents/${documentId}/comments`, { body });
  const answer = await json(res);
  expect(res.status, JSON.stringify(answer)).toBe(status);
  if (status === 201) expect(CommentThreadSchema.parse(answer)).toEqual(answer);
  return answer;
}

async function decide(userId: string, documentId: string, threadId: string, decision: string, body?: unknown, status = 200): Promise<any> {
  const res = await call(userId, `/api/documents/${documentId}/comments/${threadId}/${decision}`, { method: "POST", ...(body !== undefined ? { body } : {}) });
  const answer = await json(res);
  expect(res.status, `${decision} by ${userId}: ${JSON.stringify(answer)}`).toBe(status);
  return answer;
}

const commentOn = (sectionKey: string, quote: string, extra: Record<string, unknown> = {}) => ({
  sectionKey,
  kind: "comment",
  body: "Cite the article of the penal code.",
  anchor: { quote },
  ...extra,
});

describe("POST /api/documents/:id/comments", () => {
  it("a read-only clearer comments (201) while the room refuses their text edits", async () => {
    const drafter = await withText(AS.drafterNEA, "2025-oman", "prosecution", "The government prosecuted 4 traffickers.");
    const clearer = await RoomClient.open(AS.clearerLegal, "2025-oman");
    expect(clearer.notices[0]).toMatchObject({ type: "welcome", canEdit: false });
    clearer.type("prosecution", " Clearer's words.");
    await waitFor(() => clearer.notices.some((n) => n.type === "refused"), "refused");
    const thread = await comment(AS.clearerLegal, "2025-oman", commentOn("prosecution", "prosecuted 4 traffickers"));
    expect(thread).toMatchObject({
      kind: "comment",
      state: "open",
      blocking: false,
      quote: "prosecuted 4 traffickers",
      contextBefore: "The government ",
      contextAfter: ".",
      author: { id: AS.clearerLegal, name: "Lee Legal Adviser" },
      replies: [],
      youMay: { reply: true, resolve: true, reopen: false, accept: false, reject: false },
    });
    expect((await documentRoom(env, "2025-oman").snapshot()).sections.find((s) => s.key === "prosecution")!.text).toBe(
      "The government prosecuted 4 traffickers.",
    );
    // The drafter sees the thread, and may resolve it but not accept anything (it is a comment).
    const { threads } = await json(await call(AS.drafterNEA, "/api/documents/2025-oman/comments"));
    expect(threads.map((t: any) => [t.id, t.youMay])).toEqual([[thread.id, { reply: true, resolve: true, reopen: false, accept: false, reject: false }]]);
    drafter.close();
    clearer.close();
  });

  it("a clearer sets blocking; a drafter may not (403); bad anchors are 422 with what was found", async () => {
    const drafter = await withText(AS.drafterNEA, "2025-qatar", "protection", "The government identified 12 victims of forced labor.");
    expect((await comment(AS.clearerBureauNEA, "2025-qatar", commentOn("protection", "12 victims", { blocking: true }))).blocking).toBe(true);
    expect((await comment(AS.leadership, "2025-qatar", commentOn("protection", "forced labor", { blocking: true }))).blocking).toBe(true);
    const refused = await comment(AS.drafterNEA, "2025-qatar", commentOn("protection", "12 victims", { blocking: true }), 403);
    expect(refused.error).toMatchObject({ code: "forbidden", details: { requiredRoles: ["clearer", "leadership"] } });

    expect((await comment(AS.drafterNEA, "2025-qatar", commentOn("protection", "13 victims"), 422)).error).toMatchObject({
      code: "quote_not_found",
      details: { occurrences: 0 },
    });
    expect(
      (await comment(AS.drafterNEA, "2025-qatar", commentOn("protection", "victims", { anchor: { quote: "victims", occurrence: 1 } }), 422)).error,
    ).toMatchObject({ code: "quote_not_found", details: { occurrences: 1 } });
    // Relative positions from the editor that cover other words than the quote.
    const node = (drafter.doc.getXmlFragment("protection").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const at = node.toString().indexOf("12 victims");
    const relative = {
      start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, at))),
      end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, at + "12 victims".length, -1))),
    };
    const mismatch = await comment(AS.drafterNEA, "2025-qatar", { ...commentOn("protection", "x"), anchor: { relative, quote: "13 victims" } }, 422);
    expect(mismatch.error).toMatchObject({ code: "anchor_mismatch", details: { found: "12 victims", quote: "13 victims" } });
    const matched = await comment(AS.drafterNEA, "2025-qatar", { ...commentOn("protection", "x"), anchor: { relative, quote: "12 victims" } });
    expect(matched).toMatchObject({ anchor: relative, quote: "12 victims", contextBefore: "The government identified ", contextAfter: " of forced labor." });
    // Suggestions need their wording; a section the document does not have is refused.
    expect((await comment(AS.drafterNEA, "2025-qatar", { ...commentOn("protection", "12 victims"), kind: "suggestion" }, 400)).error.code).toBe("bad_request");
    expect((await comment(AS.drafterNEA, "2025-qatar", commentOn("body", "12 victims"), 400)).error.code).toBe("unknown_section");
    drafter.close();
  });

  it("commenting, replying and resolving change neither the room's log nor the snapshot hash, and reach open clients as comments-changed", async () => {
    const drafter = await withText(AS.drafterNEA, "2025-kuwait", "prevention", "The government launched an awareness campaign.");
    const stock = await RoomClient.open(AS.drafterNEA, "2025-kuwait", { notices: false });
    const room = documentRoom(env, "2025-kuwait");
    const before = { log: (await room.status()).log, hash: (await room.snapshot()).hash, version: await currentVersion("2025-kuwait") };
    const thread = await comment(AS.clearerDRL, "2025-kuwait", commentOn("prevention", "awareness campaign"));
    await waitFor(() => drafter.notices.some((n) => n.type === "comments-changed"), "comments-changed notice");
    const replied = await json(
      await call(AS.drafterNEA, `/api/documents/2025-kuwait/comments/${thread.id}/replies`, { body: { body: "Article 1 of Law No. 1 of 2008." } }),
    );
    expect(replied.replies).toMatchObject([{ author: { id: AS.drafterNEA }, body: "Article 1 of Law No. 1 of 2008." }]);
    expect((await decide(AS.drafterNEA, "2025-kuwait", thread.id, "resolve")).state).toBe("resolved");
    await waitFor(() => drafter.notices.filter((n) => n.type === "comments-changed").length === 3, "one notice per change");
    expect((await room.status()).log).toEqual(before.log);
    expect((await room.snapshot()).hash).toBe(before.hash);
    expect(await currentVersion("2025-kuwait")).toBe(before.version);
    expect(stock.textFrames).toEqual([]);
    const events = await auditEventsOf("2025-kuwait", "comment.");
    expect(events.map((e) => [e.action, e.actor_user_id, e.subject_id])).toEqual([
      ["comment.create", AS.clearerDRL, thread.id],
      ["comment.reply", AS.drafterNEA, thread.id],
      ["comment.resolve", AS.drafterNEA, thread.id],
    ]);
    drafter.close();
    stock.close();
  });

  it("resolving is for drafters, reviewers and the author; rejecting needs a reason; the author may withdraw", async () => {
    const drafter = await withText(AS.drafterNEA, "2025-jordan", "summary", "Jordan does not fully meet the minimum standards.");
    const note = await comment(AS.clearerBureauNEA, "2025-jordan", commentOn("summary", "minimum standards"));
    expect((await decide(AS.clearerDRL, "2025-jordan", note.id, "resolve", undefined, 403)).error.code).toBe("forbidden");
    expect((await decide(AS.reviewerNEA, "2025-jordan", note.id, "resolve")).state).toBe("resolved");
    expect((await decide(AS.reviewerNEA, "2025-jordan", note.id, "resolve", undefined, 409)).error.code).toBe("thread_state");
    const reopened = await decide(AS.clearerBureauNEA, "2025-jordan", note.id, "reopen");
    expect(reopened).toMatchObject({ state: "reopened", decidedBy: null, youMay: { resolve: true, reopen: false } });
    expect((await decide(AS.drafterNEA, "2025-jordan", note.id, "accept", undefined, 409)).error.code).toBe("wrong_thread_kind");

    const suggestion = await comment(AS.clearerBureauNEA, "2025-jordan", {
      ...commentOn("summary", "does not fully meet"),
      kind: "suggestion",
      replacement: "fully meets",
    });
    expect(suggestion.youMay).toEqual({ reply: true, resolve: false, reopen: false, accept: false, reject: true });
    expect((await decide(AS.drafterNEA, "2025-jordan", suggestion.id, "reject", {}, 400)).error.code).toBe("reason_required");
    expect((await decide(AS.drafterNEA, "2025-jordan", suggestion.id, "reject", undefined, 400)).error.code).toBe("reason_required");
    const rejected = await decide(AS.drafterNEA, "2025-jordan", suggestion.id, "reject", { reason: "The tier is Tier 2." });
    expect(rejected).toMatchObject({
      state: "rejected",
      decidedBy: { id: AS.drafterNEA },
      decisionReason: "The tier is Tier 2.",
      youMay: { accept: false, reject: false },
    });
    const mine = await comment(AS.clearerLegal, "2025-jordan", { ...commentOn("summary", "minimum"), kind: "suggestion", replacement: "minimal" });
    expect((await decide(AS.clearerDRL, "2025-jordan", mine.id, "reject", { reason: "no" }, 403)).error.code).toBe("forbidden");
    expect((await decide(AS.clearerLegal, "2025-jordan", mine.id, "reject", { reason: "Withdrawn: wrong word." })).state).toBe("rejected");
    const rejectEvent = (await auditEventsOf("2025-jordan", "comment.reject")).at(-1)!;
    expect(JSON.parse(rejectEvent.details)).toMatchObject({ suggestedBy: AS.clearerLegal, withdrawn: true });
    expect(rejectEvent.comment).toBe("Withdrawn: wrong word.");
    // Nothing of another document: 404, as for every route.
    expect((await call(AS.drafterAF, "/api/documents/2025-jordan/comments")).status).toBe(404);
    expect((await call(AS.drafterAF, "/api/documents/2025-jordan/comments", { body: commentOn("summary", "minimum") })).status).toBe(404);
    expect((await call(AS.drafterNEA, `/api/documents/2025-oman/comments/${note.id}/resolve`, { method: "POST" })).status).toBe(404);
    drafter.close();
  });
});

describe("racing decisions", () => {
  it("of two resolves sent at once exactly one lands; the other is 409 and leaves no audit event", async () => {
    const drafter = await withText(AS.drafterNEA, "2025-lebanon", "summary", "Lebanon made efforts.");
    const note = await comment(AS.clearerDRL, "2025-lebanon", commentOn("summary", "made efforts"));
    const answers = await Promise.all(
      [AS.drafterNEA, AS.reviewerNEA].map((u) => call(u, `/api/documents/2025-lebanon/comments/${note.id}/resolve`, { method: "POST" })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await auditEventsOf("2025-lebanon", "comment.resolve")).toHaveLength(1);
    drafter.close();
  });
});

describe("POST /api/documents/:id/comments/:cid/accept", () => {
  it("a drafter accepts a clearer's suggestion: the room text changes, its history names the drafter, the audit event the suggester", async () => {
    const kabul1 = await withText(AS.embassyKabul, "2025-afghanistan", "prosecution", "The Taliban reported no investigations of trafficking crimes.");
    const suggestion = await comment(AS.clearerLegal, "2025-afghanistan", {
      sectionKey: "prosecution",
      kind: "suggestion",
      body: "Be precise about who reported.",
      anchor: { quote: "The Taliban reported" },
      replacement: "The Taliban did not report",
    });
    const logBefore = (await documentRoom(env, "2025-afghanistan").status()).log.updates;
    const accepted = await decide(KABUL_2, "2025-afghanistan", suggestion.id, "accept");
    expect(accepted).toMatchObject({
      state: "accepted",
      decidedBy: { id: KABUL_2, name: "Kabul Political Officer" },
      youMay: { accept: false, reject: false },
    });
    const expected = "The Taliban did not report no investigations of trafficking crimes.";
    await waitFor(() => kabul1.text("prosecution") === expected, "the open client sees the accepted wording");
    const room = documentRoom(env, "2025-afghanistan");
    expect((await room.snapshot()).sections.find((s) => s.key === "prosecution")!.text).toBe(expected);
    expect((await room.status()).log.updates).toBe(logBefore + 1);
    const sessions = await room.history();
    expect(sessions.find((s) => s.userId === KABUL_2)).toMatchObject({
      userName: "Kabul Political Officer",
      sections: { prosecution: { inserted: "The Taliban did not report".length, deleted: "The Taliban reported".length } },
    });
    const event = (await auditEventsOf("2025-afghanistan", "comment.accept"))[0]!;
    expect(event.actor_user_id).toBe(KABUL_2);
    expect(JSON.parse(event.details)).toMatchObject({ suggestedBy: AS.clearerLegal, quote: "The Taliban reported", replacement: "The Taliban did not report" });
    // A clearer never accepts (the role never edits the text): 403.
    const another = await comment(AS.clearerLegal, "2025-afghanistan", {
      sectionKey: "prosecution",
      kind: "suggestion",
      body: "b",
      anchor: { quote: "crimes" },
      replacement: "offences",
    });
    expect((await decide(AS.clearerLegal, "2025-afghanistan", another.id, "accept", undefined, 403)).error.code).toBe("forbidden");
    kabul1.close();
  });

  it("accepting after the quoted words changed is refused (409) and marks the suggestion outdated", async () => {
    const kabul1 = await withText(AS.embassyKabul, "2025-afghanistan", "protection", " Authorities identified 3 victims.");
    const suggestion = await comment(AS.clearerDRL, "2025-afghanistan", {
      sectionKey: "protection",
      kind: "suggestion",
      body: "Number?",
      anchor: { quote: "identified 3 victims" },
      replacement: "identified three victims",
    });
    const node = (kabul1.doc.getXmlFragment("protection").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    node.insert(node.toString().indexOf("3") + 1, "0");
    await waitFor(() => allSaved(kabul1), "edit stored");
    const logBefore = (await documentRoom(env, "2025-afghanistan").status()).log.updates;
    const refused = await decide(KABUL_2, "2025-afghanistan", suggestion.id, "accept", undefined, 409);
    expect(refused.error).toMatchObject({ code: "suggestion_outdated", details: { found: "identified 30 victims", quote: "identified 3 victims" } });
    expect(refused.error.message).toContain("identified 30 victims");
    expect((await documentRoom(env, "2025-afghanistan").status()).log.updates).toBe(logBefore);
    const { threads } = await json(await call(KABUL_2, "/api/documents/2025-afghanistan/comments"));
    expect(threads.find((t: any) => t.id === suggestion.id)).toMatchObject({ state: "outdated", decidedBy: { id: KABUL_2 }, youMay: { accept: false } });
    const event = (await auditEventsOf("2025-afghanistan", "comment.outdated"))[0]!;
    expect(JSON.parse(event.details)).toMatchObject({ found: "identified 30 victims", suggestedBy: AS.clearerDRL });
    expect((await decide(KABUL_2, "2025-afghanistan", suggestion.id, "accept", undefined, 409)).error.code).toBe("thread_state");
    kabul1.close();
  });
});

describe("clearance with comments", () => {
  it("a clearance lists the threads open when the office cleared; final clearance waits for the blocking one", async () => {
    const BAHRAIN = "2025-bahrain";
    const drafter = await withText(AS.embassyManama, BAHRAIN, "prosecution", "The government convicted 5 traffickers under Law No. 1 of 2008.");
    await approveTier(BAHRAIN, AS.embassyManama, AS.reviewerNEA, "tier1");
    await actOk(AS.embassyManama, BAHRAIN, "submit");
    await actOk(AS.reviewerNEA, BAHRAIN, "approve");
    const approvedHash = (await documentRoom(env, BAHRAIN).snapshot()).hash;
    // Comments in clearance (the text is locked): the hash the clearers clear does not move.
    const cite = await comment(AS.clearerLegal, BAHRAIN, commentOn("prosecution", "Law No. 1 of 2008", { blocking: true }));
    const note = await comment(AS.clearerBureauNEA, BAHRAIN, commentOn("prosecution", "convicted 5 traffickers"));
    expect((await documentRoom(env, BAHRAIN).snapshot()).hash).toBe(approvedHash);
    await decide(AS.embassyManama, BAHRAIN, note.id, "resolve");
    await actOk(AS.clearerBureauNEA, BAHRAIN, "clear", { comment: "Cleared with comments." });
    await actOk(AS.clearerDRL, BAHRAIN, "clear");
    const reply = await call(AS.clearerLegal, `/api/documents/${BAHRAIN}/comments/${cite.id}/replies`, { body: { body: "Still needed." } });
    expect(reply.status).toBe(201);
    const last = await actOk(AS.clearerLegal, BAHRAIN, "clear");
    expect(last.state).toBe("final_review");

    const clearances = await json(await call(AS.leadership, `/api/documents/${BAHRAIN}/clearances`));
    expect(ClearanceStateSchema.safeParse(clearances).success).toBe(true);
    for (const office of clearances.offices.filter((o: any) => o.clearance)) expect(ClearanceRecordSchema.parse(office.clearance)).toEqual(office.clearance);
    const byOffice = Object.fromEntries(clearances.offices.filter((o: any) => o.clearance).map((o: any) => [o.officeCode, o.clearance.openThreads]));
    expect(byOffice).toEqual({
      NEA: [{ id: cite.id, quote: "Law No. 1 of 2008", blocking: true }],
      DRL: [{ id: cite.id, quote: "Law No. 1 of 2008", blocking: true }],
      L: [{ id: cite.id, quote: "Law No. 1 of 2008", blocking: true }],
    });

    const refused = await act(AS.leadership, BAHRAIN, "final_clear");
    const body = await json(refused);
    expect(refused.status).toBe(409);
    expect(body.error).toMatchObject({
      code: "blocking_comment",
      details: { threads: [{ id: cite.id, quote: "Law No. 1 of 2008", author: { id: AS.clearerLegal, name: "Lee Legal Adviser" } }] },
    });
    expect(body.error.message).toContain("Law No. 1 of 2008");
    expect((await json(await call(AS.leadership, `/api/documents/${BAHRAIN}`))).state).toBe("final_review");
    // The author resolves it; final clearance goes through.
    await decide(AS.clearerLegal, BAHRAIN, cite.id, "resolve");
    expect((await actOk(AS.leadership, BAHRAIN, "final_clear")).state).toBe("cleared");
    expect((await verifyAuditChain(database(env))).ok).toBe(true);
    drafter.close();
  });
});

describe("GET /api/cycles/:year/comments", () => {
  it("filters by region and open state, and hides other regions' documents from a regional user", async () => {
    await withText(AS.drafterAF, "2025-kenya", "summary", "Kenya made efforts.").then((c) => c.close());
    const kenya = await comment(AS.drafterAF, "2025-kenya", commentOn("summary", "made efforts"));
    const all = await json(await call(AS.leadership, "/api/cycles/2025/comments"));
    expect(CycleCommentListSchema.parse(all)).toEqual(all);
    expect(all.threads.some((t: any) => t.id === kenya.id && t.documentTitle === "Kenya" && t.regionCode === "AF")).toBe(true);
    expect(all.threads.some((t: any) => t.regionCode === "NEA")).toBe(true);

    const neaOpen = await json(await call(AS.leadership, "/api/cycles/2025/comments?region=NEA&state=open"));
    expect(neaOpen.threads.length).toBeGreaterThan(0);
    expect(neaOpen.threads.every((t: any) => t.regionCode === "NEA" && (t.state === "open" || t.state === "reopened"))).toBe(true);
    const neaAll = await json(await call(AS.leadership, "/api/cycles/2025/comments?region=NEA"));
    expect(neaAll.threads.some((t: any) => t.state === "resolved" || t.state === "rejected")).toBe(true);

    const africa = await json(await call(AS.drafterAF, "/api/cycles/2025/comments"));
    expect(africa.threads.map((t: any) => t.id)).toEqual([kenya.id]);
    expect(africa.threads[0].youMay).toMatchObject({ reply: true, resolve: true });
    expect((await json(await call(AS.drafterAF, "/api/cycles/2025/comments?region=NEA"))).threads).toEqual([]);
    expect((await call(AS.leadership, "/api/cycles/2025/comments?state=closed")).status).toBe(400);
  });
});
