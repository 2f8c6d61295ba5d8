/**
 * Snapshots recorded before the report compiler carry only each section's HTML, not its
 * ProseMirror JSON. That HTML was written by our own renderer (shared/render-document.ts) from the
 * editor's schema, so it is a small, well-formed vocabulary: this reads it back into the same JSON
 * shape the DOCX renderer walks. Tags it does not know are unwrapped (their text stays).
 */
import type { JSONContent } from "@tiptap/core";

type Mark = NonNullable<JSONContent["marks"]>[number];

const BLOCKS: Record<string, string> = { p: "paragraph", ul: "bulletList", ol: "orderedList", li: "listItem", blockquote: "blockquote", pre: "codeBlock" };
const MARKS: Record<string, string> = { strong: "bold", b: "bold", em: "italic", i: "italic", s: "strike", u: "underline", code: "code", a: "link" };
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attribute(attrs: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, "i").exec(attrs);
  return match ? decodeEntities(match[2] ?? match[3] ?? "") : null;
}

/** HTML of one section, as our renderer writes it, to a ProseMirror `doc`. */
export function htmlToDoc(html: string): JSONContent {
  const doc: JSONContent = { type: "doc", content: [] };
  const stack: { tag: string; node: JSONContent }[] = [{ tag: "#doc", node: doc }];
  const marks: { tag: string; mark: Mark }[] = [];
  const top = () => stack[stack.length - 1]!.node;
  // Inline content outside any paragraph (a list item's text, say) goes into one made for it.
  const inlineParent = (): JSONContent => {
    const parent = top();
    if (parent.type === "paragraph" || parent.type === "heading" || parent.type === "codeBlock") return parent;
    const paragraph: JSONContent = { type: "paragraph", content: [] };
    (parent.content ??= []).push(paragraph);
    stack.push({ tag: "#implied", node: paragraph });
    return paragraph;
  };
  const closeImplied = () => {
    while (stack.length > 1 && stack[stack.length - 1]!.tag === "#implied") stack.pop();
  };
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)|</g;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    const [, closing, rawTag, attrs = "", text] = m;
    if (rawTag === undefined) {
      const value = decodeEntities(text ?? "<");
      const parent = top();
      if (/^\s*$/.test(value) && parent.type !== "paragraph" && parent.type !== "heading" && parent.type !== "codeBlock") continue;
      const node: JSONContent = { type: "text", text: value };
      if (marks.length) node.marks = marks.map((x) => x.mark);
      (inlineParent().content ??= []).push(node);
      continue;
    }
    const tag = rawTag.toLowerCase();
    const heading = /^h([1-6])$/.exec(tag);
    const blockType = heading ? "heading" : BLOCKS[tag];
    if (closing) {
      if (MARKS[tag]) {
        const at = marks.map((x) => x.tag).lastIndexOf(tag);
        if (at >= 0) marks.splice(at, 1);
      } else if (blockType) {
        closeImplied();
        const at = stack.map((x) => x.tag).lastIndexOf(tag);
        if (at > 0) stack.length = at;
      }
      continue;
    }
    if (MARKS[tag]) {
      if (tag === "code" && top().type === "codeBlock") continue;
      const href = tag === "a" ? attribute(attrs, "href") : null;
      if (tag === "a" && !href) continue;
      marks.push({ tag, mark: href ? { type: "link", attrs: { href } } : { type: MARKS[tag]! } });
    } else if (tag === "br") {
      (inlineParent().content ??= []).push({ type: "hardBreak" });
    } else if (tag === "hr") {
      closeImplied();
      (top().content ??= []).push({ type: "horizontalRule" });
    } else if (blockType) {
      closeImplied();
      const node: JSONContent = { type: blockType, content: [] };
      if (heading) node.attrs = { level: Number(heading[1]) };
      if (tag === "ol") {
        const start = Number(attribute(attrs, "start") ?? 1);
        node.attrs = { start: Number.isInteger(start) ? start : 1 };
      }
      (top().content ??= []).push(node);
      stack.push({ tag, node });
    }
  }
  return doc;
}
