/**
 * mammoth's HTML to the editor's ProseMirror JSON, without a DOM (a Worker has none).
 *
 * mammoth writes a small, regular HTML: elements it names itself (p, h1-h6, ul, ol, li, strong,
 * em, u, s, sup, sub, a, br, img, table, tr, td, th, input), every text escaped (&amp; &lt; &gt;,
 * and &quot; in attributes), attributes always double-quoted, void elements written `<br />`, no
 * comments, scripts or whitespace of its own. So a tokenizer of a few lines reads it exactly; it
 * still never throws on anything else (an unknown tag is unwrapped, a stray `<` is text).
 *
 * What the text has no place for is dropped and counted (images, tables, footnotes, checkboxes,
 * links the editor refuses), so the import can say so; the words around it stay.
 */
import type { JSONContent } from "@tiptap/core";
import { isAllowedLinkHref } from "./rich-text-schema.ts";

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}
type HtmlNode = Element | string;

/** What was left out, counted, for the import's notes. */
export interface Dropped {
  images: number;
  /** The first words of each table left out. */
  tables: string[];
  footnotes: number;
  checkboxes: number;
  /** Links to anything but web pages and e-mail addresses (their words stay, unlinked). */
  links: number;
  /** Superscript and subscript (their text stays, unformatted). */
  scripts: number;
}

const VOID = new Set(["br", "img", "input", "hr", "col", "wbr"]);
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*"[^"]*")?)*)\s*(\/?)>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*"([^"]*)")?/g;

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** The element tree of mammoth's HTML. A closing tag with no open match is ignored; what is left open closes at the end. */
export function parseHtml(html: string): Element {
  const root: Element = { name: "#root", attrs: {}, children: [] };
  const stack: Element[] = [root];
  const top = () => stack[stack.length - 1]!;
  let at = 0;
  const text = (raw: string) => {
    if (raw) top().children.push(decodeEntities(raw));
  };
  for (const match of html.matchAll(TAG)) {
    text(html.slice(at, match.index));
    at = match.index + match[0].length;
    const name = match[2]!.toLowerCase();
    if (match[1]) {
      const open = stack.map((e) => e.name).lastIndexOf(name);
      if (open > 0) stack.length = open;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const attr of (match[3] ?? "").matchAll(ATTR)) attrs[attr[1]!.toLowerCase()] = decodeEntities(attr[2] ?? "");
    const element: Element = { name, attrs, children: [] };
    top().children.push(element);
    if (!VOID.has(name) && !match[4]) stack.push(element);
  }
  text(html.slice(at));
  return root;
}

const MARKS: Record<string, string> = { strong: "bold", b: "bold", em: "italic", i: "italic", u: "underline", s: "strike", del: "strike", strike: "strike" };
const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const NOTE_ID = /^(footnote|endnote|comment)-/;
const NOTE_REF = /^#(footnote|endnote|comment)-/;

type Mark = NonNullable<JSONContent["marks"]>[number];

const SEPARATED = new Set(["table", "thead", "tbody", "tr", "td", "th", "p", "li"]);

/** An element's words, cells and paragraphs kept apart. */
function textOf(node: HtmlNode): string {
  return typeof node === "string" ? node : node.children.map(textOf).join(SEPARATED.has(node.name) ? " " : "");
}

function firstWords(text: string, count = 8): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.slice(0, count).join(" ") + (words.length > count ? "…" : "");
}

class Converter {
  readonly dropped: Dropped = { images: 0, tables: [], footnotes: 0, checkboxes: 0, links: 0, scripts: 0 };

  /** Block content: inline runs left between blocks are wrapped in paragraphs. */
  blocks(children: HtmlNode[]): JSONContent[] {
    const out: JSONContent[] = [];
    let run: HtmlNode[] = [];
    const flush = () => {
      const inline = this.inline(run, []);
      if (inline.some((n) => n.type !== "text" || n.text!.trim() !== "")) out.push({ type: "paragraph", content: inline });
      run = [];
    };
    for (const child of children) {
      if (typeof child !== "string" && this.isBlock(child)) {
        flush();
        out.push(...this.block(child));
      } else run.push(child);
    }
    flush();
    return out;
  }

  private isBlock(el: Element): boolean {
    return ["p", "ul", "ol", "table", "blockquote", "div", "pre", "hr"].includes(el.name) || el.name in HEADINGS;
  }

  private block(el: Element): JSONContent[] {
    if (el.name === "p" || el.name === "pre") return [withContent({ type: "paragraph" }, this.inline(el.children, []))];
    const level = HEADINGS[el.name];
    if (level) return [withContent({ type: "heading", attrs: { level } }, this.inline(el.children, []))];
    if (el.name === "ul" || el.name === "ol") return this.list(el);
    if (el.name === "table") {
      this.dropped.tables.push(firstWords(textOf(el)));
      return [];
    }
    if (el.name === "blockquote") {
      const inner = this.blocks(el.children);
      return inner.length ? [{ type: "blockquote", content: inner }] : [];
    }
    if (el.name === "hr") return [{ type: "horizontalRule" }];
    return this.blocks(el.children);
  }

  private list(el: Element): JSONContent[] {
    const items: JSONContent[] = [];
    for (const child of el.children) {
      if (typeof child === "string") continue;
      if (child.name !== "li") {
        // Not an item (mammoth never writes this): its text becomes an item of its own.
        const content = this.blocks([child]);
        if (content.length) items.push(listItem(content));
        continue;
      }
      if (NOTE_ID.test(child.attrs.id ?? "")) {
        this.dropped.footnotes++;
        continue;
      }
      items.push(listItem(this.blocks(child.children)));
    }
    return items.length ? [{ type: el.name === "ol" ? "orderedList" : "bulletList", content: items }] : [];
  }

  inline(children: HtmlNode[], marks: Mark[]): JSONContent[] {
    const out: JSONContent[] = [];
    for (const child of children) {
      if (typeof child === "string") {
        if (child) out.push(marks.length ? { type: "text", text: child, marks } : { type: "text", text: child });
        continue;
      }
      const name = child.name;
      if (name === "br") out.push({ type: "hardBreak" });
      else if (name === "img") this.dropped.images++;
      else if (name === "input") this.dropped.checkboxes++;
      else if (name === "table") this.dropped.tables.push(firstWords(textOf(child)));
      else if (name === "a") out.push(...this.anchor(child, marks));
      else if (MARKS[name]) out.push(...this.inline(child.children, addMark(marks, { type: MARKS[name]! })));
      else if (name === "sup" || name === "sub") {
        const inner = this.inline(child.children, marks);
        // A footnote's reference is a link inside sup: counted with the footnote, not as formatting.
        if (inner.length) this.dropped.scripts++;
        out.push(...inner);
      } else out.push(...this.inline(child.children, marks));
    }
    return out;
  }

  private anchor(el: Element, marks: Mark[]): JSONContent[] {
    const href = el.attrs.href;
    if (href === undefined) return this.inline(el.children, marks);
    // A reference to a footnote, endnote or comment: its number goes with the note.
    if (NOTE_REF.test(href)) return [];
    if (href.startsWith("#")) return this.inline(el.children, marks);
    if (!isAllowedLinkHref(href)) {
      this.dropped.links++;
      return this.inline(el.children, marks);
    }
    return this.inline(el.children, addMark(marks, { type: "link", attrs: { href } }));
  }
}

function addMark(marks: Mark[], mark: Mark): Mark[] {
  // One link at a time (the innermost wins), and no mark twice.
  const others = marks.filter((m) => m.type !== mark.type);
  return [...others, mark];
}

function withContent(node: JSONContent, content: JSONContent[]): JSONContent {
  return content.length ? { ...node, content } : node;
}

/** A list item starts with a paragraph (the schema's `paragraph block*`). */
function listItem(content: JSONContent[]): JSONContent {
  if (content[0]?.type !== "paragraph") content = [{ type: "paragraph" }, ...content];
  return { type: "listItem", content };
}

export interface ConvertedHtml {
  doc: JSONContent;
  dropped: Dropped;
}

/** mammoth's HTML as a ProseMirror document of the editor's nodes, and what was left out. */
export function mammothHtmlToDoc(html: string): ConvertedHtml {
  const converter = new Converter();
  const content = converter.blocks(parseHtml(html).children);
  return { doc: { type: "doc", content }, dropped: converter.dropped };
}
