import { describe, expect, it } from "vitest";
import lawEnforcementCsv from "#shared/data/tip-2024-law-enforcement-data.csv?raw";
import {
  changedFigures,
  checkPublishedYear,
  FIGURE_FIELDS,
  MAX_FIGURE,
  noFigures,
  sumByRegion,
  TABLE_FIELDS,
  validateFigures,
  type Figures,
  type PublishedRow,
  type TableValues,
} from "#shared/law-enforcement.ts";

const figures = (values: Partial<Figures>): Figures => ({ ...noFigures(), ...values });

/** The imported tables of the 2024 report, by year (the same CSV the seed loads). */
function publishedTables(): Map<number, PublishedRow[]> {
  const [header, ...lines] = lawEnforcementCsv.trim().split(/\r?\n/);
  const columns = header!.split(",");
  const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace("newOrAmendedLegislation", "newOrAmendedLaws");
  const byYear = new Map<number, PublishedRow[]>();
  for (const line of lines) {
    const cells = line.split(",");
    const record = Object.fromEntries(columns.map((c, i) => [c, cells.slice(i, c === "note" ? undefined : i + 1).join(",")]));
    const values = Object.fromEntries(columns.filter((c) => !["scope", "year", "note"].includes(c)).map((c) => [camel(c), Number(record[c])])) as TableValues;
    const year = Number(record.year);
    byYear.set(year, [...(byYear.get(year) ?? []), { scope: record.scope as PublishedRow["scope"], values, note: record.note || null }]);
  }
  return byYear;
}

const row = (scope: PublishedRow["scope"], p: number, note: string | null = null): PublishedRow => ({
  scope,
  values: { prosecutions: p, prosecutionsLabor: 0, convictions: p, convictionsLabor: 0, victimsIdentified: p, victimsIdentifiedLabor: 0, newOrAmendedLaws: 0 },
  note,
});

describe("figure fields", () => {
  it("labels are the report's: a total and a (labor) variant per measure, then new or amended legislation", () => {
    expect(FIGURE_FIELDS.map((f) => f.label)).toEqual([
      "Prosecutions",
      "Prosecutions (labor)",
      "Convictions",
      "Convictions (labor)",
      "Victims identified",
      "Victims identified (labor)",
      "Investigations",
      "Investigations (labor)",
      "New or amended legislation",
    ]);
  });
  it("the published tables carry every figure but investigations", () => {
    expect(TABLE_FIELDS).not.toContain("investigations");
    expect(TABLE_FIELDS).toHaveLength(7);
  });
});

describe("validateFigures", () => {
  const cases: [string, Record<string, unknown>, { field: string; message: RegExp }[]][] = [
    ["nothing reported is valid", {}, []],
    ["nulls are not reported, valid", { prosecutions: null, prosecutionsLabor: null }, []],
    ["zero and whole numbers are valid", { investigations: 0, prosecutions: 12, prosecutionsLabor: 12, newOrAmendedLaws: 1 }, []],
    ["non-negative: a negative figure is refused", { convictions: -1 }, [{ field: "convictions", message: /Convictions cannot be negative/ }]],
    [
      "whole numbers: a fraction is refused",
      { victimsIdentified: 2.5 },
      [{ field: "victimsIdentified", message: /Victims identified must be a whole number/ }],
    ],
    ["numbers only: text is refused", { investigations: "12" }, [{ field: "investigations", message: /Investigations must be a number/ }]],
    ["numbers only: NaN is refused", { investigations: Number.NaN }, [{ field: "investigations", message: /must be a number/ }]],
    ["sane maximum: above it is refused", { victimsIdentified: MAX_FIGURE + 1 }, [{ field: "victimsIdentified", message: /cannot be more than 10,000,000/ }]],
    ["sane maximum: the maximum itself is valid", { victimsIdentified: MAX_FIGURE }, []],
    [
      "labor within total: labor above the total is refused on the labor field",
      { prosecutions: 3, prosecutionsLabor: 4 },
      [{ field: "prosecutionsLabor", message: /Prosecutions \(labor\) cannot be more than Prosecutions \(4 > 3\)/ }],
    ],
    ["labor within total: labor equal to the total is valid", { convictions: 4, convictionsLabor: 4 }, []],
    [
      "labor needs its total: labor given while the total is not reported is refused",
      { investigationsLabor: 2 },
      [{ field: "investigationsLabor", message: /Investigations \(labor\) is given but Investigations is not/ }],
    ],
    [
      "labor against an invalid total: only the total's own error",
      { prosecutions: -3, prosecutionsLabor: 4 },
      [{ field: "prosecutions", message: /cannot be negative/ }],
    ],
    [
      "every field gets its own error",
      { prosecutions: -1, convictions: 1.5, victimsIdentified: 2, victimsIdentifiedLabor: 3, newOrAmendedLaws: -2 },
      [
        { field: "prosecutions", message: /negative/ },
        { field: "convictions", message: /whole number/ },
        { field: "newOrAmendedLaws", message: /New or amended legislation cannot be negative/ },
        { field: "victimsIdentifiedLabor", message: /cannot be more than/ },
      ],
    ],
  ];
  for (const [rule, input, expected] of cases) {
    it(rule, () => {
      const errors = validateFigures(input);
      expect(errors.map((e) => e.field)).toEqual(expected.map((e) => e.field));
      errors.forEach((e, i) => expect(e.message).toMatch(expected[i]!.message));
    });
  }
});

describe("changedFigures", () => {
  it("names only the fields that changed, with before and after", () => {
    expect(changedFigures(figures({ prosecutions: 3, convictions: 1 }), figures({ prosecutions: 5, convictions: 1, investigations: 0 }))).toEqual({
      prosecutions: { before: 3, after: 5 },
      investigations: { before: null, after: 0 },
    });
  });
  it("nothing changed, nothing named", () => {
    expect(changedFigures(figures({ prosecutions: 3 }), figures({ prosecutions: 3 }))).toEqual({});
  });
});

describe("sumByRegion", () => {
  const narratives = [
    { regionCode: "NEA", figures: figures({ prosecutions: 10, prosecutionsLabor: 2 }) },
    { regionCode: "NEA", figures: figures({ prosecutions: 5, convictions: 1 }) },
    { regionCode: "NEA", figures: null },
    { regionCode: "AF", figures: figures({ prosecutions: 7, prosecutionsLabor: 0 }) },
  ];
  const { regions, global } = sumByRegion(narratives);
  it("a region's total is the sum of its countries' reported figures", () => {
    const nea = regions.find((r) => r.regionCode === "NEA")!;
    expect(nea.totals).toMatchObject({ prosecutions: 15, prosecutionsLabor: 2, convictions: 1, investigations: 0 });
  });
  it("not reported is not zero: the countries reporting each figure are counted apart", () => {
    const nea = regions.find((r) => r.regionCode === "NEA")!;
    expect(nea.reporting).toMatchObject({ prosecutions: 2, prosecutionsLabor: 1, convictions: 1, investigations: 0 });
    expect(nea.countries).toBe(3);
  });
  it("every region is listed in the report's order, even with no narratives", () => {
    expect(regions.map((r) => r.regionCode)).toEqual(["AF", "EAP", "EUR", "NEA", "SCA", "WHA"]);
    expect(regions.find((r) => r.regionCode === "WHA")).toMatchObject({ countries: 0, totals: { prosecutions: 0 } });
  });
  it("the global sum is the sum of the regions", () => {
    expect(global.totals).toMatchObject({ prosecutions: 22, prosecutionsLabor: 2 });
    expect(global.reporting.prosecutions).toBe(3);
    expect(global.countries).toBe(4);
  });
});

describe("checkPublishedYear", () => {
  const regions = (values: number[], notes: (string | null)[] = []): PublishedRow[] =>
    (["AF", "EAP", "EUR", "NEA", "SCA", "WHA"] as const).map((code, i) => row(code, values[i]!, notes[i] ?? null));

  it("consistent: the global row equals the sum of the six regions", () => {
    const check = checkPublishedYear(2020, [row("GLOBAL", 21), ...regions([1, 2, 3, 4, 5, 6])]);
    expect(check.consistent).toBe(true);
    expect(check.regions.every((r) => r.flag === null)).toBe(true);
    expect(check.problem).toBeNull();
  });
  it("a repeated row is flagged on the later region, with the global row minus the other five as derived", () => {
    const check = checkPublishedYear(2020, [row("GLOBAL", 21), ...regions([1, 2, 3, 4, 5, 5])]);
    expect(check.consistent).toBe(false);
    const flagged = check.regions.filter((r) => r.flag);
    expect(flagged.map((r) => r.regionCode)).toEqual(["WHA"]);
    expect(flagged[0]!.flag).toMatchObject({ kind: "duplicates_region", duplicateOf: "SCA", derived: { prosecutions: 6 } });
    expect(flagged[0]!.flag!.reason).toMatch(/Western Hemisphere row repeats the South and Central Asia row/);
  });
  it("a repeated row is flagged on the region the source marks, even when it comes first", () => {
    const check = checkPublishedYear(2020, [row("GLOBAL", 21), ...regions([1, 2, 3, 4, 5, 5], [null, null, null, null, "repeated here", null])]);
    expect(check.regions.filter((r) => r.flag).map((r) => [r.regionCode, r.flag!.duplicateOf, r.flag!.derived?.prosecutions])).toEqual([["SCA", "WHA", 6]]);
  });
  it("more than one region in doubt: each flagged, none derived", () => {
    const check = checkPublishedYear(2020, [row("GLOBAL", 21), ...regions([1, 1, 3, 4, 5, 5])]);
    expect(check.regions.filter((r) => r.flag).map((r) => [r.regionCode, r.flag!.derived])).toEqual([
      ["EAP", null],
      ["WHA", null],
    ]);
    expect(check.problem).toMatch(/More than one region is in doubt \(East Asia and the Pacific, Western Hemisphere\)/);
  });
  it("a region the source marks is flagged when the year does not add up", () => {
    const check = checkPublishedYear(2020, [row("GLOBAL", 21), ...regions([1, 2, 3, 4, 5, 9], [null, null, null, null, null, "unreliable"])]);
    expect(check.regions.find((r) => r.regionCode === "WHA")!.flag).toMatchObject({ kind: "marked_unreliable", derived: { prosecutions: 6 } });
  });
  it("a marked region is not flagged when the year adds up", () => {
    const check = checkPublishedYear(2020, [row("GLOBAL", 21), ...regions([1, 2, 3, 4, 5, 6], [null, null, null, null, null, "unreliable"])]);
    expect(check.consistent).toBe(true);
    expect(check.regions.every((r) => r.flag === null)).toBe(true);
  });
  it("a year that does not add up with no region in doubt says so, with the difference", () => {
    const check = checkPublishedYear(2020, [row("GLOBAL", 25), ...regions([1, 2, 3, 4, 5, 6])]);
    expect(check.consistent).toBe(false);
    expect(check.difference!.prosecutions).toBe(4);
    expect(check.regions.every((r) => r.flag === null)).toBe(true);
    expect(check.problem).toMatch(/do not add up.*Prosecutions 4/);
  });
  it("derived values below zero put the global row in doubt too", () => {
    const check = checkPublishedYear(2020, [row("GLOBAL", 10), ...regions([1, 2, 3, 4, 5, 5])]);
    expect(check.regions.find((r) => r.regionCode === "WHA")!.flag!.reason).toMatch(/negative/);
  });
  it("a missing region or global row is a problem, not a flag", () => {
    expect(checkPublishedYear(2020, regions([1, 2, 3, 4, 5, 6])).problem).toMatch(/no global row/);
    expect(checkPublishedYear(2020, [row("GLOBAL", 21), ...regions([1, 2, 3, 4, 5, 6]).slice(0, 5)]).problem).toMatch(/no row for Western Hemisphere/);
  });

  describe("the imported 2017-2023 tables of the 2024 report", () => {
    const tables = publishedTables();
    it("every year 2017-2023: Western Hemisphere repeats South and Central Asia and is the only region flagged", () => {
      expect([...tables.keys()].sort()).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023]);
      for (const [year, rows] of tables) {
        const check = checkPublishedYear(year, rows);
        expect(check.consistent, `${year}`).toBe(false);
        expect(
          check.regions.filter((r) => r.flag).map((r) => [r.regionCode, r.flag!.kind, r.flag!.duplicateOf]),
          `${year}`,
        ).toEqual([["WHA", "duplicates_region", "SCA"]]);
        expect(check.problem).toBeNull();
      }
    });
    it("2023 Western Hemisphere derived: 18,774 − (2,551 + 3,390 + 3,147 + 2,258 + 6,041) = 1,387 prosecutions", () => {
      const wha = checkPublishedYear(2023, tables.get(2023)!).regions.find((r) => r.regionCode === "WHA")!;
      expect(wha.flag!.derived).toEqual({
        prosecutions: 1387,
        prosecutionsLabor: 180,
        convictions: 873,
        convictionsLabor: 108,
        victimsIdentified: 18267,
        victimsIdentifiedLabor: 3656,
        newOrAmendedLaws: 4,
      });
      expect(wha.flag!.reason).toMatch(/gives Western Hemisphere 1,387 prosecutions/);
    });
  });
});
