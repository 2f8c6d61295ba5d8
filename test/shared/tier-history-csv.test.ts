import { describe, expect, it } from "vitest";
import { parseTier, parseTierHistoryCsv, parseWaiver, planTierHistoryImport, type StoredPlacement } from "#shared/tier-history-csv.ts";

const reference = {
  countries: [
    { id: "afghanistan", name: "Afghanistan" },
    { id: "cote-d-ivoire", name: "Cote d'Ivoire" },
    { id: "congo-republic-of", name: "Congo, Republic of" },
    { id: "austria", name: "Austria" },
  ],
  maxYear: 2024,
};

const parse = (body: string) => parseTierHistoryCsv(`country,year,tier,waiver\n${body}`, reference);

describe("parseTier", () => {
  it.each([
    ["Tier 1", "tier1"],
    ["tier 2 watch list", "tier2wl"],
    ["  Tier   2 Watch  List ", "tier2wl"],
    ["tier2wl", "tier2wl"],
    ["Special Case", "special_case"],
    ["special_case", "special_case"],
    ["Tier 4", undefined],
    ["", undefined],
  ])("%j → %s", (text, code) => expect(parseTier(text)).toBe(code));
});

describe("parseWaiver", () => {
  it.each([
    ["", false],
    ["no", false],
    ["FALSE", false],
    ["0", false],
    ["yes", true],
    ["True", true],
    ["1", true],
    ["maybe", undefined],
    ["2", undefined],
  ])("%j → %s", (text, value) => expect(parseWaiver(text)).toBe(value));
});

describe("parseTierHistoryCsv: the file as a whole", () => {
  it.each([
    ["empty", "", /empty/],
    ["blank lines only", "\n \n", /empty/],
    ["missing columns", "country,tier\nAfghanistan,Tier 3", /lacks column\(s\) year/],
    ["unknown column", "country,year,tier,waiver,colour\nAfghanistan,2023,Tier 3,no,red", /Unknown column\(s\) colour/],
    ["header only", "country,year,tier,waiver\n", /no placements/],
    ["unclosed quote", 'country,year,tier,waiver\n"Congo, Republic of,2023,Tier 2,no', /line 2/],
  ])("%s is refused with a reason", (_name, csv, problem) => {
    const result = parseTierHistoryCsv(csv, reference);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it("accepts a header without the waiver column, a BOM and CRLF line ends", () => {
    const result = parseTierHistoryCsv("\uFEFFCountry,Year,Tier\r\nAfghanistan,2023,Tier 3\r\n", reference);
    expect(result).toEqual({
      ok: true,
      rows: [{ line: 2, countryId: "afghanistan", countryName: "Afghanistan", year: 2023, tier: "tier3", waiverUsed: false }],
      rejected: [],
    });
  });
});

describe("parseTierHistoryCsv: one line", () => {
  const cases: [string, string, RegExp | null][] = [
    ["name", "Afghanistan,2023,Tier 3,no", null],
    ["name in other case", "AFGHANISTAN,2023,Tier 3,", null],
    ["id slug", "cote-d-ivoire,2023,Tier 2,no", null],
    ["name with accent", "Côte d'Ivoire,2023,Tier 2,no", null],
    ["quoted name with comma", '"Congo, Republic of",2023,Tier 2 Watch List,yes', null],
    ["code tier", "Austria,2022,tier1,0", null],
    ["first report year", "Austria,2001,Tier 1,", null],
    ["unknown country", "Atlantis,2023,Tier 1,no", /unknown country "Atlantis"/],
    ["empty country", ",2023,Tier 1,no", /country is empty/],
    ["year not a number", "Austria,twenty,Tier 1,no", /not a four-digit year/],
    ["year with fraction", "Austria,2023.5,Tier 1,no", /not a four-digit year/],
    ["year before the first report", "Austria,2000,Tier 1,no", /outside 2001\.\.2024/],
    ["year of the current cycle", "Austria,2025,Tier 1,no", /outside 2001\.\.2024/],
    ["unknown tier", "Austria,2023,Tier 4,no", /unknown tier "Tier 4"/],
    ["bad waiver", "Austria,2023,Tier 2 Watch List,perhaps", /waiver "perhaps" must be yes or no/],
    ["waiver on Tier 2", "Austria,2023,Tier 2,yes", /only used on a Tier 2 Watch List year, not Tier 2/],
    ["too many fields", "Austria,2023,Tier 1,no,extra", /expected 4 fields/],
  ];
  it.each(cases)("%s", (_name, line, problem) => {
    const result = parse(line);
    if (!result.ok) throw new Error(result.problem);
    if (problem) {
      expect(result.rows).toEqual([]);
      expect(result.rejected).toHaveLength(1);
      expect(result.rejected[0]!.line).toBe(2);
      expect(result.rejected[0]!.reasons.join("; ")).toMatch(problem);
    } else {
      expect(result.rejected).toEqual([]);
      expect(result.rows).toHaveLength(1);
    }
  });

  it("names every problem of a line", () => {
    const result = parse("Atlantis,1999,Tier 9,perhaps");
    if (!result.ok) throw new Error(result.problem);
    expect(result.rejected[0]!.reasons).toHaveLength(4);
  });

  it("counts lines as the file does, blank lines included", () => {
    const result = parse("Afghanistan,2023,Tier 3,no\n\nAtlantis,2023,Tier 1,no");
    if (!result.ok) throw new Error(result.problem);
    expect(result.rejected.map((r) => r.line)).toEqual([4]);
  });
});

describe("parseTierHistoryCsv: lines about the same country and year", () => {
  it("a repeated identical line is a duplicate; the first stands", () => {
    const result = parse("Austria,2023,Tier 1,no\naustria,2023,tier1,");
    if (!result.ok) throw new Error(result.problem);
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.rejected).toEqual([{ line: 3, country: "austria", year: "2023", reasons: [expect.stringMatching(/duplicate of line 2/)] }]);
  });

  it("lines that disagree are both refused as conflicting", () => {
    const result = parse("Austria,2023,Tier 1,no\nAfghanistan,2023,Tier 3,no\nAustria,2023,Tier 2,no");
    if (!result.ok) throw new Error(result.problem);
    expect(result.rows.map((r) => r.line)).toEqual([3]);
    expect(result.rejected.map((r) => [r.line, r.reasons.join()])).toEqual([
      [2, expect.stringMatching(/conflicts with line 4/)],
      [4, expect.stringMatching(/conflicts with line 2/)],
    ]);
  });

  it("the same country in different years is fine", () => {
    const result = parse("Austria,2023,Tier 1,no\nAustria,2022,Tier 1,no");
    if (!result.ok) throw new Error(result.problem);
    expect(result.rows).toHaveLength(2);
  });
});

describe("planTierHistoryImport", () => {
  const stored: StoredPlacement[] = [
    { countryId: "austria", year: 2023, tier: "tier1", waiverUsed: false, source: "report" },
    { countryId: "afghanistan", year: 2023, tier: "tier3", waiverUsed: false, source: "import" },
    { countryId: "afghanistan", year: 2020, tier: "tier2wl", waiverUsed: true, source: "import" },
    { countryId: "cote-d-ivoire", year: 2023, tier: "tier2", waiverUsed: false, source: "release" },
  ];
  const plan = (body: string) => {
    const parsed = parse(body);
    if (!parsed.ok) throw new Error(parsed.problem);
    return planTierHistoryImport(parsed, stored);
  };

  it("sorts each line into inserted, updated (with what was there), unchanged and rejected", () => {
    const result = plan("Austria,2022,Tier 1,no\nAustria,2023,Tier 2,no\nAfghanistan,2023,Tier 3,no\nAtlantis,2023,Tier 1,no");
    expect(result.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, "inserted"],
      [3, "updated"],
      [4, "unchanged"],
      [5, "rejected"],
    ]);
    expect(result.rows[1]).toMatchObject({ tier: "tier2", before: { tier: "tier1", waiverUsed: false, source: "report" } });
    expect(result.counts).toEqual({ inserted: 1, updated: 1, unchanged: 1, rejected: 1 });
    expect(result.writes.map((w) => w.line)).toEqual([2, 3]);
  });

  it("a placement from a cycle's release is not changed by an import (the same value is fine)", () => {
    expect(plan("Cote d'Ivoire,2023,Tier 1,no").rows[0]).toMatchObject({ outcome: "rejected", reasons: [expect.stringMatching(/release/)] });
    expect(plan("Cote d'Ivoire,2023,Tier 2,no").rows[0]!.outcome).toBe("unchanged");
  });

  it("a second waiver year for a country is refused; re-stating the stored one is not", () => {
    expect(plan("Afghanistan,2022,Tier 2 Watch List,yes").rows[0]).toMatchObject({ outcome: "rejected", reasons: [expect.stringMatching(/only once.*2020/)] });
    expect(plan("Afghanistan,2020,Tier 2 Watch List,yes").rows[0]!.outcome).toBe("unchanged");
    expect(plan("Afghanistan,2020,Tier 2 Watch List,no\nAfghanistan,2022,Tier 2 Watch List,yes").counts).toMatchObject({
      updated: 1,
      inserted: 1,
      rejected: 0,
    });
  });
});
