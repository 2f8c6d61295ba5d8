import { describe, expect, it } from "vitest";
import {
  clearanceComplete,
  clearanceListProblems,
  isStale,
  officeStatuses,
  REGIONAL_BUREAU,
  resolveDefaultClearances,
  STANDARD_CLEARANCE_DEFAULTS,
} from "#shared/clearance.ts";

const list = [
  { officeCode: "NEA", mode: "clear" as const },
  { officeCode: "DRL", mode: "clear" as const },
  { officeCode: "J", mode: "info" as const },
];
const current = { round: 1, textHash: "h1" };

describe("resolveDefaultClearances", () => {
  it("a narrative's regional bureau is its region's bureau", () => {
    expect(resolveDefaultClearances(STANDARD_CLEARANCE_DEFAULTS.country_narrative, "NEA").map((e) => e.officeCode)).toEqual(["NEA", "DRL", "L", "J"]);
  });
  it("a report section has no regional bureau", () => {
    expect(
      resolveDefaultClearances(
        [
          { office: REGIONAL_BUREAU, mode: "clear" },
          { office: "L", mode: "clear" },
        ],
        null,
      ),
    ).toEqual([{ officeCode: "L", mode: "clear" }]);
  });
});

describe("officeStatuses and clearanceComplete", () => {
  it("an info office is informed and never blocks", () => {
    const recorded = [
      { officeCode: "NEA", round: 1, outcome: "concurred" as const, snapshotHash: "h1" },
      { officeCode: "DRL", round: 1, outcome: "concurred" as const, snapshotHash: "h1" },
    ];
    expect(officeStatuses(list, recorded, current).map((o) => o.status)).toEqual(["concurred", "concurred", "informed"]);
    expect(clearanceComplete(list, recorded, current)).toBe(true);
  });
  it("proceeding without an office counts as done, shown as not concurred", () => {
    const recorded = [
      { officeCode: "NEA", round: 1, outcome: "concurred" as const, snapshotHash: "h1" },
      { officeCode: "DRL", round: 1, outcome: "not_concurred" as const, snapshotHash: "h1" },
    ];
    expect(officeStatuses(list, recorded, current)[1]!.status).toBe("not_concurred");
    expect(clearanceComplete(list, recorded, current)).toBe(true);
  });
  it("a clearance of an earlier round or of other text does not count, and is stale", () => {
    const old = { officeCode: "NEA", round: 0, outcome: "concurred" as const, snapshotHash: "h0" };
    const otherText = { officeCode: "DRL", round: 1, outcome: "concurred" as const, snapshotHash: "h0" };
    expect(clearanceComplete(list, [old, otherText], current)).toBe(false);
    expect(isStale(old, current)).toBe(true);
    expect(isStale(otherText, current)).toBe(true);
    expect(isStale({ ...otherText, snapshotHash: "h1" }, current)).toBe(false);
  });
});

describe("clearanceListProblems", () => {
  it.each([
    ["a good list", list, []],
    ["an office twice", [...list, { officeCode: "DRL", mode: "info" as const }], ["DRL is listed twice"]],
    ["info offices only", [{ officeCode: "J", mode: "info" as const }], [expect.stringContaining("at least one office must clear")]],
  ])("%s", (_n, l, expected) => expect(clearanceListProblems(l)).toEqual(expected));
});
