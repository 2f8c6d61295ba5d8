/**
 * Where a thread's words are in a section editor now. The anchor's Yjs relative positions usually
 * say it; when they collapsed (y-prosemirror recreates a paragraph's text on a split) or no longer
 * cover the quote, the quote is looked for again, nearest its old place; failing that the thread is
 * detached and shown with its original quote, never lost.
 */
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import type { EditorState } from "@tiptap/pm/state";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

export interface AnchorRange {
  from: number;
  to: number;
}

export interface ThreadAnchor {
  start: string;
  end: string;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface YSyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<unknown, unknown> };
}

function syncState(state: EditorState): YSyncState | null {
  const ystate = ySyncPluginKey.getState(state) as YSyncState | undefined;
  return ystate?.binding ? ystate : null;
}

/** The selection as an anchor the server can check: relative positions in the section's fragment. */
export function anchorForRange(state: EditorState, range: AnchorRange): ThreadAnchor | null {
  const ystate = syncState(state);
  if (!ystate) return null;
  const start = absolutePositionToRelativePosition(range.from, ystate.type, ystate.binding.mapping as never);
  const end = absolutePositionToRelativePosition(range.to, ystate.type, ystate.binding.mapping as never);
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
}

function resolveRelative(state: EditorState, encoded: string): number | null {
  const ystate = syncState(state);
  if (!ystate) return null;
  try {
    const position = Y.decodeRelativePosition(fromBase64(encoded));
    return relativePositionToAbsolutePosition(ystate.doc, ystate.type, position, ystate.binding.mapping as never);
  } catch {
    return null;
  }
}

/** Every place the quote stands whole inside one text block. */
function occurrences(doc: ProseMirrorNode, quote: string): AnchorRange[] {
  const found: AnchorRange[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const text = node.textBetween(0, node.content.size, undefined, "\uFFFC");
    for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
      // Text positions inside a text block of only text and marks: offset + 1 for the block's opening.
      found.push({ from: pos + 1 + at, to: pos + 1 + at + quote.length });
    }
    return false;
  });
  return found;
}

/** The thread's words now, or null when they cannot be found (detached). */
export function locateThread(state: EditorState, anchor: ThreadAnchor, quote: string): AnchorRange | null {
  const from = resolveRelative(state, anchor.start);
  const to = resolveRelative(state, anchor.end);
  const size = state.doc.content.size;
  if (from !== null && to !== null && from < to && to <= size && state.doc.textBetween(from, to) === quote) return { from, to };
  const near = from ?? to ?? 0;
  const candidates = occurrences(state.doc, quote);
  if (candidates.length === 0) return null;
  return candidates.reduce((best, c) => (Math.abs(c.from - near) < Math.abs(best.from - near) ? c : best));
}
