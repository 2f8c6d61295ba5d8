/**
 * Replaces sections of the room's Y.Doc with imported text (a Word draft), as ONE edit by the
 * uploader: one transaction, so one update, stored in the log under their name (the origin names
 * them, as a connection would) and then broadcast by the room's update handler, like any typing.
 * Sections not named stay as they are.
 *
 * A section is brought to the file's text by difference, as the editor's own binding writes an
 * edit (y-prosemirror's updateYFragment): paragraphs the file leaves as they are keep their Yjs
 * items, and a changed paragraph keeps the text before and after its change. So what a co-editor
 * types at that moment into text the file does not change survives the import, and comment anchors
 * there stay attached; deleting every paragraph and writing the file's anew lost both.
 *
 * Everything is checked before the transaction: a Y transaction cannot be rolled back, so a
 * section that does not fit the schema must refuse the whole import, not leave half of it.
 *
 * The edit is written under the room's own Yjs client id, like an accepted suggestion. No person's
 * connection writes under it (Yjs gives the room a new id if an incoming update ever uses it), so
 * the client-owner rule (client-owners.ts) holds: the import cannot take anyone's next clocks.
 * Should that id ever have been claimed by a connection, the room takes a fresh one first.
 */
import type { JSONContent } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { updateYFragment } from "y-prosemirror";
import type * as Y from "yjs";
import { documentSections, kindOfDocumentId } from "#shared/document-shape.ts";
import { plainText, richTextSchema, sectionJson } from "#shared/render-document.ts";
import { countWords } from "#shared/word-import.ts";
import type { ClientOwners } from "./client-owners.ts";

export interface ImportedSection {
  key: string;
  json: JSONContent;
}

export type SectionImportOutcome = { applied: true; replaced: string[]; words: Record<string, number> } | { applied: false; invalid: string };

/** Words in each of the document's sections now. */
export function sectionWords(doc: Y.Doc, documentId: string): Record<string, number> {
  const words: Record<string, number> = {};
  for (const { key } of documentSections(kindOfDocumentId(documentId))) words[key] = countWords(plainText(sectionJson(doc, key)));
  return words;
}

function freshClientId(doc: Y.Doc, owners: ClientOwners): void {
  while (owners.owner(doc.clientID) !== null) {
    const candidate = crypto.getRandomValues(new Uint32Array(1))[0]!;
    if (!doc.store.clients.has(candidate)) doc.clientID = candidate;
  }
}

export function replaceSections(
  doc: Y.Doc,
  documentId: string,
  sections: readonly ImportedSection[],
  origin: unknown,
  owners: ClientOwners,
): SectionImportOutcome {
  const known = new Set(documentSections(kindOfDocumentId(documentId)).map((s) => s.key));
  const nodes: { key: string; node: Node }[] = [];
  for (const section of sections) {
    if (!known.has(section.key)) return { applied: false, invalid: `No section "${section.key}" in this document.` };
    if (nodes.some((n) => n.key === section.key)) return { applied: false, invalid: `Section "${section.key}" is named twice.` };
    try {
      const node = Node.fromJSON(richTextSchema(), section.json);
      node.check();
      nodes.push({ key: section.key, node });
    } catch (error) {
      return { applied: false, invalid: `The ${section.key} text does not fit the editor's schema: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  if (nodes.length === 0) return { applied: false, invalid: "No section to replace." };
  freshClientId(doc, owners);
  doc.transact(() => {
    for (const { key, node } of nodes) {
      // Runs inside this transaction (y-prosemirror's own transact nests into it).
      updateYFragment(doc, doc.getXmlFragment(key), node, { mapping: new Map(), isOMark: new Map() });
    }
  }, origin);
  return { applied: true, replaced: nodes.map((n) => n.key), words: sectionWords(doc, documentId) };
}
