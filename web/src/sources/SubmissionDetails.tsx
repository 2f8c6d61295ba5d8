/** One submission in full: who sent it, when, which countries and topics, its summary, link and files (downloads, never opened inline). */
import type { Submission } from "../api.ts";
import { longDate } from "../format.ts";
import { SOURCE_TOPIC_LABELS } from "#shared/sources.ts";

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function topicList(submission: Pick<Submission, "topics">): string {
  return submission.topics.map((t) => SOURCE_TOPIC_LABELS[t]).join(", ") || "No topic";
}

export function SubmissionDetails({ submission }: { submission: Submission }) {
  return (
    <dl className="tip-submission-details" data-testid="submission-details">
      <dt>From</dt>
      <dd>
        {submission.organisation}
        {submission.contact ? ` (${submission.contact})` : ""}
      </dd>
      <dt>Received</dt>
      <dd>{longDate(submission.receivedOn)}</dd>
      <dt>Countries</dt>
      <dd>{submission.countries.map((c) => c.name).join(", ")}</dd>
      <dt>Topics</dt>
      <dd>{topicList(submission)}</dd>
      <dt>Summary</dt>
      <dd className="tip-submission-details__summary">{submission.summary}</dd>
      {submission.link ? (
        <>
          <dt>Link</dt>
          <dd>
            <a href={submission.link} className="usa-link" rel="noopener noreferrer nofollow" target="_blank">
              {submission.link}
            </a>
          </dd>
        </>
      ) : null}
      {submission.files.length ? (
        <>
          <dt>Files</dt>
          <dd>
            <ul className="usa-list usa-list--unstyled">
              {submission.files.map((f) => (
                <li key={f.id}>
                  <a href={f.href} className="usa-link" download={f.fileName} data-testid="submission-file">
                    {f.fileName}
                  </a>{" "}
                  <span className="text-base-dark">({kb(f.bytes)})</span>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      <dt>Filed</dt>
      <dd>
        by {submission.filedBy.name}, {longDate(submission.filedAt)}
      </dd>
    </dl>
  );
}
