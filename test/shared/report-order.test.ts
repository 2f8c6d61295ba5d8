import { describe, expect, it } from "vitest";
import { compareCountries, houseHeading, inReportOrder, isCleared, reportFilename, type Orderable } from "#shared/report-order.ts";
import { WORKFLOW_STATE_CODES } from "#shared/workflow-states.ts";

const section = (documentId: string, sortOrder: number): Orderable => ({ kind: "report_section", sortOrder, country: null, documentId });
const narrative = (country: string, sortOrder = 0): Orderable => ({
  kind: "country_narrative",
  sortOrder,
  country,
  documentId: `2025-${country.toLowerCase()}`,
});

describe("inReportOrder", () => {
  it("puts the report's sections first by their table-of-contents place, then the narratives alphabetically, whatever their sort order", () => {
    const ordered = inReportOrder([
      narrative("Zimbabwe", 0),
      section("2025-section-methodology", 7),
      narrative("Côte d'Ivoire", 9),
      section("2025-section-introduction", 2),
      narrative("Cuba", 1),
      narrative("Afghanistan", 5),
    ]);
    expect(ordered.map((e) => e.country ?? e.documentId)).toEqual([
      "2025-section-introduction",
      "2025-section-methodology",
      "Afghanistan",
      "Côte d'Ivoire",
      "Cuba",
      "Zimbabwe",
    ]);
  });

  const pairs: [string, string, number][] = [
    ["Cote d'Ivoire", "Côte d'Ivoire", 0],
    ["Cote d'Ivoire", "Croatia", -1],
    ["curaçao", "Cyprus", -1],
    ["Turkey (Türkiye)", "Turkmenistan", -1],
    ["Oman", "bahrain", 1],
  ];
  it.each(pairs)("compareCountries(%s, %s) has sign %i (accents and case do not move a country)", (a, b, sign) =>
    expect(Math.sign(compareCountries(a, b))).toBe(sign),
  );
});

describe("houseHeading", () => {
  const cases: [string, "country_narrative" | "report_section", string, string, string | null][] = [
    ["no heading over a narrative's summary", "country_narrative", "summary", "Summary", null],
    ["recommendations with the report's colon", "country_narrative", "recommendations", "Prioritized Recommendations", "PRIORITIZED RECOMMENDATIONS:"],
    ["the other house headings in capitals", "country_narrative", "profile", "Trafficking Profile", "TRAFFICKING PROFILE"],
    ["none over a report section's body", "report_section", "body", "Body", null],
  ];
  it.each(cases)("%s", (_n, kind, key, label, expected) => expect(houseHeading(kind, key, label)).toBe(expected));
});

describe("isCleared", () => {
  it("is true for cleared and published text only", () => {
    expect(WORKFLOW_STATE_CODES.filter(isCleared)).toEqual(["cleared", "published"]);
  });
});

it("reportFilename names year, edition and format", () => {
  expect(reportFilename(2025, "preview", "docx")).toBe("tip-report-2025-preview.docx");
});
