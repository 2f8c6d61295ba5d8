/** One thread in the margin: its words, what was said, the replies, and what the reader may do with it. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import type { CommentThread, ThreadDecision } from "../../api.ts";
import { api } from "../../api.ts";
import { errorMessage } from "../../components/ErrorAlert.tsx";
import { dateTime } from "../../format.ts";
import { queryKeys } from "../../query.ts";
import { THREAD_STATE_LABELS } from "./thread-labels.ts";

interface Props {
  thread: CommentThread;
  detached: boolean;
  active: boolean;
  onActivate: () => void;
}

export function ThreadCard({ thread, detached, active, onActivate }: Props) {
  const client = useQueryClient();
  const replyId = useId();
  const reasonId = useId();
  const [reply, setReply] = useState("");
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.comments(thread.documentId) });
  const change = useMutation({
    mutationFn: (run: () => Promise<CommentThread>) => run(),
    onSuccess: () => refresh(),
    // A refused accept marks the suggestion outdated on the server: show that too.
    onError: () => refresh(),
  });
  const decide = (decision: ThreadDecision, why?: string) => change.mutate(() => api.decideComment(thread.documentId, thread.id, decision, why));
  const sendReply = (event: FormEvent) => {
    event.preventDefault();
    if (!reply.trim()) return;
    change.mutate(() => api.replyToComment(thread.documentId, thread.id, reply.trim()), { onSuccess: () => setReply("") });
  };
  const sendReject = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return;
    change.mutate(() => api.decideComment(thread.documentId, thread.id, "reject", reason.trim()), { onSuccess: () => setRejecting(false) });
  };
  const open = thread.state === "open" || thread.state === "reopened";
  return (
    <article
      className={`tip-thread${active ? " is-active" : ""}${open ? "" : " is-closed"}`}
      aria-label={`${thread.kind === "suggestion" ? "Suggestion" : "Comment"} by ${thread.author.name} on “${thread.quote}”`}
      data-testid={`thread-${thread.id}`}
      data-thread-card={thread.id}
      onFocus={onActivate}
      onMouseEnter={onActivate}
    >
      <p className="tip-thread__meta">
        <strong>{thread.author.name}</strong> · {dateTime(thread.createdAt)}
        {thread.blocking ? <span className="usa-tag tip-thread__tag bg-secondary-dark">Blocking</span> : null}
        <span className="tip-thread__state">{THREAD_STATE_LABELS[thread.state]}</span>
      </p>
      <blockquote className="tip-thread__quote">
        {detached ? <span className="tip-thread__detached">Words no longer in the text: </span> : null}“{thread.quote}”
      </blockquote>
      {thread.kind === "suggestion" ? (
        <p className="tip-thread__suggestion">
          Replace with <ins>“{thread.replacement}”</ins>
        </p>
      ) : null}
      <p className="tip-thread__body">{thread.body}</p>
      {thread.decisionReason ? <p className="tip-thread__reason">Reason: {thread.decisionReason}</p> : null}
      {thread.replies.length > 0 ? (
        <ul className="tip-thread__replies" aria-label="Replies">
          {thread.replies.map((r) => (
            <li key={r.id}>
              <strong>{r.author.name}</strong>: {r.body}
            </li>
          ))}
        </ul>
      ) : null}
      {change.isError ? (
        <p className="usa-error-message" role="alert">
          {errorMessage(change.error)}
        </p>
      ) : null}
      <div className="tip-thread__actions">
        {thread.youMay.accept ? (
          <button type="button" className="usa-button usa-button--outline tip-thread__button" disabled={change.isPending} onClick={() => decide("accept")}>
            Accept
          </button>
        ) : null}
        {thread.youMay.reject ? (
          <button
            type="button"
            className="usa-button usa-button--unstyled tip-thread__button"
            aria-expanded={rejecting}
            onClick={() => setRejecting((r) => !r)}
          >
            Reject…
          </button>
        ) : null}
        {thread.youMay.resolve ? (
          <button type="button" className="usa-button usa-button--outline tip-thread__button" disabled={change.isPending} onClick={() => decide("resolve")}>
            Resolve
          </button>
        ) : null}
        {thread.youMay.reopen ? (
          <button type="button" className="usa-button usa-button--unstyled tip-thread__button" disabled={change.isPending} onClick={() => decide("reopen")}>
            Reopen
          </button>
        ) : null}
      </div>
      {rejecting ? (
        <form onSubmit={sendReject} className="tip-thread__form">
          <label className="usa-label" htmlFor={reasonId}>
            Why reject it?
          </label>
          <input id={reasonId} className="usa-input" value={reason} onChange={(e) => setReason(e.target.value)} required />
          <button type="submit" className="usa-button tip-thread__button" disabled={!reason.trim() || change.isPending}>
            Reject suggestion
          </button>
        </form>
      ) : null}
      {thread.youMay.reply ? (
        <form onSubmit={sendReply} className="tip-thread__form">
          <label className="usa-label" htmlFor={replyId}>
            Reply
          </label>
          <textarea id={replyId} className="usa-textarea tip-thread__textarea" value={reply} onChange={(e) => setReply(e.target.value)} rows={2} />
          <button type="submit" className="usa-button usa-button--outline tip-thread__button" disabled={!reply.trim() || change.isPending}>
            Send reply
          </button>
        </form>
      ) : null}
    </article>
  );
}
