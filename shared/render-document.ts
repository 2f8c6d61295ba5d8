/**
 * Turns a document's Y.Doc into what people read and what clearances bind to: per section the
 * ProseMirror JSON, clean HTML and plain text (DOM-free, so it runs in a Worker), and a SHA-256
 * over a canonical serialisation of all sections. Same content, same hash; any visible change
 * (text, marks, structure) gives a new hash.
 */
import type { JSONContent } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import type * as Y from "yjs";
import { canonicalJson, sha256Hex } from "./canonical-json.ts";
import { documentSections } from "./document-shape.ts";
import type { DocumentKind } from "./documents.ts";

/** The editor's schema; web and worker must agree on it for HTML rendering. */
export const RICH_TEXT_EXTENSIONS = [StarterKit];

export interface RenderedSection {
  key: string;
  label: string;
  json: JSONContent;
  html: string;
  text: string;
}

export interface RenderedDocument {
  sections: RenderedSection[];
  /** SHA-256 (hex) of the canonical serialisation of every section's content. */
  hash: string;
}

const BLOCK_TYPES = new Set(["paragraph", "heading", "listItem", "blockquote", "codeBlock", "horizontalRule"]);

export function plainText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const inner = (node.content ?? []).map(plainText).join("");
  return BLOCK_TYPES.has(node.type ?? "") && !inner.endsWith("\n") ? `${inner}\n` : inner;
}

export function sectionJson(doc: Y.Doc, key: string): JSONContent {
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(key)) as JSONContent;
  return { type: "doc", content: json.content ?? [] };
}

export function renderHtml(json: JSONContent): string {
  if (!json.content?.length) return "";
  return renderToHTMLString({ extensions: RICH_TEXT_EXTENSIONS, content: json });
}

export function canonicalContent(sections: Pick<RenderedSection, "key" | "json">[]): string {
  return canonicalJson({ version: 1, sections: sections.map((s) => ({ key: s.key, content: s.json })) });
}

export async function renderDocument(doc: Y.Doc, kind: DocumentKind): Promise<RenderedDocument> {
  const sections = documentSections(kind).map((section) => {
    const json = sectionJson(doc, section.key);
    return { key: section.key, label: section.label, json, html: renderHtml(json), text: plainText(json).replace(/\n+$/, "") };
  });
  return { sections, hash: await sha256Hex(canonicalContent(sections)) };
}
