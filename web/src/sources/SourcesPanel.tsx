/**
 * Beside a narrative's text: the submissions concerning its country, newest first, filtered by
 * topic; each opens in place (details and files), and "Cite" puts a numbered note at the caret of
 * the section editor last in focus.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Submission } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { longDate, plural } from "../format.ts";
import { queries } from "../query.ts";
import { mayFileSubmissionsWith, SOURCE_TOPIC_LABELS, SOURCE_TOPICS, type SourceTopic } from "#shared/sources.ts";
import { SubmissionCorrection } from "./SubmissionCorrection.tsx";
import { SubmissionDetails, topicList } from "./SubmissionDetails.tsx";

interface Props {
  documentId: string;
  /** The section the caret is in (its label), or null when no editor has been focused yet. */
  citeTarget: string | null;
  /** False while the text is read-only for the reader. */
  mayCite: boolean;
  onCite: (submission: Submission) => void;
}

export function SourcesPanel({ documentId, citeTarget, mayCite, onCite }: Props) {
  const filterId = useId();
  const [topic, setTopic] = useState<SourceTopic | undefined>(undefined);
  const [openId, setOpenId] = useState<string | null>(null);
  const [cited, setCited] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  // A hint only: the server decides, per submission, and says why not.
  const me = useQuery(queries.me());
  const mayCorrect = me.data ? mayFileSubmissionsWith(me.data.grants) : false;
  const list = useQuery({ ...queries.documentSources(documentId, topic), placeholderData: keepPreviousData });
  const submissions = list.data?.submissions ?? [];
  return (
    <section className="tip-panel tip-sources" aria-labelledby={`${filterId}-title`} data-testid="sources-panel">
      <h2 id={`${filterId}-title`} className="tip-panel__title">
        Sources {list.data ? <span className="text-normal text-base-dark">({list.data.total})</span> : null}
      </h2>
      <label className="usa-label margin-top-0" htmlFor={filterId}>
        Topic
      </label>
      <select
        id={filterId}
        className="usa-select"
        value={topic ?? ""}
        onChange={(e) => setTopic((e.target.value || undefined) as SourceTopic | undefined)}
        data-testid="sources-topic"
      >
        <option value="">All topics</option>
        {SOURCE_TOPICS.map((t) => (
          <option key={t} value={t}>
            {SOURCE_TOPIC_LABELS[t]}
          </option>
        ))}
      </select>
      {mayCite ? (
        <p className="tip-sources__hint" aria-live="polite" data-testid="cite-target">
          {citeTarget ? `"Cite" adds a note at the caret in ${citeTarget}.` : "Click in the text where the note belongs, then choose Cite."}
        </p>
      ) : null}
      {list.isPending ? <p className="text-base-dark">Loading submissions…</p> : null}
      {list.isError ? <ErrorAlert error={list.error} heading="Could not load the submissions" /> : null}
      {list.data && submissions.length === 0 ? (
        <p className="text-base-dark">{topic ? "No submission on this topic." : "No submission concerns this country yet."}</p>
      ) : null}
      <ol className="tip-sources__list">
        {submissions.map((s) => (
          <li key={s.id} className="tip-sources__item" data-testid="source-item" data-submission-id={s.id}>
            <button
              type="button"
              className="usa-button usa-button--unstyled tip-sources__open"
              aria-expanded={openId === s.id}
              onClick={() => setOpenId(openId === s.id ? null : s.id)}
            >
              {s.organisation}
            </button>
            <span className="tip-sources__meta">
              {longDate(s.receivedOn)} · {topicList(s)}
              {s.files.length ? ` · ${plural(s.files.length, "file")}` : ""}
            </span>
            {correcting === s.id ? (
              <SubmissionCorrection submission={s} onDone={() => setCorrecting(null)} />
            ) : openId === s.id ? (
              <>
                <SubmissionDetails submission={s} />
                {mayCorrect ? (
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled margin-right-3"
                    onClick={() => setCorrecting(s.id)}
                    aria-label={`Correct the submission from ${s.organisation}`}
                    data-testid="correct-button"
                  >
                    Correct
                  </button>
                ) : null}
              </>
            ) : (
              <p className="tip-sources__summary">{s.summary}</p>
            )}
            {mayCite ? (
              <button
                type="button"
                className="usa-button usa-button--outline usa-button--small tip-sources__cite"
                disabled={!citeTarget}
                aria-label={`Cite ${s.organisation}, ${longDate(s.receivedOn)}`}
                onClick={() => {
                  onCite(s);
                  setCited(s.id);
                }}
                data-testid="cite-button"
              >
                Cite
              </button>
            ) : null}
            {cited === s.id ? (
              <span className="tip-sources__cited" role="status">
                Cited
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
