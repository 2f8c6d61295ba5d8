import { describe, expect, it } from "vitest";
import { grantKey, grantProblems, type GrantSpec } from "#shared/roles.ts";

describe("grantProblems", () => {
  const cases: [string, GrantSpec, RegExp | null][] = [
    ["global drafter is fine", { role: "drafter", scopeType: "global" }, null],
    ["region reviewer is fine", { role: "reviewer", scopeType: "region", regionCode: "AF" }, null],
    ["country drafter is fine", { role: "drafter", scopeType: "country", countryId: "bahrain" }, null],
    ["regional clearer with office is fine", { role: "clearer", scopeType: "region", regionCode: "AF", officeCode: "AF" }, null],
    ["clearer without office", { role: "clearer", scopeType: "global" }, /office/],
    ["drafter with office", { role: "drafter", scopeType: "global", officeCode: "L" }, /only clearer/],
    ["region grant without region", { role: "reviewer", scopeType: "region" }, /exactly one region/],
    ["region grant naming a country too", { role: "reviewer", scopeType: "region", regionCode: "AF", countryId: "angola" }, /exactly one region/],
    ["country grant without country", { role: "drafter", scopeType: "country" }, /exactly one country/],
    ["global grant naming a region", { role: "drafter", scopeType: "global", regionCode: "AF" }, /global grant/],
    ["leadership scoped to a region", { role: "leadership", scopeType: "region", regionCode: "AF" }, /leadership grants are global/],
    ["admin scoped to a country", { role: "admin", scopeType: "country", countryId: "angola" }, /admin grants are global/],
  ];
  it.each(cases)("%s", (_name, grant, problem) => {
    const problems = grantProblems(grant).join("; ");
    if (problem) expect(problems).toMatch(problem);
    else expect(problems).toBe("");
  });
});

describe("grantKey", () => {
  it("distinguishes role, scope and office, and ignores absent fields", () => {
    expect(grantKey({ role: "clearer", scopeType: "global", officeCode: "L" })).toBe("clearer|global|L");
    expect(grantKey({ role: "clearer", scopeType: "global", officeCode: "DRL" })).not.toBe(grantKey({ role: "clearer", scopeType: "global", officeCode: "L" }));
    expect(grantKey({ role: "drafter", scopeType: "region", regionCode: "AF", countryId: null })).toBe("drafter|region:AF|");
  });
});
