/**
 * A Word draft's text, split into the document's sections (README: docs/word-import.md).
 *
 * A narrative in Word carries the house headings (Summary, Prioritized Recommendations,
 * Prosecution, Protection, Prevention, Trafficking Profile) as Word headings or as paragraphs of
 * their own, often bold or in capitals, sometimes numbered or with a colon. Each block under one
 * goes to that section; what comes before the first goes to the summary. Any other heading stays
 * where it is, as a heading inside the current section, and the notes say so. Nothing here fails:
 * what cannot be placed is left out with a note.
 */
import type { JSONContent } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { documentSections, NARRATIVE_SECTIONS } from "./document-shape.ts";
import type { DocumentKind } from "./documents.ts";
import type { Dropped } from "./mammoth-html.ts";
import { plainText, renderHtml, richTextSchema, sanitizeDocument } from "./render-document.ts";

export interface SectionPart {
  key: string;
  label: string;
  /** The file's blocks for this section (empty when the file has none: the section stays as it is). */
  blocks: JSONContent[];
  inFile: boolean;
}

export interface WordSplit {
  sections: SectionPart[];
  notes: string[];
}

/** Other names officers give the house headings (after normalising). */
const ALIASES: Record<string, string> = { recommendations: "recommendations", "prioritised recommendations": "recommendations", profile: "profile" };
const HEADINGS_BY_TEXT = new Map<string, string>([...NARRATIVE_SECTIONS.map((s) => [normalizeHeading(s.label), s.key] as const), ...Object.entries(ALIASES)]);
/** "BAHRAIN: TIER 1", "Chile – Tier 2 Watch List", "Libya: Special Case": the report writes this line itself. */
const TITLE_LINE = /^\S.{0,80}?\s*[:\u2013\u2014-]\s*(tier\s*(1|2|3|one|two|three)(\s*watch\s*list)?|special\s*case)\s*$/i;
const MAX_HEADING_NOTES = 8;

/** Lower case, single spaces, without a leading number ("3.", "III)") or trailing punctuation (":", " –"). */
export function normalizeHeading(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase()
    .replace(/^(\d{1,2}|[ivx]{1,4})[.)]\s+/, "")
    .replace(/[\s:;.\u2013\u2014-]+$/, "")
    .trim();
}

/** The house section a heading's text names, or null. */
export function houseSectionOf(text: string): string | null {
  return HEADINGS_BY_TEXT.get(normalizeHeading(text)) ?? null;
}

const blockText = (node: JSONContent) => plainText(node).replace(/\n+$/, "");

function isEmptyBlock(node: JSONContent): boolean {
  return node.type === "paragraph" && blockText(node).trim() === "";
}

/** Every text run of the nodes is bold (whitespace aside). */
function allBold(nodes: JSONContent[]): boolean {
  const runs = nodes.filter((n) => n.type === "text" && n.text!.trim() !== "");
  return runs.length > 0 && runs.every((n) => n.marks?.some((m) => m.type === "bold"));
}

function isCapitals(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toUpperCase();
}

/**
 * Whether a block opens a house section: its key, and what of the block stays as text (a bold or
 * capitalised first line before a line break, with the text after the break kept as a paragraph).
 */
function houseHeadingIn(node: JSONContent): { key: string; rest: JSONContent | null } | null {
  if (node.type !== "heading" && node.type !== "paragraph") return null;
  const whole = houseSectionOf(blockText(node));
  if (whole) return { key: whole, rest: null };
  if (node.type !== "paragraph") return null;
  const content = node.content ?? [];
  const cut = content.findIndex((n) => n.type === "hardBreak");
  if (cut <= 0) return null;
  const first = content.slice(0, cut);
  const firstText = first.map((n) => n.text ?? "").join("");
  const key = houseSectionOf(firstText);
  if (!key || !(allBold(first) || isCapitals(firstText))) return null;
  const after = content.slice(cut + 1);
  return { key, rest: after.some((n) => n.type !== "hardBreak") ? { type: "paragraph", content: after } : null };
}

function trimEmpty(blocks: JSONContent[]): JSONContent[] {
  let start = 0;
  let end = blocks.length;
  while (start < end && isEmptyBlock(blocks[start]!)) start++;
  while (end > start && isEmptyBlock(blocks[end - 1]!)) end--;
  return blocks.slice(start, end);
}

const labelOf = (key: string) => NARRATIVE_SECTIONS.find((s) => s.key === key)!.label;

/** Splits a narrative's draft at the house headings. */
export function splitNarrative(doc: JSONContent): WordSplit {
  const parts = new Map<string, JSONContent[]>(NARRATIVE_SECTIONS.map((s) => [s.key, []]));
  const headingsSeen = new Map<string, number>();
  const otherHeadings: { text: string; section: string }[] = [];
  const notes: string[] = [];
  let current = "summary";
  let anyHeading = false;
  const blocks = doc.content ?? [];
  for (const [index, node] of blocks.entries()) {
    const house = houseHeadingIn(node);
    if (house) {
      anyHeading = true;
      current = house.key;
      headingsSeen.set(house.key, (headingsSeen.get(house.key) ?? 0) + 1);
      if (house.rest) parts.get(current)!.push(house.rest);
      continue;
    }
    const text = blockText(node).trim();
    if (!anyHeading && TITLE_LINE.test(text) && blocks.slice(0, index).every(isEmptyBlock)) {
      notes.push(`The title line "${text}" was left out: the report heads each narrative with its country and tier itself.`);
      continue;
    }
    if (node.type === "heading" && text) otherHeadings.push({ text, section: current });
    parts.get(current)!.push(node);
  }
  if (!anyHeading && blocks.some((b) => !isEmptyBlock(b))) {
    notes.push(`The file has none of the house headings (${NARRATIVE_SECTIONS.map((s) => s.label).join(", ")}): all its text goes to the Summary.`);
  }
  for (const [i, h] of otherHeadings.entries()) {
    if (i === MAX_HEADING_NOTES) {
      notes.push(`${otherHeadings.length - MAX_HEADING_NOTES} more headings that are not house headings stay as headings where they are.`);
      break;
    }
    notes.push(`The heading "${h.text}" is not a house heading; it stays as a heading inside ${labelOf(h.section)}.`);
  }
  for (const [key, times] of headingsSeen) {
    if (times > 1) notes.push(`The heading ${labelOf(key)} appears ${times} times; every part goes to ${labelOf(key)}, in the file's order.`);
  }
  const sections = NARRATIVE_SECTIONS.map(({ key, label }) => {
    const kept = trimEmpty(parts.get(key)!);
    if (kept.length === 0 && headingsSeen.has(key)) notes.push(`${label} has a heading but no text in the file; the section stays as it is.`);
    return { key, label, blocks: kept, inFile: kept.length > 0 };
  });
  return { sections, notes };
}

/** A report section has one body: the whole file goes there, headings and all. */
export function wholeBody(doc: JSONContent, kind: DocumentKind): WordSplit {
  const [body] = documentSections(kind);
  const blocks = trimEmpty(doc.content ?? []);
  return { sections: [{ key: body!.key, label: body!.label, blocks, inFile: blocks.length > 0 }], notes: [] };
}

export function splitForDocument(doc: JSONContent, kind: DocumentKind): WordSplit {
  const clean = sanitizeDocument(doc);
  return kind === "country_narrative" ? splitNarrative(clean) : wholeBody(clean, kind);
}

/** What the converter left out, in words. */
export function droppedNotes(dropped: Dropped): string[] {
  const notes: string[] = [];
  const n = (count: number, one: string, many: string) => (count === 1 ? one : `${count} ${many}`);
  if (dropped.images) notes.push(`${n(dropped.images, "An image was", "images were")} left out: the narrative's text holds no pictures.`);
  for (const words of dropped.tables)
    notes.push(
      `A table was left out${words ? ` (it begins "${words}")` : ""}: the narrative's text has no tables; put its figures in sentences or in the law-enforcement figures.`,
    );
  if (dropped.footnotes)
    notes.push(
      `${n(dropped.footnotes, "A footnote was", "footnotes were")} left out, with ${dropped.footnotes === 1 ? "its number" : "their numbers"} in the text: the report has no footnotes.`,
    );
  if (dropped.checkboxes) notes.push(`${n(dropped.checkboxes, "A checkbox was", "checkboxes were")} left out.`);
  if (dropped.links)
    notes.push(
      `${n(dropped.links, "A link", "links")} to something other than a web page or an e-mail address ${dropped.links === 1 ? "was" : "were"} kept as plain text.`,
    );
  if (dropped.scripts) notes.push("Superscript and subscript are kept as ordinary text (the editor has neither).");
  return notes;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The first lines of a text, for a preview list: up to three lines, cut at `max` characters. */
export function excerpt(text: string, max = 280): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join("\n");
  return lines.length > max ? `${lines.slice(0, max - 1).trimEnd()}…` : lines;
}

export interface SectionPreview {
  key: string;
  label: string;
  inFile: boolean;
  html: string;
  words: number;
  excerpt: string;
  /** The section's words now: what applying would replace. */
  currentWords: number;
}

/** The preview of each section: clean HTML and word counts of the file's text against what is there now. */
export function previewSections(split: WordSplit, currentWords: Readonly<Record<string, number>>): SectionPreview[] {
  return split.sections.map((part) => {
    const json = sectionDoc(part);
    const text = blockText(json);
    return {
      key: part.key,
      label: part.label,
      inFile: part.inFile,
      html: part.inFile ? renderHtml(json) : "",
      words: countWords(text),
      excerpt: excerpt(text),
      currentWords: currentWords[part.key] ?? 0,
    };
  });
}

/** A section's blocks as the document its fragment will hold. */
export function sectionDoc(part: Pick<SectionPart, "blocks">): JSONContent {
  return { type: "doc", content: part.blocks };
}

/** Null when the document fits the editor's schema (content and marks), else why not. */
export function schemaProblem(doc: JSONContent): string | null {
  try {
    Node.fromJSON(richTextSchema(), doc).check();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
