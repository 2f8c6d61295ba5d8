import { describe, expect, it } from "vitest";
import { assigneesOf, matchesName, type PersonWithGrants } from "#shared/assignees.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";

const grant = (role: PersonWithGrants["grants"][number]["role"], scope: string, officeCode: string | null = null) => {
  const [scopeType, value] = scope.split(":") as ["global" | "region" | "country", string | undefined];
  return { role, scopeType, regionCode: scopeType === "region" ? value! : null, countryId: scopeType === "country" ? value! : null, officeCode };
};

const PEOPLE: PersonWithGrants[] = [
  { id: "d-af", name: "AF Drafter", grants: [grant("drafter", "region:AF")] },
  { id: "d-ke", name: "Nairobi Officer", grants: [grant("drafter", "country:kenya")] },
  { id: "d-eur", name: "EUR Drafter", grants: [grant("drafter", "region:EUR")] },
  { id: "r-af", name: "AF Reviewer", grants: [grant("reviewer", "region:AF"), grant("drafter", "country:angola")] },
  { id: "c-af", name: "AF Bureau", grants: [grant("clearer", "region:AF", "AF")] },
  { id: "c-drl", name: "DRL Clearer", grants: [grant("clearer", "global", "DRL")] },
  { id: "c-two", name: "Two Offices", grants: [grant("clearer", "global", "L"), grant("clearer", "global", "J")] },
  { id: "lead", name: "Ambassador", grants: [grant("leadership", "global")] },
  { id: "admin", name: "Admin", grants: [grant("admin", "global")] },
];

const kenya = (state: WorkflowState, pendingOffices: string[] = []) => ({ state, countryId: "kenya", regionCode: "AF", pendingOffices });
const names = (state: WorkflowState, pending?: string[]) =>
  assigneesOf(kenya(state, pending), PEOPLE).map((a) => (a.officeCode ? `${a.name} (${a.officeCode})` : a.name));

describe("assigneesOf: whose turn a document is", () => {
  it.each([
    ["drafting", [], ["AF Drafter", "Nairobi Officer"]],
    ["returned", [], ["AF Drafter", "Nairobi Officer"]],
    ["in_review", [], ["AF Reviewer"]],
    ["in_clearance", ["AF", "DRL", "L"], ["AF Bureau (AF)", "DRL Clearer (DRL)", "Two Offices (L)"]],
    ["in_clearance", ["DRL"], ["DRL Clearer (DRL)"]],
    ["in_clearance", [], []],
    ["final_review", [], ["Ambassador"]],
    ["cleared", [], []],
    ["published", [], []],
  ] as [WorkflowState, string[], string[]][])("%s (pending %j): %j", (state, pending, expected) => {
    expect(names(state, pending)).toEqual(expected);
  });

  it("lists a clearer once per pending office they clear for", () => {
    expect(names("in_clearance", ["J", "L"])).toEqual(["Two Offices (J)", "Two Offices (L)"]);
  });

  it("covers a document only through a grant of the role whose turn it is", () => {
    // The AF reviewer also drafts Angola, not Kenya; the EUR drafter covers neither.
    expect(assigneesOf({ state: "drafting", countryId: "angola", regionCode: "AF", pendingOffices: [] }, PEOPLE).map((a) => a.userId)).toEqual([
      "d-af",
      "r-af",
    ]);
  });

  it("a report section (no region) waits only on globally granted people", () => {
    expect(assigneesOf({ state: "drafting", countryId: null, regionCode: null, pendingOffices: [] }, PEOPLE)).toEqual([]);
    expect(assigneesOf({ state: "final_review", countryId: null, regionCode: null, pendingOffices: [] }, PEOPLE).map((a) => a.userId)).toEqual(["lead"]);
  });
});

describe("matchesName", () => {
  it.each([
    ["Cote d'Ivoire", "côte", true],
    ["Turkey (Türkiye)", "turkiye", true],
    ["Curaçao", "CURACAO", true],
    ["Korea, Republic of", "korea,  rep", true],
    ["Kenya", "", true],
    ["Kenya", "ken ya", false],
    ["Angola", "ghana", false],
  ])("%s with %j: %s", (name, search, expected) => expect(matchesName(name, search)).toBe(expected));
});
