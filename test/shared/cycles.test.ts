import { describe, expect, it } from "vitest";
import { demoMilestones, milestoneOrderProblem, reportingPeriod, standardMilestones } from "#shared/cycles.ts";

describe("reportingPeriod", () => {
  it.each([
    [2024, "2023-04-01", "2024-03-31"],
    [2025, "2024-04-01", "2025-03-31"],
  ])("the %i report covers %s .. %s", (year, start, end) => {
    expect(reportingPeriod(year)).toEqual({ start, end });
  });
});

describe("demoMilestones", () => {
  it("places the release about six months after loading, with every deadline before it in order", () => {
    const m = demoMilestones("2026-11-23");
    expect(m.releaseDate).toBe("2027-05-24");
    expect(milestoneOrderProblem(m)).toBeNull();
    expect(m.draftingDue > "2026-11-23").toBe(true);
  });
  it("crosses month and year ends correctly", () => {
    expect(demoMilestones("2024-12-31").draftingDue).toBe("2025-02-14");
  });
});

describe("milestoneOrderProblem", () => {
  it("names the first pair out of order", () => {
    const m = { draftingDue: "2025-01-10", reviewDue: "2025-01-05", clearanceDue: "2025-04-01", finalClearanceDue: "2025-05-01", releaseDate: "2025-06-24" };
    expect(milestoneOrderProblem(m)).toMatch(/draftingDue .* reviewDue/);
  });
});

describe("standardMilestones", () => {
  it("opens a real cycle's calendar: drafting due in January, release in late June, in workflow order", () => {
    const m = standardMilestones(2026);
    expect(m).toMatchObject({ draftingDue: "2026-01-15", releaseDate: "2026-06-24" });
    expect(milestoneOrderProblem(m)).toBeNull();
  });
});
