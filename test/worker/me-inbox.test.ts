/** GET /api/me/inbox: what waits on a person, overdue first. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DocumentListSchema } from "#shared/api/documents.ts";
import { call, json } from "../helpers/api.ts";
import { freshNarrative } from "../helpers/narratives.ts";
import { actOk, approveTier, AS, inbox } from "../helpers/workflow.ts";

describe("GET /api/me/inbox", () => {
  it("lists what waits on a clearer, and drops it once they have cleared", async () => {
    const { id } = await freshNarrative({ label: "inbox" });
    await approveTier(id, AS.drafterNEA, AS.reviewerNEA);
    await actOk(AS.drafterNEA, id, "submit");
    await actOk(AS.reviewerNEA, id, "approve");
    const item = (await inbox(AS.clearerDRL)).items.find((i) => i.id === id);
    expect(item).toMatchObject({
      state: "in_clearance",
      actions: [
        { action: "clear", offices: ["DRL"] },
        { action: "send_back", offices: ["DRL"], requiresComment: true },
      ],
      overdue: false,
    });
    expect(item!.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await actOk(AS.clearerDRL, id, "clear");
    expect((await inbox(AS.clearerDRL)).items.some((i) => i.id === id)).toBe(false);
    // A drafter's inbox holds their region's drafts, not another region's.
    const drafterInbox = await inbox(AS.drafterAF);
    expect(drafterInbox.items.length).toBeGreaterThan(0);
    expect(drafterInbox.items.every((i) => i.regionCode === "AF" && i.actions.some((a) => a.action === "submit"))).toBe(true);
  });

  it("overdue items come first and are counted, ahead of items earlier in the report's order", async () => {
    // A reviewer's inbox holds drafts in review (due at the review milestone) and texts in clearance
    // they may recall (due at the clearance milestone). With the review milestone passed, only the
    // first are overdue; the one in clearance comes first in the report's order.
    const inClearance = await freshNarrative({ region: "AF", state: "in_clearance", sortOrder: -1, label: "early" });
    const inReview = await freshNarrative({ region: "AF", state: "in_review", sortOrder: 1_000_000, label: "late" });
    const listed = await json(await call(AS.reviewerAF, "/api/cycles/2025/documents?region=AF"), DocumentListSchema);
    const order = listed.documents.map((d) => d.id);
    expect(order.indexOf(inClearance.id)).toBeLessThan(order.indexOf(inReview.id));
    const { review_due: original } = (await env.DB.prepare("SELECT review_due FROM report_cycles WHERE year = 2025").first<{ review_due: string }>())!;
    await env.DB.prepare("UPDATE report_cycles SET review_due = '2000-01-01' WHERE year = 2025").run();
    try {
      const { items, overdue } = await inbox(AS.reviewerAF);
      expect(items.map((i) => [i.id, i.overdue])).toEqual(
        expect.arrayContaining([
          [inReview.id, true],
          [inClearance.id, false],
        ]),
      );
      expect(overdue).toBe(items.filter((i) => i.overdue).length);
      expect(items[0]).toMatchObject({ id: inReview.id, overdue: true });
      // Every overdue item before every other one.
      const flags = items.map((i) => i.overdue);
      expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    } finally {
      await env.DB.prepare("UPDATE report_cycles SET review_due = ? WHERE year = 2025").bind(original).run();
    }
  });
});
