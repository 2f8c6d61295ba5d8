/** Where a Word draft's text goes: the house headings split it into the narrative's sections (shared/word-import.ts). */
import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import {
  countWords,
  excerpt,
  houseSectionOf,
  normalizeHeading,
  previewSections,
  schemaProblem,
  sectionDoc,
  splitForDocument,
  splitNarrative,
} from "#shared/word-import.ts";
import { plainText } from "#shared/render-document.ts";

const text = (t: string, marks?: string[]): JSONContent =>
  marks ? { type: "text", text: t, marks: marks.map((type) => ({ type })) } : { type: "text", text: t };
const p = (...content: (string | JSONContent)[]): JSONContent => ({ type: "paragraph", content: content.map((c) => (typeof c === "string" ? text(c) : c)) });
const h = (level: number, t: string): JSONContent => ({ type: "heading", attrs: { level }, content: [text(t)] });
const br: JSONContent = { type: "hardBreak" };
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

/** Section key → its text (only sections the file has). */
function placed(d: JSONContent): Record<string, string> {
  const split = splitNarrative(d);
  return Object.fromEntries(split.sections.filter((s) => s.inFile).map((s) => [s.key, plainText(sectionDoc(s)).trim()]));
}

describe("houseSectionOf", () => {
  it.each([
    ["Summary", "summary"],
    ["PRIORITIZED RECOMMENDATIONS", "recommendations"],
    ["Prioritized Recommendations:", "recommendations"],
    ["Prioritised recommendations", "recommendations"],
    ["Recommendations", "recommendations"],
    ["PROSECUTION", "prosecution"],
    ["prosecution", "prosecution"],
    ["  Protection  ", "protection"],
    ["Prevention.", "prevention"],
    ["Trafficking Profile:", "profile"],
    ["TRAFFICKING\u00a0PROFILE", "profile"],
    ["Trafficking   profile –", "profile"],
    ["3. Prosecution", "prosecution"],
    ["III) PROTECTION", "protection"],
    ["Legal framework", null],
    ["Prosecution of traffickers", null],
    ["The government prosecuted", null],
    ["", null],
  ])("%j → %s", (heading, key) => {
    expect(houseSectionOf(heading)).toBe(key);
  });

  it("normalises case, spaces, numbering and trailing punctuation only", () => {
    expect(normalizeHeading(" 2.  Trafficking\tProfile : ")).toBe("trafficking profile");
  });
});

describe("splitNarrative", () => {
  it.each<[string, JSONContent, Record<string, string>]>([
    ["text before the first heading goes to the summary", doc(p("Intro."), h(1, "Prosecution"), p("Cases.")), { summary: "Intro.", prosecution: "Cases." }],
    ["a Heading 2 house heading counts as much as a Heading 1", doc(h(2, "PROTECTION"), p("Shelters.")), { protection: "Shelters." }],
    ["a bold paragraph of its own is a heading", doc(p(text("PREVENTION", ["bold"])), p("Campaigns.")), { prevention: "Campaigns." }],
    ["a plain paragraph that is exactly a house heading is a heading", doc(p("Trafficking Profile:"), p("Victims.")), { profile: "Victims." }],
    [
      "a bold first line before a line break heads the rest",
      doc(p(text("PROSECUTION", ["bold"]), br, "The government prosecuted.")),
      { prosecution: "The government prosecuted." },
    ],
    ["a capitalised first line before a line break heads the rest", doc(p("PROTECTION", br, "Shelters.")), { protection: "Shelters." }],
    ["a plain first line before a break is text", doc(p("Prosecution", br, "cases rose.")), { summary: "Prosecution\ncases rose." }],
    ["headings out of order still place their text", doc(h(1, "Prevention"), p("P."), h(1, "Prosecution"), p("Q.")), { prosecution: "Q.", prevention: "P." }],
    ["an explicit Summary heading joins what came before it", doc(p("Before."), h(1, "Summary"), p("After.")), { summary: "Before.\nAfter." }],
    [
      "a repeated heading gathers both parts in order",
      doc(h(1, "Prosecution"), p("One."), h(1, "Protection"), p("X."), h(1, "PROSECUTION"), p("Two.")),
      { prosecution: "One.\nTwo.", protection: "X." },
    ],
    ["no house heading at all: everything to the summary", doc(p("One."), h(1, "Background"), p("Two.")), { summary: "One.\nBackground\nTwo." }],
    ["the title line is left out", doc(h(1, "GHANA: TIER 2"), p("Intro.")), { summary: "Intro." }],
    [
      "a list item that reads like a heading is text",
      doc(h(1, "Prosecution"), { type: "bulletList", content: [{ type: "listItem", content: [p("Protection")] }] }),
      { prosecution: "Protection" },
    ],
    ["empty paragraphs at a section's edges are dropped", doc(p(), h(1, "Prevention"), p(" "), p("Campaigns."), p()), { prevention: "Campaigns." }],
  ])("%s", (_name, input, expected) => {
    expect(placed(input)).toEqual(expected);
  });

  it("sections the file lacks are not in the file (they stay as they are), in house order", () => {
    const split = splitNarrative(doc(h(1, "Protection"), p("Shelters.")));
    expect(split.sections.map((s) => [s.key, s.inFile])).toEqual([
      ["summary", false],
      ["recommendations", false],
      ["prosecution", false],
      ["protection", true],
      ["prevention", false],
      ["profile", false],
    ]);
  });

  it.each<[string, JSONContent, string[]]>([
    [
      "an unknown heading stays, with a note naming its section",
      doc(h(1, "Prosecution"), h(2, "Legal framework"), p("Text.")),
      ['The heading "Legal framework" is not a house heading; it stays as a heading inside Prosecution.'],
    ],
    [
      "a heading with no text under it leaves the section as it is",
      doc(h(1, "Protection"), h(1, "Prevention"), p("Campaigns.")),
      ["Protection has a heading but no text in the file; the section stays as it is."],
    ],
    [
      "a repeated heading is said",
      doc(h(1, "Prevention"), p("A."), h(1, "Prevention"), p("B.")),
      ["The heading Prevention appears 2 times; every part goes to Prevention, in the file's order."],
    ],
    [
      "the title line is said",
      doc(p("Chile: Tier 1"), p("Intro."), h(1, "Prosecution"), p("Cases.")),
      ['The title line "Chile: Tier 1" was left out: the report heads each narrative with its country and tier itself.'],
    ],
    [
      "no house heading is said",
      doc(p("Only prose.")),
      [
        "The file has none of the house headings (Summary, Prioritized Recommendations, Prosecution, Protection, Prevention, Trafficking Profile): all its text goes to the Summary.",
      ],
    ],
    ["a bold paragraph that is not a house heading is ordinary text, no note", doc(h(1, "Prosecution"), p(text("Key finding", ["bold"])), p("Text.")), []],
  ])("%s", (_name, input, notes) => {
    expect(splitNarrative(input).notes).toEqual(notes);
  });

  it("a title-like line after the first text is text", () => {
    expect(placed(doc(p("Intro."), p("Ghana: Tier 2")))).toEqual({ summary: "Intro.\nGhana: Tier 2" });
  });
});

describe("splitForDocument", () => {
  it("a report section takes the whole file into its body, house headings kept as headings", () => {
    const split = splitForDocument(doc(p("Intro."), h(1, "Prosecution"), p("Text.")), "report_section");
    expect(split.sections.map((s) => [s.key, s.inFile, plainText(sectionDoc(s)).trim()])).toEqual([["body", true, "Intro.\nProsecution\nText."]]);
  });

  it("sanitises first: a javascript: link loses its link, its words stay", () => {
    const evil = doc(p({ type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }));
    const [summary] = splitForDocument(evil, "country_narrative").sections;
    expect(summary!.blocks).toEqual([p("click")]);
  });
});

describe("the preview", () => {
  it("gives each section its HTML, words, first lines and the words it holds now", () => {
    const split = splitNarrative(
      doc(p("Intro words here."), h(1, "Prosecution"), p(text("Bold", ["bold"]), " case."), p("Second."), p("Third."), p("Fourth.")),
    );
    const [summary, , prosecution, protection] = previewSections(split, { summary: 10, prosecution: 250, protection: 7 });
    expect(summary).toMatchObject({ key: "summary", inFile: true, html: "<p>Intro words here.</p>", words: 3, excerpt: "Intro words here.", currentWords: 10 });
    expect(prosecution).toMatchObject({
      inFile: true,
      html: "<p><strong>Bold</strong> case.</p><p>Second.</p><p>Third.</p><p>Fourth.</p>",
      words: 5,
      excerpt: "Bold case.\nSecond.\nThird.",
      currentWords: 250,
    });
    expect(protection).toMatchObject({ inFile: false, html: "", words: 0, excerpt: "", currentWords: 7 });
  });

  it.each([
    ["The government prosecuted 12 traffickers.", 5],
    ["  two   words ", 2],
    ["– a dash alone is no word –", 6],
    ["", 0],
  ])("countWords(%j) = %d", (t, n) => {
    expect(countWords(t)).toBe(n);
  });

  it("cuts a long first line", () => {
    expect(excerpt("a".repeat(400), 10)).toBe(`${"a".repeat(9)}…`);
  });

  it("schemaProblem accepts the editor's shapes and names what does not fit", () => {
    expect(schemaProblem(doc(p("fine")))).toBeNull();
    expect(schemaProblem(doc({ type: "bulletList", content: [{ type: "listItem", content: [{ type: "bulletList", content: [] }] }] }))).toMatch(
      /Invalid content/,
    );
  });
});
