import { describe, expect, it } from "vitest";
import { canonicalJson } from "#shared/canonical-json.ts";
import { countryDocumentId, DOCUMENT_ID_PATTERN, sectionDocumentId, slugify } from "#shared/documents.ts";
import { tierFromLabel, tierLabel } from "#shared/tiers.ts";

describe("slugify and document ids", () => {
  it.each([
    ["Afghanistan", "afghanistan"],
    ["Côte d'Ivoire", "cote-d-ivoire"],
    ["Congo, Democratic Republic of", "congo-democratic-republic-of"],
    ["Turkey (Türkiye)", "turkey-turkiye"],
    ["Curaçao", "curacao"],
    ["St. Vincent and the Grenadines", "st-vincent-and-the-grenadines"],
    ["Bosnia & Herzegovina", "bosnia-and-herzegovina"],
  ])("%s -> %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(countryDocumentId(2025, slug)).toMatch(DOCUMENT_ID_PATTERN);
  });
  it("section ids are readable and match the id pattern", () => {
    expect(sectionDocumentId(2025, "methodology")).toBe("2025-section-methodology");
    expect(sectionDocumentId(2025, "methodology")).toMatch(DOCUMENT_ID_PATTERN);
  });
});

describe("tier labels", () => {
  it.each([
    ["Tier 1", "tier1"],
    ["Tier 2 Watch List", "tier2wl"],
    ["tier 3", "tier3"],
    ["Special Case", "special_case"],
  ] as const)("%s <-> %s", (label, code) => {
    expect(tierFromLabel(label)).toBe(code);
    expect(tierLabel(code).toLowerCase()).toBe(label.toLowerCase());
  });
  it("rejects what is not a placement", () => {
    expect(tierFromLabel("Tier 4")).toBeUndefined();
  });
});

describe("canonicalJson", () => {
  it("is independent of key order and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });
});
