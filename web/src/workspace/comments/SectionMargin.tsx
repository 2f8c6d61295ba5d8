/**
 * The margin of one section: its threads beside their words (cards placed at the height of the
 * words they are about, pushed down where they would overlap), detached ones below, and the form
 * for a new comment or suggestion on the words selected in the text. Readers may comment too.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent } from "react";
import type { CommentThread } from "../../api.ts";
import { api } from "../../api.ts";
import { errorMessage } from "../../components/ErrorAlert.tsx";
import { queryKeys } from "../../query.ts";
import { anchorForRange, type AnchorRange } from "./anchors.ts";
import { commentHighlightsKey, threadRanges } from "./comment-highlights.ts";
import { ThreadCard } from "./ThreadCard.tsx";

interface Props {
  editor: Editor;
  documentId: string;
  sectionKey: string;
  sectionLabel: string;
  threads: CommentThread[];
  /** Clearers and leadership may mark a comment blocking. */
  mayBlock: boolean;
  /** Suggestions make sense only for text one could replace; readers may still suggest. */
  activeId: string | null;
  onActivate: (id: string | null) => void;
}

interface Selected extends AnchorRange {
  quote: string;
}

/** The words selected in this editor (editable or not), read from the DOM selection. */
function useSelectedWords(editor: Editor): Selected | null {
  const [selected, setSelected] = useState<Selected | null>(null);
  useEffect(() => {
    const read = () => {
      const selection = document.getSelection();
      const dom = editor.view.dom;
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return setSelected(null);
      const range = selection.getRangeAt(0);
      if (!dom.contains(range.startContainer) || !dom.contains(range.endContainer)) return setSelected(null);
      try {
        const from = editor.view.posAtDOM(range.startContainer, range.startOffset);
        const to = editor.view.posAtDOM(range.endContainer, range.endOffset);
        const quote = editor.state.doc.textBetween(Math.min(from, to), Math.max(from, to));
        setSelected(quote.trim() ? { from: Math.min(from, to), to: Math.max(from, to), quote } : null);
      } catch {
        setSelected(null);
      }
    };
    document.addEventListener("selectionchange", read);
    return () => document.removeEventListener("selectionchange", read);
  }, [editor]);
  return selected;
}

export function SectionMargin({ editor, documentId, sectionKey, sectionLabel, threads, mayBlock, activeId, onActivate }: Props) {
  const marginRef = useRef<HTMLDivElement>(null);
  const [tops, setTops] = useState<Map<string, number>>(new Map());
  const selected = useSelectedWords(editor);
  const [composing, setComposing] = useState<{ kind: "comment" | "suggestion"; words: Selected } | null>(null);

  // The threads go to the editor's highlight plugin (decorations only: nothing is written to the text).
  useEffect(() => {
    if (editor.isDestroyed) return;
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, { threads: threads.map((t) => ({ id: t.id, anchor: t.anchor, quote: t.quote })) }));
  }, [editor, threads]);
  useEffect(() => {
    if (editor.isDestroyed) return;
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, { activeId }));
  }, [editor, activeId]);

  const layout = useCallback(() => {
    const margin = marginRef.current;
    if (!margin || editor.isDestroyed) return;
    const base = margin.getBoundingClientRect().top;
    const ranges = threadRanges(editor.state);
    const next = new Map<string, number>();
    let floor = 0;
    const placed = threads
      .map((t) => ({ t, range: ranges.get(t.id) ?? null }))
      .filter((x): x is { t: CommentThread; range: AnchorRange } => x.range !== null)
      .sort((a, b) => a.range.from - b.range.from);
    for (const { t, range } of placed) {
      const wanted = Math.max(0, editor.view.coordsAtPos(range.from).top - base);
      const top = Math.max(wanted, floor);
      next.set(t.id, top);
      const card = margin.querySelector<HTMLElement>(`[data-thread-card="${t.id}"]`);
      floor = top + (card?.offsetHeight ?? 80) + 8;
    }
    setTops((before) => (sameTops(before, next) ? before : next));
  }, [editor, threads]);

  useLayoutEffect(layout);
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(layout);
    };
    editor.on("transaction", schedule);
    window.addEventListener("resize", schedule);
    return () => {
      cancelAnimationFrame(frame);
      editor.off("transaction", schedule);
      window.removeEventListener("resize", schedule);
    };
  }, [editor, layout]);

  const ranges = threadRanges(editor.state);
  const detached = threads.filter((t) => !ranges.get(t.id));
  const anchored = threads.filter((t) => ranges.get(t.id));
  const height = Math.max(0, ...[...tops.values()].map((top) => top + 160));

  return (
    <div className="tip-margin" aria-label={`Comments on ${sectionLabel}`} role="complementary">
      <div className="tip-margin__compose">
        <button
          type="button"
          className="usa-button usa-button--outline tip-thread__button"
          disabled={!selected}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => selected && setComposing({ kind: "comment", words: selected })}
        >
          Comment
        </button>
        <button
          type="button"
          className="usa-button usa-button--outline tip-thread__button"
          disabled={!selected}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => selected && setComposing({ kind: "suggestion", words: selected })}
        >
          Suggest
        </button>
        {!selected && !composing ? <span className="tip-margin__hint">Select words to comment</span> : null}
      </div>
      {composing ? (
        <Composer
          editor={editor}
          documentId={documentId}
          sectionKey={sectionKey}
          kind={composing.kind}
          words={composing.words}
          mayBlock={mayBlock}
          onDone={() => setComposing(null)}
        />
      ) : null}
      <div ref={marginRef} className="tip-margin__threads" style={{ minHeight: `${height}px` }}>
        {anchored.map((t) => (
          <div key={t.id} className="tip-margin__slot" style={{ top: `${tops.get(t.id) ?? 0}px` }}>
            <ThreadCard thread={t} detached={false} active={t.id === activeId} onActivate={() => onActivate(t.id)} />
          </div>
        ))}
      </div>
      {detached.map((t) => (
        <ThreadCard key={t.id} thread={t} detached active={t.id === activeId} onActivate={() => onActivate(t.id)} />
      ))}
    </div>
  );
}

function sameTops(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (Math.abs((b.get(k) ?? -1) - v) > 0.5) return false;
  return true;
}

function Composer(props: {
  editor: Editor;
  documentId: string;
  sectionKey: string;
  kind: "comment" | "suggestion";
  words: Selected;
  mayBlock: boolean;
  onDone: () => void;
}) {
  const { editor, documentId, sectionKey, kind, words, mayBlock, onDone } = props;
  const client = useQueryClient();
  const bodyId = useId();
  const replacementId = useId();
  const blockingId = useId();
  const [body, setBody] = useState("");
  const [replacement, setReplacement] = useState(words.quote);
  const [blocking, setBlocking] = useState(false);
  const create = useMutation({
    mutationFn: () => {
      const relative = anchorForRange(editor.state, words);
      return api.createComment(documentId, {
        sectionKey,
        kind,
        body: body.trim(),
        ...(kind === "suggestion" ? { replacement } : {}),
        ...(blocking ? { blocking: true } : {}),
        anchor: relative ? { relative, quote: words.quote } : { quote: words.quote },
      });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.comments(documentId) });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim()) create.mutate();
  };
  return (
    <form className="tip-thread tip-margin__composer" onSubmit={submit} aria-label={kind === "suggestion" ? "New suggestion" : "New comment"}>
      <blockquote className="tip-thread__quote">“{words.quote}”</blockquote>
      {kind === "suggestion" ? (
        <>
          <label className="usa-label margin-top-0" htmlFor={replacementId}>
            Replace with
          </label>
          <textarea
            id={replacementId}
            className="usa-textarea tip-thread__textarea"
            rows={2}
            value={replacement}
            onChange={(e) => setReplacement(e.target.value)}
          />
        </>
      ) : null}
      <label className="usa-label" htmlFor={bodyId}>
        {kind === "suggestion" ? "Why" : "Comment"}
      </label>
      <textarea id={bodyId} className="usa-textarea tip-thread__textarea" rows={3} value={body} onChange={(e) => setBody(e.target.value)} autoFocus />
      {mayBlock ? (
        <div className="usa-checkbox margin-top-1">
          <input id={blockingId} className="usa-checkbox__input" type="checkbox" checked={blocking} onChange={(e) => setBlocking(e.target.checked)} />
          <label className="usa-checkbox__label" htmlFor={blockingId}>
            Blocking: final clearance waits until it is resolved
          </label>
        </div>
      ) : null}
      {create.isError ? (
        <p className="usa-error-message" role="alert">
          {errorMessage(create.error)}
        </p>
      ) : null}
      <div className="margin-top-1">
        <button type="submit" className="usa-button tip-thread__button" disabled={!body.trim() || create.isPending}>
          {kind === "suggestion" ? "Suggest" : "Comment"}
        </button>
        <button type="button" className="usa-button usa-button--unstyled tip-thread__button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
