/**
 * GET /api/documents/:id/snapshots and /snapshots/:hash: the texts workflow steps recorded, each as
 * it was when recorded (not as the room holds it now), and `current` for the room's text.
 */
import { describe, expect, it } from "vitest";
import { SnapshotListSchema, SnapshotSchema } from "#shared/api/snapshots.ts";
import { call, json } from "../helpers/api.ts";
import { narrativeInClearance } from "../helpers/narratives.ts";
import { AS } from "../helpers/workflow.ts";

const snapshot = async (userId: string, documentId: string, ref: string) => {
  const res = await call(userId, `/api/documents/${documentId}/snapshots/${ref}`);
  expect(res.status, `snapshot ${ref}`).toBe(200);
  return json(res, SnapshotSchema);
};
const summary = (s: { sections: { key: string; text: string; html: string }[] }) => s.sections.find((x) => x.key === "summary")!;

describe("GET /api/documents/:id/snapshots/:hash", () => {
  it("returns the text as that step recorded it, section by section, whatever came after", async () => {
    const doc = await narrativeInClearance("Submitted words.", " Added in review.", "snapshots");
    const { snapshots } = await json(await call(AS.reviewerNEA, `/api/documents/${doc.id}/snapshots`), SnapshotListSchema);
    expect(snapshots.map((s) => s.hash).sort()).toEqual([doc.submitted, doc.approved].sort());

    const submitted = await snapshot(AS.reviewerNEA, doc.id, doc.submitted);
    expect(submitted).toMatchObject({ hash: doc.submitted, takenBy: AS.drafterNEA });
    expect(summary(submitted)).toEqual({ key: "summary", label: "Summary", html: "<p>Submitted words.</p>", text: "Submitted words." });
    expect(submitted.sections.map((s) => s.key)).toEqual(["summary", "recommendations", "prosecution", "protection", "prevention", "profile"]);

    const approved = await snapshot(AS.clearerDRL, doc.id, doc.approved);
    expect(approved).toMatchObject({ hash: doc.approved, takenBy: AS.reviewerNEA });
    expect(summary(approved).text).toBe("Submitted words. Added in review.");
    expect(approved.throughSeq).toBeGreaterThan(submitted.throughSeq);
    // In clearance the room holds exactly the approved text.
    const current = await snapshot(AS.clearerDRL, doc.id, "current");
    expect(current).toMatchObject({ hash: doc.approved, takenBy: null });
    expect(current.sections).toEqual(approved.sections);
  });

  it("an unknown hash is 404, a malformed one 400, a reader outside the region 404 for every hash", async () => {
    const doc = await narrativeInClearance("Kept to the region.", " Reviewed.", "snapshot-refusals");
    const unknown = await call(AS.reviewerNEA, `/api/documents/${doc.id}/snapshots/${"0".repeat(64)}`);
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe("not_found");
    expect((await call(AS.reviewerNEA, `/api/documents/${doc.id}/snapshots/not-a-hash`)).status).toBe(400);
    for (const ref of [doc.submitted, "current"]) expect((await call(AS.drafterAF, `/api/documents/${doc.id}/snapshots/${ref}`)).status, ref).toBe(404);
    // Another document's recorded text is not this document's.
    const other = await narrativeInClearance("Another country.", " Reviewed.", "snapshot-other");
    expect((await call(AS.reviewerNEA, `/api/documents/${doc.id}/snapshots/${other.submitted}`)).status).toBe(404);
  });
});
