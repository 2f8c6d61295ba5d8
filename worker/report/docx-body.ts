/**
 * A section's ProseMirror JSON (the editor's schema, shared/rich-text-schema.ts) as WordprocessingML
 * text, written straight as strings rather than through the `docx` package's Paragraph and TextRun
 * classes: a 188-narrative report has tens of thousands of paragraphs and runs, and the package's
 * object graph for them (kept whole until it is serialised) needs more memory than a Worker has.
 * The XML is what those classes write: heading styles (Heading1..6), Word lists through the
 * document's numbering (each numbered list counting from 1 again), bold, italic, underline, strike,
 * code and links (external relationships the document declares), hard breaks, and citations of
 * submissions as Word footnotes (the note's text in `notes`; Word numbers them through the whole
 * file). Anything unknown keeps its text. render-docx.ts puts it in the package `docx` wrote.
 */
import type { JSONContent } from "@tiptap/core";
import { AlignmentType, LevelFormat, type ILevelsOptions } from "docx";

export const BULLETS = "report-bullets";
export const NUMBERS = "report-numbers";
export const HYPERLINK_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

const BULLET_GLYPHS = ["\u2022", "\u25e6", "\u25aa"];
const levels = (make: (level: number) => Pick<ILevelsOptions, "format" | "text">): ILevelsOptions[] =>
  Array.from({ length: 9 }, (_, level) => ({
    level,
    ...make(level),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));

/** The two list definitions every report document declares. */
export const LIST_NUMBERING = {
  config: [
    { reference: BULLETS, levels: levels((l) => ({ format: LevelFormat.BULLET, text: BULLET_GLYPHS[l % 3]! })) },
    { reference: NUMBERS, levels: levels((l) => ({ format: LevelFormat.DECIMAL, text: `%${l + 1}.` })) },
  ],
};

/**
 * Per document. Numbered lists are instances of NUMBERS (bullets share instance 0), written as
 * docx's own placeholder `w:numId w:val="{reference-instance}"` until the file has numbered them
 * (`lists` names each); links are relationships, one per address (`links`: address -> id without
 * docx's `rId` prefix).
 */
export interface BodyContext {
  nextListInstance: number;
  lists: Set<string>;
  links: Map<string, string>;
  /** The footnotes' texts: footnote id n is notes[n - 1] (ids 0 and -1 are Word's separators). */
  notes: string[];
}

export const newBodyContext = (): BodyContext => ({ nextListInstance: 0, lists: new Set(), links: new Map(), notes: [] });

/** A citation: a footnote reference whose note is the citation's label (who sent the submission and when). */
function footnoteReference(node: JSONContent, ctx: BodyContext): string {
  const attrs = (node.attrs ?? {}) as { submissionId?: unknown; label?: unknown };
  const text = typeof attrs.label === "string" && attrs.label ? attrs.label : `Submission ${String(attrs.submissionId ?? "")}`;
  const id = ctx.notes.push(text);
  return `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
}

const NUM_ID_PLACEHOLDER = /<w:numId w:val="\{([^"}]+)\}"\/>/g;

/** Puts the file's list numbers in place of the placeholders (user text is escaped, so it cannot hold the pattern). */
export function fillListNumbers(xml: string, numIds: ReadonlyMap<string, number>): string {
  return xml.replace(NUM_ID_PLACEHOLDER, (_whole, key: string) => {
    const id = numIds.get(key);
    if (id === undefined) throw new Error(`list ${key} has no numbering`);
    return `<w:numId w:val="${id}"/>`;
  });
}

// XML 1.0 refuses most control characters; docx drops them the same way.
export const xmlText = (text: string) =>
  text.replace(/[&<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : ""));
const xmlAttr = (text: string) => xmlText(text).replace(/"/g, "&quot;");

interface ListPlace {
  reference: string;
  level: number;
  instance: number;
  /** Only an item's first paragraph carries the bullet or number; the rest are indented under it. */
  first: boolean;
}

/** One run; the rPr children in the schema's order (rStyle, rFonts, b, i, strike, u). */
function run(text: string | null, marks: JSONContent["marks"], linked: boolean): string {
  let bold = false;
  let italic = false;
  let strike = false;
  let underline = false;
  let code = false;
  for (const mark of marks ?? []) {
    if (mark.type === "bold") bold = true;
    else if (mark.type === "italic") italic = true;
    else if (mark.type === "strike") strike = true;
    else if (mark.type === "underline") underline = true;
    else if (mark.type === "code") code = true;
  }
  let props = linked ? '<w:rStyle w:val="Hyperlink"/>' : "";
  if (code) props += '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>';
  if (bold) props += "<w:b/><w:bCs/>";
  if (italic) props += "<w:i/><w:iCs/>";
  if (strike) props += "<w:strike/>";
  if (underline) props += '<w:u w:val="single"/>';
  const body = text === null ? "<w:br/>" : `<w:t xml:space="preserve">${xmlText(text)}</w:t>`;
  return props ? `<w:r><w:rPr>${props}</w:rPr>${body}</w:r>` : `<w:r>${body}</w:r>`;
}

function linkOf(marks: JSONContent["marks"]): string | null {
  const link = marks?.find((m) => m.type === "link");
  return typeof link?.attrs?.href === "string" ? link.attrs.href : null;
}

function inline(nodes: JSONContent[] | undefined, ctx: BodyContext, out: string[]): void {
  for (const node of nodes ?? []) {
    if (node.type === "text") {
      if (!node.text) continue;
      const href = linkOf(node.marks);
      if (!href) {
        out.push(run(node.text, node.marks, false));
        continue;
      }
      let id = ctx.links.get(href);
      if (!id) ctx.links.set(href, (id = `ReportLink${ctx.links.size + 1}`));
      out.push(`<w:hyperlink r:id="rId${xmlAttr(id)}" w:history="1">${run(node.text, node.marks, true)}</w:hyperlink>`);
    } else if (node.type === "hardBreak") {
      out.push(run(null, undefined, false));
    } else if (node.type === "citation") {
      out.push(footnoteReference(node, ctx));
    } else if (node.content) {
      inline(node.content, ctx, out);
    }
  }
}

/** A paragraph; pPr children in the schema's order (pStyle, numPr, pBdr, ind). */
function paragraph(style: string | null, list: ListPlace | null, quote: number, runs: string, border = ""): string {
  let props = "";
  if (style) props += `<w:pStyle w:val="${style}"/>`;
  if (list?.first) {
    list.first = false;
    if (!style) props += '<w:pStyle w:val="ListParagraph"/>';
    props += `<w:numPr><w:ilvl w:val="${list.level}"/><w:numId w:val="{${list.reference}-${list.instance}}"/></w:numPr>${border}`;
  } else {
    props += border;
    const left = 720 * ((list ? list.level + 1 : 0) + quote);
    if (left) props += `<w:ind w:left="${left}"/>`;
  }
  return props ? `<w:p><w:pPr>${props}</w:pPr>${runs}</w:p>` : `<w:p>${runs}</w:p>`;
}

function textOf(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  return (node.content ?? []).map(textOf).join(node.type === "hardBreak" ? "\n" : "");
}

function walk(node: JSONContent, offset: number, ctx: BodyContext, list: ListPlace | null, quote: number, out: string[]): void {
  const runs = () => {
    const children: string[] = [];
    inline(node.content, ctx, children);
    return children.join("");
  };
  switch (node.type) {
    case "paragraph":
      out.push(paragraph(null, list, quote, runs()));
      return;
    case "heading": {
      const level = Number(node.attrs?.level ?? 1);
      out.push(paragraph(`Heading${Math.min(6, Math.max(1, (Number.isFinite(level) ? level : 1) + offset))}`, list, quote, runs()));
      return;
    }
    case "bulletList":
    case "orderedList": {
      const reference = node.type === "bulletList" ? BULLETS : NUMBERS;
      const instance = node.type === "bulletList" ? 0 : ++ctx.nextListInstance;
      const level = list ? Math.min(8, list.level + 1) : 0;
      ctx.lists.add(`${reference}-${instance}`);
      for (const item of node.content ?? []) {
        const place: ListPlace = { reference, level, instance, first: true };
        for (const child of item.type === "listItem" ? (item.content ?? []) : [item]) walk(child, offset, ctx, place, quote, out);
      }
      return;
    }
    case "blockquote":
      for (const child of node.content ?? []) walk(child, offset, ctx, list, quote + 1, out);
      return;
    case "codeBlock":
      out.push(paragraph(null, list, quote, run(textOf(node), [{ type: "code" }], false)));
      return;
    case "horizontalRule":
      out.push(paragraph(null, null, quote, "", '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="999999"/></w:pBdr>'));
      return;
    default:
      // An unknown block keeps its words: inline content as one paragraph, blocks walked as they are.
      if ((node.content ?? []).some((c) => c.type === "text" || c.type === "hardBreak")) out.push(paragraph(null, list, quote, runs()));
      else for (const child of node.content ?? []) walk(child, offset, ctx, list, quote, out);
  }
}

/** A section's document as WordprocessingML paragraphs; its headings sit `offset` levels below their own. */
export function sectionXml(doc: JSONContent, offset: number, ctx: BodyContext): string {
  const out: string[] = [];
  for (const node of doc.content ?? []) walk(node, offset, ctx, null, 0, out);
  return out.join("");
}
