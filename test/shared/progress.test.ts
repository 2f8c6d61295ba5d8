import { describe, expect, it } from "vitest";
import { missedDeadline } from "#shared/progress.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";

const m = { draftingDue: "2025-01-15", reviewDue: "2025-03-01", clearanceDue: "2025-04-15", finalClearanceDue: "2025-05-30", releaseDate: "2025-06-24" };

describe("missedDeadline", () => {
  const cases: [string, WorkflowState, string, string | null][] = [
    ["drafting on the drafting deadline is on time", "drafting", "2025-01-15", null],
    ["drafting the day after is late for drafting", "drafting", "2025-01-16", "drafting"],
    ["returned after the drafting deadline is late", "returned", "2025-02-01", "drafting"],
    ["in review before the review deadline is on time", "in_review", "2025-02-20", null],
    ["in review after the review deadline is late", "in_review", "2025-03-02", "review"],
    ["still drafting after the review deadline reports the later miss", "drafting", "2025-03-02", "review"],
    ["in clearance after the clearance deadline is late", "in_clearance", "2025-04-16", "clearance"],
    ["final review after the final-clearance deadline is late", "final_review", "2025-05-31", "final clearance"],
    ["cleared is never late", "cleared", "2025-06-01", null],
  ];
  it.each(cases)("%s", (_n, state, today, expected) => {
    expect(missedDeadline(state, m, today)?.label ?? null).toBe(expected);
  });
});
