/**
 * Comment anchors against the room's Y.Doc: pure functions, no storage, no sockets (the room's RPC
 * methods are thin wrappers around them).
 *
 * An anchor is a pair of Yjs relative positions (base64 of `Y.encodeRelativePosition`) that must
 * both resolve into the same `Y.XmlText` (one run of a paragraph's text) of the thread's section,
 * start before end. The text of a `Y.XmlText` is the concatenation of the string inserts of its
 * delta (an embed, which the editor never writes, counts as one U+FFFC so indices stay aligned).
 *
 * Positions made here: start associates with the first quoted character, end (assoc -1) with the
 * last one, so text typed right before or right after the quote is not pulled into the range.
 */
import * as Y from "yjs";
import { documentSections, kindOfDocumentId } from "#shared/document-shape.ts";

/** Characters of context kept on each side of a quote, from the same paragraph. */

/** Any Yjs shared type: Yjs types are invariant in their event type, and Yjs itself types a parent this way. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type YType = Y.AbstractType<any>;

export const CONTEXT_CHARS = 40;

export interface AnchorPositions {
  start: string;
  end: string;
}

export type DetachedReason = "unknown_position" | "deleted" | "other_section" | "different_paragraphs" | "collapsed";

/** What the room finds at an anchor: the quoted words, other words, or nothing it can place. */
export type AnchorCheck =
  | { status: "matches"; text: string; contextBefore: string; contextAfter: string }
  | { status: "mismatch"; text: string; contextBefore: string; contextAfter: string }
  | { status: "detached"; reason: DetachedReason; message: string };

export type QuoteSearch = { found: true; anchor: AnchorPositions; contextBefore: string; contextAfter: string } | { found: false; occurrences: number };

export type ReplacementOutcome = { applied: true; inserted: number; deleted: number } | { applied: false; check: Exclude<AnchorCheck, { status: "matches" }> };

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The section's fragment, or null when the document has no such section. */
export function sectionFragment(doc: Y.Doc, documentId: string, sectionKey: string): Y.XmlFragment | null {
  if (!documentSections(kindOfDocumentId(documentId)).some((s) => s.key === sectionKey)) return null;
  return doc.getXmlFragment(sectionKey);
}

/** The text of one `Y.XmlText`: its string inserts, in order. */
export function xmlTextString(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "\uFFFC")).join("");
}

/** Every `Y.XmlText` of the fragment in document order (paragraphs, headings, list items, quotes...). */
export function textNodesOf(fragment: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) found.push(child);
    else if (child instanceof Y.XmlElement) found.push(...textNodesOf(child));
  }
  return found;
}

/** Whether `type` is live inside `fragment` (neither it nor any ancestor deleted). */
function liveIn(type: YType, fragment: Y.XmlFragment): boolean {
  for (let t: YType | null = type; t; t = t.parent) {
    if (t._item?.deleted) return false;
    if (t === fragment) return true;
  }
  return false;
}

function context(text: string, start: number, end: number) {
  return { contextBefore: text.slice(Math.max(0, start - CONTEXT_CHARS), start), contextAfter: text.slice(end, end + CONTEXT_CHARS) };
}

/** The absolute position, "gone" when it named text that existed and was collected since, or null when unknown. */
function absolute(doc: Y.Doc, base64: string): Y.AbsolutePosition | "gone" | null {
  let relative: Y.RelativePosition;
  try {
    relative = Y.decodeRelativePosition(fromBase64(base64));
  } catch {
    return null;
  }
  const position = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  if (position) return position;
  // Deleting a paragraph garbage-collects its text: the id is known (below the client's clock) but no longer placeable.
  const id = relative.item ?? relative.type;
  return id && Y.getState(doc.store, id.client) > id.clock ? "gone" : null;
}

const DETACHED_MESSAGES: Record<DetachedReason, string> = {
  unknown_position: "The anchor's positions are not in this document's text.",
  deleted: "The words the anchor pointed at were deleted (or their paragraph was recreated).",
  other_section: "The anchor's positions are in another section.",
  different_paragraphs: "The anchor's start and end are no longer in the same paragraph.",
  collapsed: "The anchor's range collapsed: the words it covered are gone.",
};

const detached = (reason: DetachedReason) => ({ status: "detached" as const, reason, message: DETACHED_MESSAGES[reason] });

/** Places both positions: the one `Y.XmlText` they share and the range between them, or why not. */
export function resolveAnchor(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  anchor: AnchorPositions,
): { ok: true; node: Y.XmlText; start: number; end: number } | { ok: false; reason: DetachedReason } {
  const start = absolute(doc, anchor.start);
  const end = absolute(doc, anchor.end);
  if (!start || !end) return { ok: false, reason: "unknown_position" };
  if (start === "gone" || end === "gone") return { ok: false, reason: "deleted" };
  if (!(start.type instanceof Y.XmlText) || !(end.type instanceof Y.XmlText)) return { ok: false, reason: "unknown_position" };
  const startLive = liveIn(start.type, fragment);
  const endLive = liveIn(end.type, fragment);
  if (!startLive || !endLive) {
    // Told apart for the message: gone from this section, or never in it.
    const inSection = (t: YType) => {
      for (let p: YType | null = t; p; p = p.parent) if (p === fragment) return true;
      return false;
    };
    return { ok: false, reason: inSection(start.type) && inSection(end.type) ? "deleted" : "other_section" };
  }
  if (start.type !== end.type) return { ok: false, reason: "different_paragraphs" };
  if (start.index >= end.index) return { ok: false, reason: "collapsed" };
  return { ok: true, node: start.type, start: start.index, end: end.index };
}

/** Whether the anchor still covers exactly `quote`; with the words it covers now when it does not. */
export function checkAnchor(doc: Y.Doc, fragment: Y.XmlFragment, anchor: AnchorPositions, quote: string): AnchorCheck {
  const placed = resolveAnchor(doc, fragment, anchor);
  if (!placed.ok) return detached(placed.reason);
  const text = xmlTextString(placed.node);
  const covered = text.slice(placed.start, placed.end);
  return { status: covered === quote ? "matches" : "mismatch", text: covered, ...context(text, placed.start, placed.end) };
}

/**
 * The `occurrence`-th (from 0) place where `quote` appears inside one run of paragraph text, counted
 * across the section in document order (overlapping occurrences count), with new positions for it.
 */
export function findQuote(fragment: Y.XmlFragment, quote: string, occurrence = 0): QuoteSearch {
  let seen = 0;
  if (!quote) return { found: false, occurrences: 0 };
  for (const node of textNodesOf(fragment)) {
    const text = xmlTextString(node);
    for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
      if (seen++ !== occurrence) continue;
      const end = at + quote.length;
      return {
        found: true,
        anchor: {
          start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, at))),
          end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, end, -1))),
        },
        ...context(text, at, end),
      };
    }
  }
  return { found: false, occurrences: seen };
}

/** The formatting of the character at `index` (its delta op's attributes). */
function attributesAt(node: Y.XmlText, index: number): Record<string, unknown> {
  let offset = 0;
  for (const op of node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    if (index < offset + length) return { ...(op.attributes ?? {}) };
    offset += length;
  }
  return {};
}

/**
 * Replaces the anchored words with `replacement` in one transaction carrying `origin` (the room's
 * update listener stores and broadcasts it under the identity the origin names), keeping the
 * formatting of the first replaced character. Nothing changes unless the anchor covers `quote`.
 */
export function applyReplacement(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  anchor: AnchorPositions,
  quote: string,
  replacement: string,
  origin: unknown,
): ReplacementOutcome {
  const check = checkAnchor(doc, fragment, anchor, quote);
  if (check.status !== "matches") return { applied: false, check };
  const placed = resolveAnchor(doc, fragment, anchor);
  if (!placed.ok) return { applied: false, check: detached(placed.reason) };
  const { node, start, end } = placed;
  const attributes = attributesAt(node, start);
  doc.transact(() => {
    node.delete(start, end - start);
    if (replacement) node.insert(start, replacement, attributes);
  }, origin);
  return { applied: true, inserted: replacement.length, deleted: end - start };
}
