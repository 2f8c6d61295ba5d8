/**
 * Plain report text (blank-line-separated blocks, the light markup of the source: `**bold**`,
 * `*italic*`, `[words](address)`, `- ` and `1. ` list lines, `\$` escapes, `<p>` in table cells) as ProseMirror JSON of
 * the editor's schema. Every word stays: a block is a heading, a list or a paragraph (its lines
 * joined by hard breaks, so tables keep their rows); markup that does not pair up stays as text.
 */
import type { JSONContent } from "@tiptap/core";
import { isAllowedLinkHref } from "./rich-text-schema.ts";

type Mark = NonNullable<JSONContent["marks"]>[number];

const BULLET = /^- (?:▶\s*)?/;
const NUMBERED = /^(\d+)\. /;

/** A single short line without closing punctuation, as the report sets its headings. */
export function isTitleLike(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 100 || t.includes("\t") || BULLET.test(t) || NUMBERED.test(t)) return false;
  // Amounts ("… Training $101,124") and photo credits ("Page 5: …") are lines of a list, not headings.
  if (t.includes("$") || /^Page\.? \d+:/.test(t)) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(t)) return false;
  if (/[.,;:?!"”’)*]$/.test(t)) return false;
  return t.split(/\s+/).length <= 16;
}

const INLINE = [
  { kind: "link", re: /\[([^\]\n]+)\]\(([^)\s]*)\)/ },
  // The closing ** is the last two of a run (`al.***` closes an italic, then the bold).
  { kind: "bold", re: /(?<!\*)\*\*(?=[^\s*]|\*[^\s*])([\s\S]*?[^\s])\*\*(?!\*)/ },
  { kind: "italic", re: /(?<!\*)\*(?=[^\s*])([\s\S]*?[^\s*])\*(?!\*)/ },
] as const;

// Table cells of the source hold their paragraphs as <p> tags: the tags go, the words stay.
const unescapeSource = (text: string) =>
  text
    .replace(/<\/p>\s*<p>/g, " ")
    .replace(/<\/?p>/g, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!$])/g, "$1");

function textNodes(text: string, marks: Mark[]): JSONContent[] {
  const out: JSONContent[] = [];
  unescapeSource(text)
    .split("\n")
    .forEach((piece, i) => {
      if (i > 0) out.push({ type: "hardBreak" });
      if (piece) out.push(marks.length ? { type: "text", text: piece, marks: [...marks] } : { type: "text", text: piece });
    });
  return out;
}

/** Inline content of one block: marks where the markup pairs up, the rest as it is. */
export function inlineContent(text: string, marks: Mark[] = []): JSONContent[] {
  let best: { index: number; length: number; kind: (typeof INLINE)[number]["kind"]; inner: string; href?: string } | null = null;
  for (const { kind, re } of INLINE) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) best = { index: m.index, length: m[0].length, kind, inner: m[1]!, ...(kind === "link" ? { href: m[2]! } : {}) };
  }
  if (!best) return textNodes(text, marks);
  const before = textNodes(text.slice(0, best.index), marks);
  let mark: Mark | null = null;
  if (best.kind === "bold" || best.kind === "italic") mark = { type: best.kind };
  else if (isAllowedLinkHref(best.href)) mark = { type: "link", attrs: { href: best.href } };
  const inner = inlineContent(best.inner, mark && !marks.some((m) => m.type === mark.type) ? [...marks, mark] : marks);
  return [...before, ...inner, ...inlineContent(text.slice(best.index + best.length), marks)];
}

function paragraph(text: string): JSONContent {
  const content = inlineContent(text);
  return content.length ? { type: "paragraph", content } : { type: "paragraph" };
}

type LineKind = "bullet" | "numbered" | "text";
const kindOf = (line: string): LineKind => (BULLET.test(line) ? "bullet" : NUMBERED.test(line) ? "numbered" : "text");

/** One block: runs of list lines become lists, other runs of lines one paragraph each. */
function blockNodes(lines: string[], headingLevel: 2 | 3 | null): JSONContent[] {
  if (headingLevel !== null) return [{ type: "heading", attrs: { level: headingLevel }, content: inlineContent(lines.join(" ").trim()) }];
  const out: JSONContent[] = [];
  for (let i = 0; i < lines.length; ) {
    const kind = kindOf(lines[i]!);
    let j = i;
    while (j < lines.length && kindOf(lines[j]!) === kind) j++;
    const run = lines.slice(i, j);
    if (kind === "text") out.push(paragraph(run.join("\n")));
    else {
      const items = run.map((line) => ({ type: "listItem", content: [paragraph(line.replace(kind === "bullet" ? BULLET : NUMBERED, ""))] }));
      const start = kind === "numbered" ? Number(NUMBERED.exec(run[0]!)![1]) : 1;
      out.push(
        kind === "bullet" ? { type: "bulletList", content: items } : { type: "orderedList", ...(start !== 1 ? { attrs: { start } } : {}), content: items },
      );
    }
    i = j;
  }
  return out;
}

/**
 * A part of the report as a ProseMirror document. `headingLines` (0-based lines of `text`) are
 * headings of the table of contents (level 2); other title-like single lines become level-3
 * headings, except the line naming who a quotation is by.
 */
export function textToProsemirror(text: string, headingLines: readonly number[] = []): JSONContent {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks: { lines: string[]; first: number }[] = [];
  let current: { lines: string[]; first: number } | null = null;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, "");
    if (!line.trim()) {
      current = null;
      return;
    }
    if (!current) blocks.push((current = { lines: [], first: i }));
    current.lines.push(line);
  });
  const tocHeadings = new Set(headingLines);
  const content: JSONContent[] = [];
  let previous: string | null = null;
  for (const block of blocks) {
    const single = block.lines.length === 1 ? block.lines[0]! : null;
    const afterQuote = previous !== null && /^[“"]/.test(previous) && /[”"]$/.test(previous);
    if (tocHeadings.has(block.first)) {
      content.push(...blockNodes(block.lines.slice(0, 1), 2), ...blockNodes(block.lines.slice(1), null));
    } else {
      content.push(...blockNodes(block.lines, single !== null && !afterQuote && isTitleLike(single) ? 3 : null));
    }
    previous = block.lines.join(" ").trim();
  }
  return { type: "doc", content };
}
