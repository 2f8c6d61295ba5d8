/**
 * Turns a document's Y.Doc into what people read and what clearances bind to: per section the
 * ProseMirror JSON, clean HTML and plain text (DOM-free, so it runs in a Worker), and a SHA-256
 * over a canonical serialisation of all sections. Same content, same hash; any visible change
 * (text, marks, structure) gives a new hash.
 *
 * What a socket delivers is not trusted: before rendering and hashing, each section's JSON is
 * sanitised against the editor's schema (unknown nodes unwrapped or dropped, unknown marks
 * dropped, link marks kept only for http(s) and mailto addresses), so one odd node can never make
 * every snapshot fail (which would block submit, approve and clear) and nothing typed runs as code.
 * A clean document passes through unchanged, so its hash is what it always was.
 *
 * Citations (docs/sources.md) are numbered here, at render time, in order of appearance across the
 * whole document's sections ([1], [2], ...; each citation its own note, as Word footnotes are):
 * each becomes a superscript link, and the section's HTML ends with the list of its notes. The
 * numbers are not in the JSON, so the hash does not change when a citation earlier in the
 * document renumbers the rest.
 */
import { getSchema, type JSONContent } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import * as Y from "yjs";
import { canonicalJson, sha256Hex } from "./canonical-json.ts";
import { documentSections } from "./document-shape.ts";
import type { DocumentKind } from "./documents.ts";
import { isAllowedLinkHref, RICH_TEXT_EXTENSIONS } from "./rich-text-schema.ts";
import { isSubmissionId, MAX_CITATION_LABEL } from "./sources.ts";

let schema: Schema | null = null;
/** The editor's schema, built once. */
export function richTextSchema(): Schema {
  return (schema ??= getSchema(RICH_TEXT_EXTENSIONS));
}

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

/** A section's content as ProseMirror JSON, sanitised against the editor's schema. */
export function sectionJson(doc: Y.Doc, key: string): JSONContent {
  const fragment = doc.getXmlFragment(key);
  let json: JSONContent;
  try {
    json = yXmlFragmentToProsemirrorJSON(fragment) as JSONContent;
  } catch {
    // y-prosemirror gives up on anything but elements and text (a hook, say): read what it can.
    json = { type: "doc", content: fragment.toArray().flatMap(tolerantJson) };
  }
  return sanitizeDocument({ type: "doc", content: json.content ?? [] });
}

const HASHED_MARK_NAME = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

/** y-prosemirror's serialisation, skipping what is neither an element nor text. */
function tolerantJson(item: unknown): JSONContent[] {
  if (item instanceof Y.XmlText) {
    return item.toDelta().map((d: { insert?: unknown; attributes?: Record<string, unknown> }) => {
      const text: JSONContent = { type: "text", text: typeof d.insert === "string" ? d.insert : "" };
      if (d.attributes) {
        text.marks = Object.entries(d.attributes).map(([name, attrs]) => ({
          type: HASHED_MARK_NAME.exec(name)?.[1] ?? name,
          ...(attrs && typeof attrs === "object" ? { attrs: attrs as Record<string, unknown> } : {}),
        }));
      }
      return text;
    });
  }
  if (item instanceof Y.XmlElement) {
    const node: JSONContent = { type: item.nodeName };
    const attrs = item.getAttributes();
    if (Object.keys(attrs).length) node.attrs = attrs;
    const children = item.toArray().flatMap(tolerantJson);
    if (children.length) node.content = children;
    return [node];
  }
  return [];
}

/**
 * Keeps what the schema knows: unknown nodes are unwrapped (their known content stays, so nobody's
 * words vanish) or dropped when empty, unknown marks and unsafe links dropped, empty text dropped;
 * inline content left directly in a block container is wrapped in a paragraph. A clean document
 * comes back as the very same objects.
 */
export function sanitizeDocument(doc: JSONContent): JSONContent {
  const s = richTextSchema();
  const content = sanitizeChildren(doc.content, "doc", s);
  return content === doc.content ? doc : { ...doc, content: content ?? [] };
}

function sanitizeChildren(children: unknown, parentType: string, s: Schema): JSONContent[] | undefined {
  if (children === undefined) return undefined;
  if (!Array.isArray(children)) return [];
  let changed = false;
  const out: JSONContent[] = [];
  for (const child of children) {
    const kept = sanitizeNode(child, s);
    if (kept.length !== 1 || kept[0] !== child) changed = true;
    out.push(...kept);
  }
  const parent = Object.hasOwn(s.nodes, parentType) ? s.nodes[parentType] : undefined;
  if (parent && !parent.inlineContent && out.some((n) => isInline(n, s))) {
    changed = true;
    return wrapInline(out, s);
  }
  return changed ? out : (children as JSONContent[]);
}

function isInline(node: JSONContent, s: Schema): boolean {
  return node.type === "text" || (Object.hasOwn(s.nodes, node.type ?? "") && s.nodes[node.type!]!.isInline);
}

function wrapInline(nodes: JSONContent[], s: Schema): JSONContent[] {
  const out: JSONContent[] = [];
  let run: JSONContent[] = [];
  const flush = () => {
    if (run.length) out.push({ type: "paragraph", content: run });
    run = [];
  };
  for (const node of nodes) {
    if (isInline(node, s)) run.push(node);
    else {
      flush();
      out.push(node);
    }
  }
  flush();
  return out;
}

function sanitizeNode(value: unknown, s: Schema): JSONContent[] {
  if (!value || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((v) => sanitizeNode(v, s));
  const node = value as JSONContent;
  const type = typeof node.type === "string" ? node.type : "";
  if (type === "text") {
    if (typeof node.text !== "string" || node.text === "") return [];
    const marks = sanitizeMarks(node.marks, s);
    return [marks === node.marks ? node : withOptional({ ...node }, "marks", marks)];
  }
  if (!Object.hasOwn(s.nodes, type) || type === "doc") {
    // Unwrapped: the children that survive take its place.
    return sanitizeChildren(node.content, "doc", s) ?? [];
  }
  if (type === "citation") return sanitizeCitation(node);
  const content = sanitizeChildren(node.content, type, s);
  const marks = sanitizeMarks(node.marks, s);
  if (content === node.content && marks === node.marks) return [node];
  return [withOptional(withOptional({ ...node }, "content", content), "marks", marks)];
}

/** A citation stays only when it names a submission by a well-formed id; its label is text of bounded length. */
function sanitizeCitation(node: JSONContent): JSONContent[] {
  const attrs = (node.attrs ?? {}) as { submissionId?: unknown; label?: unknown };
  if (!isSubmissionId(attrs.submissionId)) return [];
  const label = typeof attrs.label === "string" ? attrs.label.slice(0, MAX_CITATION_LABEL) : "";
  const clean = node.content === undefined && node.marks === undefined && label === attrs.label && Object.keys(attrs).length === 2;
  return [clean ? node : { type: "citation", attrs: { submissionId: attrs.submissionId, label } }];
}

function withOptional<K extends "content" | "marks">(node: JSONContent, key: K, value: JSONContent[K] | undefined): JSONContent {
  if (value === undefined || (Array.isArray(value) && value.length === 0 && key === "marks")) delete node[key];
  else node[key] = value;
  return node;
}

function sanitizeMarks(marks: JSONContent["marks"], s: Schema): JSONContent["marks"] {
  if (marks === undefined) return undefined;
  if (!Array.isArray(marks)) return [];
  const kept = marks.filter((mark) => {
    if (!mark || typeof mark !== "object" || typeof mark.type !== "string" || !Object.hasOwn(s.marks, mark.type)) return false;
    if (mark.type === "link") return isAllowedLinkHref((mark.attrs as { href?: unknown } | undefined)?.href);
    return true;
  });
  return kept.length === marks.length ? marks : kept;
}

/** The next note number of a document: one counter runs through all its sections. */
export interface NoteCounter {
  next: number;
}

export interface RenderedNote {
  number: number;
  submissionId: string;
  label: string;
}

/** The document's citations in order of appearance, numbered from `counter` (what renderHtml writes). */
export function citationNotes(json: JSONContent, counter: NoteCounter = { next: 1 }): RenderedNote[] {
  const notes: RenderedNote[] = [];
  const visit = (node: JSONContent) => {
    if (node.type === "citation") {
      const attrs = node.attrs as { submissionId: string; label?: string };
      notes.push({ number: counter.next++, submissionId: attrs.submissionId, label: attrs.label ?? "" });
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(json);
  return notes;
}

function notesHtml(notes: RenderedNote[]): string {
  if (!notes.length) return "";
  const items = notes.map(
    (n) => `<li id="note-${n.number}" value="${n.number}" data-submission-id="${escapeHtml(n.submissionId)}">${escapeHtml(n.label || n.submissionId)}</li>`,
  );
  return `<ol class="citation-notes">${items.join("")}</ol>`;
}

/** A section's HTML; its citations are numbered from `counter` (a fresh one: from 1) and listed at its end. */
export function renderHtml(json: JSONContent, counter: NoteCounter = { next: 1 }): string {
  if (!json.content?.length) return "";
  const notes = citationNotes(json, { next: counter.next });
  let index = 0;
  try {
    const body = renderToHTMLString({
      extensions: RICH_TEXT_EXTENSIONS,
      content: json,
      options: {
        nodeMapping: {
          citation: ({ node }) => {
            const note = notes[index++] ?? { number: counter.next + index - 1, submissionId: String(node.attrs.submissionId), label: "" };
            return `<sup class="citation" data-submission-id="${escapeHtml(note.submissionId)}"><a href="#note-${note.number}" id="cite-${note.number}" title="${escapeHtml(note.label)}">[${note.number}]</a></sup>`;
          },
        },
      },
    });
    counter.next += notes.length;
    return body + notesHtml(notes);
  } catch {
    // Never expected after sanitising; if it happens, the words still show, as escaped paragraphs.
    return plainText(json)
      .replace(/\n+$/, "")
      .split("\n")
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join("");
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function canonicalContent(sections: Pick<RenderedSection, "key" | "json">[]): string {
  return canonicalJson({ version: 1, sections: sections.map((s) => ({ key: s.key, content: s.json })) });
}

/** Every section of the document, rendered (what `renderDocument` hashes); note numbers run on from section to section. */
export function renderSections(doc: Y.Doc, kind: DocumentKind): RenderedSection[] {
  const counter: NoteCounter = { next: 1 };
  return documentSections(kind).map((section) => {
    const json = sectionJson(doc, section.key);
    return { key: section.key, label: section.label, json, html: renderHtml(json, counter), text: plainText(json).replace(/\n+$/, "") };
  });
}

export async function renderDocument(doc: Y.Doc, kind: DocumentKind): Promise<RenderedDocument> {
  const sections = renderSections(doc, kind);
  return { sections, hash: await sha256Hex(canonicalContent(sections)) };
}
