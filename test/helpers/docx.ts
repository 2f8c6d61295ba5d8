/**
 * Real .docx files for tests, built with the `docx` package (as Word would save them: styles,
 * numbering, relationships, media). Works in the Workers runtime and in Node (browser tests).
 */
import { Document, ExternalHyperlink, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, type ParagraphChild } from "docx";

/** A 1x1 transparent PNG. */
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="), (c) => c.charCodeAt(0));

type Run = string | { text: string; bold?: boolean; italics?: boolean } | { link: string; text: string };

export type Block = { h: 1 | 2 | 3; text: string } | { p: Run[] } | { bullet: string } | { image: true } | { table: string[][] } | { title: string };

const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function run(r: Run): ParagraphChild {
  if (typeof r === "string") return new TextRun(r);
  if ("link" in r) return new ExternalHyperlink({ link: r.link, children: [new TextRun({ text: r.text, style: "Hyperlink" })] });
  return new TextRun({ text: r.text, bold: r.bold, italics: r.italics });
}

function block(b: Block): Paragraph | Table {
  if ("h" in b) return new Paragraph({ text: b.text, heading: LEVELS[b.h] });
  if ("title" in b) return new Paragraph({ text: b.title, heading: HeadingLevel.TITLE });
  if ("p" in b) return new Paragraph({ children: b.p.map(run) });
  if ("bullet" in b) return new Paragraph({ text: b.bullet, bullet: { level: 0 } });
  if ("image" in b) return new Paragraph({ children: [new ImageRun({ type: "png", data: PNG, transformation: { width: 20, height: 20 } })] });
  return new Table({ rows: b.table.map((cells) => new TableRow({ children: cells.map((text) => new TableCell({ children: [new Paragraph(text)] })) })) });
}

export async function buildDocx(blocks: Block[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: blocks.map(block) }] });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

/** Shorthands for a paragraph of one bold, italic or linked run. */
export const bold = (text: string): Run => ({ text, bold: true });
export const italic = (text: string): Run => ({ text, italics: true });
export const link = (text: string, href: string): Run => ({ link: href, text });

/**
 * A narrative as officers draft it: the title line, a summary before the first heading, the house
 * headings as Heading 1 (two in capitals, one with a colon), bold and italic words, a bullet list,
 * a link, an image and a table (both left out) and a heading that is not a house heading.
 */
export function houseDraft(country = "Ghana"): Block[] {
  return [
    { title: `${country.toUpperCase()}: TIER 2` },
    {
      p: [
        `The Government of ${country} does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.`,
      ],
    },
    { h: 1, text: "PRIORITIZED RECOMMENDATIONS:" },
    { bullet: "Increase investigations and prosecutions of trafficking crimes." },
    { bullet: "Screen vulnerable populations for trafficking indicators." },
    { h: 1, text: "Prosecution" },
    { p: ["The government ", bold("increased"), " law enforcement efforts; see ", link("the penal code", "https://example.gov/penal-code"), "."] },
    { h: 2, text: "Legal framework" },
    { p: ["Article 12 ", italic("criminalized"), " sex trafficking and labor trafficking."] },
    {
      table: [
        ["Year", "Prosecutions"],
        ["2024", "17"],
      ],
    },
    { h: 1, text: "PROTECTION" },
    { p: ["The government identified 120 victims."] },
    { image: true },
    { h: 1, text: "Prevention" },
    { p: ["The government maintained prevention efforts."] },
    { h: 1, text: "Trafficking Profile:" },
    { p: [`As reported over the past five years, human traffickers exploit domestic and foreign victims in ${country}.`] },
  ];
}
