/** The submissions CSV: each row accepted or rejected with its reasons, duplicates found in the file and against what is filed. */
import { describe, expect, it } from "vitest";
import { duplicateKey, parseSubmissionsCsv } from "#shared/submissions-csv.ts";

const countries = [
  { id: "nigeria", name: "Nigeria" },
  { id: "ghana", name: "Ghana" },
  { id: "cote-d-ivoire", name: "Cote d'Ivoire" },
];
const HEADER = "organisation,contact,received_on,countries,topics,summary,link";
const parse = (rows: string[], existing: Set<string> = new Set()) =>
  parseSubmissionsCsv([HEADER, ...rows].join("\n"), { countries, today: "2025-01-31", existing });

describe("parseSubmissionsCsv", () => {
  it("accepts a row naming countries by name or id, topics in any case, a link", () => {
    const result = parse(['NGO,a@b.org,2025-01-10,Nigeria; cote-d-ivoire ,Prosecution;trafficking profile,"Seen, in Lagos",https://example.org/r']);
    expect(result).toMatchObject({ ok: true, rejected: [] });
    if (!result.ok) return;
    expect(result.accepted[0]).toMatchObject({
      line: 2,
      countryIds: ["nigeria", "cote-d-ivoire"],
      topics: ["prosecution", "profile"],
      fields: { summary: "Seen, in Lagos", link: "https://example.org/r", contact: "a@b.org" },
    });
  });

  it.each([
    ["no organisation", ",,2025-01-10,Nigeria,,x,", /organisation/],
    ["no country", "NGO,,2025-01-10,,,x,", /countries: name at least one country/],
    ["an unknown country", "NGO,,2025-01-10,Atlantis,,x,", /unknown country "Atlantis"/],
    ["an unknown topic", "NGO,,2025-01-10,Ghana,trade,x,", /unknown topic "trade"/],
    ["a date that does not exist", "NGO,,2025-02-30,Ghana,,x,", /received_on "2025-02-30"/],
    ["a date after today", "NGO,,2025-03-01,Ghana,,x,", /after today/],
    ["no summary", "NGO,,2025-01-10,Ghana,,,", /summary/],
    ["a link that is not a web address", "NGO,,2025-01-10,Ghana,,x,javascript:alert(1)", /link/],
  ])("rejects %s", (_what, row, reason) => {
    const result = parse([row]);
    expect(result.ok && result.accepted).toEqual([]);
    expect(result.ok && result.rejected[0]!.reasons.join(" | ")).toMatch(reason);
  });

  it("rejects a repeated row and one already filed", () => {
    const row = "NGO,,2025-01-10,Ghana;Nigeria,,Same words,";
    const filed = new Set([duplicateKey({ organisation: "Other", receivedOn: "2025-01-11", countryIds: ["ghana"], summary: "Filed before" })]);
    const result = parse([row, row.replace("NGO", "ngo "), "Other,,2025-01-11,Ghana,,Filed  before,"], filed);
    expect(result.ok && result.accepted.map((r) => r.line)).toEqual([2]);
    expect(result.ok && result.rejected.map((r) => [r.line, r.reasons[0]])).toEqual([
      [3, "duplicate of line 2"],
      [4, expect.stringMatching(/already filed/)],
    ]);
  });

  it.each([
    ["a missing column", "organisation,received_on,countries\nNGO,2025-01-10,Ghana", /lacks column\(s\) summary/],
    ["an unknown column", `${HEADER},extra\nNGO,,2025-01-10,Ghana,,x,,y`, /Unknown column\(s\) extra/],
    ["no rows", HEADER, /no submissions/],
  ])("refuses a file with %s as a whole", (_what, csv, problem) => {
    const result = parseSubmissionsCsv(csv, { countries, today: "2025-01-31", existing: new Set() });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });
});
