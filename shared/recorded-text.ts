/**
 * A recorded text (a snapshot's sections) turned back into a Y.Doc, and a Y.Doc into a recorded
 * text. A new cycle's document starts from last year's published snapshot this way (the room's
 * import), and the demo's imported 2024 report is recorded this way (the seed), so both hash
 * exactly what the room will render.
 */
import type { JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "y-prosemirror";
import * as Y from "yjs";
import type { SnapshotSection } from "./api/report.ts";
import { documentSections } from "./document-shape.ts";
import type { DocumentKind } from "./documents.ts";
import { canonicalContent, renderSections, richTextSchema, sanitizeDocument } from "./render-document.ts";
import { sha256HexSync } from "./sha256.ts";

export interface SectionContent {
  key: string;
  json: JSONContent;
}

/** Paragraphs from plain text lines: how a snapshot recorded before sections carried their JSON is read. */
function paragraphsOf(text: string): JSONContent {
  const content = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => ({ type: "paragraph", content: [{ type: "text", text: line }] }));
  return { type: "doc", content };
}

/**
 * The document's sections from a snapshot, in house order: each section's recorded JSON, or its
 * plain text as paragraphs when the snapshot has no JSON; a section the snapshot lacks is empty.
 */
export function sectionsFromSnapshot(kind: DocumentKind, recorded: readonly SnapshotSection[]): SectionContent[] {
  return documentSections(kind).map(({ key }) => {
    const section = recorded.find((s) => s.key === key);
    if (!section) return { key, json: { type: "doc", content: [] } };
    let json: JSONContent | null = null;
    if (section.json) {
      try {
        json = JSON.parse(section.json) as JSONContent;
      } catch {
        json = null;
      }
    }
    return { key, json: sanitizeDocument(json ?? paragraphsOf(section.text)) };
  });
}

/**
 * Writes the sections into a fresh Y.Doc (nothing is written for an empty section). The state of
 * that document, applied to a room, is one update under `clientID`.
 */
export function docFromSections(sections: readonly SectionContent[], clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  const schema = richTextSchema();
  for (const { key, json } of sections) {
    if (!json.content?.length) continue;
    prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(key));
  }
  return doc;
}

export interface RecordedText {
  hash: string;
  sections: SnapshotSection[];
}

/** What a snapshot of `doc` records (sections as the room renders them and their hash), computed synchronously. */
export function recordedTextOf(doc: Y.Doc, kind: DocumentKind): RecordedText {
  const rendered = renderSections(doc, kind);
  return {
    hash: sha256HexSync(canonicalContent(rendered)),
    sections: rendered.map(({ key, label, html, text, json }) => ({ key, label, html, text, json: JSON.stringify(json) })),
  };
}
