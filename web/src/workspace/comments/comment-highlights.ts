/**
 * Threads drawn over the text as decorations, never as marks: a reader's editor writes nothing, and
 * the text's hash does not move when someone comments. The plugin also keeps where each thread's
 * words are now, for the margin to place its cards beside them.
 */
import { Extension } from "@tiptap/core";
import { isChangeOrigin } from "@tiptap/extension-collaboration";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { locateThread, type AnchorRange, type ThreadAnchor } from "./anchors.ts";

export interface HighlightedThread {
  id: string;
  anchor: ThreadAnchor;
  quote: string;
}

interface HighlightState {
  threads: HighlightedThread[];
  activeId: string | null;
  /** Where each thread's words are now; null when detached. */
  ranges: Map<string, AnchorRange | null>;
  decorations: DecorationSet;
}

export const commentHighlightsKey = new PluginKey<HighlightState>("commentHighlights");

interface Meta {
  threads?: HighlightedThread[];
  activeId?: string | null;
}

function decorate(state: EditorState, ranges: Map<string, AnchorRange | null>, activeId: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const [id, range] of ranges) {
    if (!range) continue;
    decorations.push(Decoration.inline(range.from, range.to, { class: id === activeId ? "tip-comment is-active" : "tip-comment", "data-thread": id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

function locateAll(state: EditorState, threads: HighlightedThread[]): Map<string, AnchorRange | null> {
  return new Map(threads.map((t) => [t.id, locateThread(state, t.anchor, t.quote)]));
}

function apply(tr: Transaction, value: HighlightState, newState: EditorState): HighlightState {
  const meta = tr.getMeta(commentHighlightsKey) as Meta | undefined;
  const threads = meta?.threads ?? value.threads;
  const activeId = meta && "activeId" in meta ? (meta.activeId ?? null) : value.activeId;
  // Others' edits and new threads: find every thread's words afresh (the relative positions say where).
  if (meta?.threads || (tr.docChanged && isChangeOrigin(tr))) {
    const ranges = locateAll(newState, threads);
    return { threads, activeId, ranges, decorations: decorate(newState, ranges, activeId) };
  }
  if (tr.docChanged) {
    // Own typing: the ranges move with the text.
    const ranges = new Map<string, AnchorRange | null>();
    for (const [id, range] of value.ranges) {
      if (!range) {
        ranges.set(id, null);
        continue;
      }
      const from = tr.mapping.map(range.from, 1);
      const to = tr.mapping.map(range.to, -1);
      ranges.set(id, from < to ? { from, to } : null);
    }
    return { threads, activeId, ranges, decorations: decorate(newState, ranges, activeId) };
  }
  if (activeId !== value.activeId) return { ...value, activeId, decorations: decorate(newState, value.ranges, activeId) };
  return value;
}

export const CommentHighlights = Extension.create({
  name: "commentHighlights",
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({ threads: [], activeId: null, ranges: new Map(), decorations: DecorationSet.empty }),
          apply: (tr, value, _old, newState) => apply(tr, value, newState),
        },
        props: { decorations: (state) => commentHighlightsKey.getState(state)?.decorations ?? DecorationSet.empty },
      }),
    ];
  },
});

export function threadRanges(state: EditorState): Map<string, AnchorRange | null> {
  return commentHighlightsKey.getState(state)?.ranges ?? new Map();
}
