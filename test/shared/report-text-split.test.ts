import reportText from "#shared/data/tip-2024-report.txt?raw";
import { describe, expect, it } from "vitest";
import { plainText } from "#shared/render-document.ts";
import { REPORT_SECTIONS } from "#shared/report-sections.ts";
import { normaliseTitle, readTableOfContents, ReportSplitError, splitReportText, titleSimilarity } from "#shared/report-text-split.ts";
import { inlineContent, isTitleLike, textToProsemirror } from "#shared/text-to-prosemirror.ts";

const split = splitReportText(reportText);
const lines = reportText.split("\n");
const part = (key: string) => split.parts.find((p) => p.key === key)!;

/** The words of source text as a reader sees them: list markers, emphasis stars, escapes, link syntax and cell tags dropped. */
function sourceWords(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/^- (▶\s*)?/, "").replace(/^\d+\. /, ""))
    .join("\n")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/<\/?p>/g, " ")
    .replace(/\\/g, "")
    .split(/\s+/)
    .map((w) => w.replace(/\*/g, ""))
    .filter(Boolean);
}
const docWords = (text: string) =>
  plainText(textToProsemirror(text))
    .split(/\s+/)
    .map((w) => w.replace(/\*/g, ""))
    .filter(Boolean);

describe("the 2024 table of contents", () => {
  it("lists the chapters with their pages and the Topics of Special Interest label", () => {
    const { entries } = readTableOfContents(lines);
    expect(entries[0]).toMatchObject({ title: "Exploring the Role of and Impacts of Digital Technology on Human Trafficking", page: 10 });
    expect(entries.find((e) => e.title === "TOPICS OF SPECIAL INTEREST")).toMatchObject({ page: null });
    expect(entries.at(-1)).toMatchObject({ title: "Acknowledgments", page: 89 });
    // 3 chapters, the label and its 7 topics, 15 more chapters.
    expect(entries).toHaveLength(26);
  });

  it.each([
    [
      "Exploring the Role of and Impacts of Digital Technology on Human Trafficking",
      "Exploring the Role and Impacts of Digital Technology on Human Trafficking",
      true,
    ],
    [
      "Nothing About Us Without Us: Human Trafficking and Persons with Disabilities",
      "Nothing About Us Without Us: Human Trafficking and People with Disabilities",
      true,
    ],
    ["Human Trafficking in Cuba's Labor Export Program", "Human Trafficking in Cuba’s Labor Export Program", true],
    ["Tier Placements and Regional Maps", "Tier Placements", false],
    ["Methodology", "Methodological note", false],
  ])("%s matches the heading %s: %s", (toc, heading, matches) => {
    expect(normaliseTitle(toc) === normaliseTitle(heading) || titleSimilarity(toc, heading) >= 0.85).toBe(matches);
  });
});

describe("splitReportText on the 2024 report", () => {
  it("gives every report section one part, in the order of REPORT_SECTIONS", () => {
    expect(split.parts.map((p) => p.key)).toEqual(REPORT_SECTIONS.map((s) => s.key));
  });

  it("covers every line exactly once: the cover and the table of contents outside, each part from its heading to the next", () => {
    const ranges = [...split.outside, ...split.parts].map((r) => [r.start, r.end] as const).sort((a, b) => a[0] - b[0]);
    expect(ranges[0]![0]).toBe(0);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
    expect(ranges.at(-1)![1]).toBe(lines.length);
    expect(split.outside.find((o) => o.what === "table_of_contents")).toMatchObject({ start: lines.indexOf("Table of Contents") });
  });

  it.each([
    ["secretary-letter", "MESSAGE FROM THE SECRETARY OF STATE", "Antony Blinken"],
    ["ambassador-letter", "MESSAGE FROM THE AMBASSADOR-AT-LARGE", "Cindy Ozer"],
    [
      "introduction",
      "“As we work to help people disproportionately affected by human trafficking",
      "Exploring the Role and Impacts of Digital Technology on Human Trafficking",
    ],
    ["topics-of-special-interest", "TOPICS OF SPECIAL INTEREST", "Human Trafficking in Cuba's Labor Export Program"],
    ["child-soldiers-prevention-act-list", "Child Soldiers Prevention Act List", "The 2024 CSPA List includes governments of the following countries:"],
    ["state-sponsored-trafficking", "When the Government is the Trafficker: State-Sponsored Trafficking in Persons", "policy or pattern"],
    ["methodology", "Methodology", "Tier 2 Watch List"],
    ["non-party-countries", "Countries in the 2024 TIP Report that are not Party to the Protocol", "Transnational Organized Crime"],
    ["tip-report-heroes", "2024 TIP Report Heroes", "TIP Report Heroes Global Network"],
    ["acknowledgments", "Acknowledgments", "OFFICE TO MONITOR AND COMBAT TRAFFICKING IN PERSONS"],
  ])("%s starts with %s and holds %s", (key, first, holds) => {
    const p = part(key);
    expect(p.text.trimStart().startsWith(first)).toBe(true);
    expect(p.text).toContain(holds);
  });

  it("puts the seven topics in Topics of Special Interest, each article's title a table-of-contents heading", () => {
    const topics = part("topics-of-special-interest");
    const headings = topics.tocHeadings.map((i) => topics.text.split("\n")[i]);
    expect(headings).toEqual([
      "TOPICS OF SPECIAL INTEREST",
      "Trafficking in Persons for the Purpose of Organ Removal",
      "Connecting the Dots: Preventing Forced Labor by Empowering Workers",
      "Nothing About Us Without Us: Human Trafficking and People with Disabilities",
      "Framework for Balancing Prosecution, Prevention, and Victim Protection Priorities in Criminal Justice Systems",
      "Key Trafficking Issues in the Western Hemisphere Region",
      "The Intersection of Forced Marriage and Human Trafficking",
      "Human Trafficking in Cuba's Labor Export Program",
    ]);
    expect(part("child-soldiers-prevention-act-list").text).not.toContain("Cuba's Labor Export Program\n");
  });

  it("keeps every word of each part in its ProseMirror document", () => {
    for (const p of split.parts) expect(docWords(p.text), p.key).toEqual(sourceWords(p.text));
  });

  it("refuses a text without a table of contents, or whose contents list a chapter the body lacks", () => {
    expect(() => splitReportText("MESSAGE FROM THE SECRETARY OF STATE\n\nDear Reader:")).toThrow(ReportSplitError);
    const withoutMethodology = reportText.replace(/\nMethodology\n/, "\nMethods\n");
    expect(() => splitReportText(withoutMethodology)).toThrow(/Methodology/);
  });
});

describe("textToProsemirror", () => {
  it.each([
    ["Tier 2 Watch List", true],
    ["A Guide to the Tiers", true],
    ["Dear Reader:", false],
    ["Sincerely,", false],
    ["A fisherman with his catch.", false],
    ["- ▶ the extent to which", false],
    ["Argentina\tCanada\tEstonia", false],
    ["International Military Education Training \\$101,124", false],
    ["Page 5: Mushfiqul Alam", false],
    ["“The scourge of human trafficking continues to evolve.”", false],
  ])("title-like %s: %s", (line, expected) => {
    expect(isTitleLike(line)).toBe(expected);
  });

  it("turns blocks into headings, paragraphs and lists, table rows into hard breaks", () => {
    const doc = textToProsemirror(
      "Methodology\n\nA Guide to the Tiers\n\nThe report uses four tiers.\n\n- ▶ first;\n- ▶ second.\n\n1. one\n2. two\n\nA\tB\nC\tD",
      [0],
    );
    expect(doc.content!.map((n) => [n.type, n.attrs?.level ?? null])).toEqual([
      ["heading", 2],
      ["heading", 3],
      ["paragraph", null],
      ["bulletList", null],
      ["orderedList", null],
      ["paragraph", null],
    ]);
    expect(doc.content![3]!.content!.map((li) => plainText(li).trim())).toEqual(["first;", "second."]);
    expect(doc.content![5]!.content!.map((n) => n.type)).toEqual(["text", "hardBreak", "text"]);
  });

  it("a line naming who a quotation is by stays a paragraph", () => {
    const doc = textToProsemirror("“Civil unrest and war pose significant challenges.”\n\nSameer Jain, Member of U.S. Advisory Council on Human Trafficking");
    expect(doc.content!.map((n) => n.type)).toEqual(["paragraph", "paragraph"]);
  });

  it.each([
    [
      "**bold** words",
      [
        ["bold", "bold"],
        [" words", null],
      ],
    ],
    [
      "an *italic* word",
      [
        ["an ", null],
        ["italic", "italic"],
        [" word", null],
      ],
    ],
    [
      "**An Example:\n*United States v. Aman*** after",
      [
        ["An Example:", "bold"],
        ["hardBreak", null],
        ["United States v. Aman", "bold,italic"],
        [" after", null],
      ],
    ],
    ["** a footnote marker*", [["** a footnote marker*", null]]],
    [
      "see [the report](#) and [this](https://www.state.gov/)",
      [
        ["see ", null],
        ["the report", null],
        [" and ", null],
        ["this", "link"],
      ],
    ],
    ["USD \\$1 per day", [["USD $1 per day", null]]],
  ])("inline %j", (text, expected) => {
    const nodes = inlineContent(text);
    expect(nodes.map((n) => [n.type === "text" ? n.text : n.type, n.marks?.map((m) => m.type).join(",") ?? null])).toEqual(expected);
  });
});
