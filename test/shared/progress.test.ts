import { describe, expect, it } from "vitest";
import { daysUntil, deadlineOf, missedDeadline } from "#shared/progress.ts";
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

describe("deadlineOf", () => {
  const m = { draftingDue: "2026-01-10", reviewDue: "2026-02-10", clearanceDue: "2026-03-10", finalClearanceDue: "2026-04-10", releaseDate: "2026-06-20" };
  it.each([
    ["drafting", "2026-01-10", "2026-01-10", false],
    ["drafting", "2026-01-11", "2026-01-10", true],
    ["returned", "2026-01-11", "2026-01-10", true],
    ["in_review", "2026-01-11", "2026-02-10", false],
    ["in_clearance", "2026-03-11", "2026-03-10", true],
    ["final_review", "2026-03-11", "2026-04-10", false],
    ["cleared", "2026-12-31", null, false],
  ] as const)("%s on %s is due %s, overdue %s", (state, today, due, overdue) => expect(deadlineOf(state, m, today)).toEqual({ dueDate: due, overdue }));
  it("counts whole days to the release", () => {
    expect(daysUntil("2026-06-01", "2026-06-20")).toBe(19);
    expect(daysUntil("2026-06-21", "2026-06-20")).toBe(-1);
  });
});
