/**
 * The fields a submission is filed and corrected with: who sent it, when, which countries (those
 * the reader may see, from the coverage list), topics, summary, link. Uncontrolled inputs named as
 * the API's fields, so the form's FormData is what is sent; `initial` fills them for a correction.
 */
import { Checkbox, Fieldset } from "@trussworks/react-uswds";
import type { SourceCoverage, Submission, SubmissionFields } from "../api.ts";
import { SOURCE_TOPIC_LABELS, SOURCE_TOPICS, type SourceTopic } from "#shared/sources.ts";

interface Props {
  coverage: SourceCoverage;
  /** Prefix of the inputs' ids (two forms may share a page). */
  idPrefix: string;
  initial?: Submission;
}

export function SubmissionFieldInputs({ coverage, idPrefix: p, initial }: Props) {
  const countries = coverage.regions.flatMap((r) => r.counts.map((c) => ({ ...c, region: r.name }))).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <label className="usa-label" htmlFor={`${p}-org`}>
        Organisation or person who sent it
      </label>
      <input id={`${p}-org`} name="organisation" className="usa-input" required maxLength={200} defaultValue={initial?.organisation} />
      <label className="usa-label" htmlFor={`${p}-contact`}>
        Contact (optional)
      </label>
      <input id={`${p}-contact`} name="contact" className="usa-input" maxLength={300} defaultValue={initial?.contact} />
      <label className="usa-label" htmlFor={`${p}-received`}>
        Received on
      </label>
      <input
        id={`${p}-received`}
        name="receivedOn"
        className="usa-input"
        type="date"
        required
        defaultValue={initial?.receivedOn ?? new Date().toISOString().slice(0, 10)}
      />
      <label className="usa-label" htmlFor={`${p}-countries`}>
        Countries it concerns (hold Ctrl or ⌘ to choose several)
      </label>
      <select
        id={`${p}-countries`}
        name="countries"
        className="usa-select tip-multiselect"
        multiple
        required
        size={8}
        defaultValue={initial?.countries.map((c) => c.id)}
      >
        {countries.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.region})
          </option>
        ))}
      </select>
      <Fieldset legend="Topics" className="margin-top-2">
        {SOURCE_TOPICS.map((t) => (
          <Checkbox key={t} id={`${p}-topic-${t}`} name="topics" value={t} label={SOURCE_TOPIC_LABELS[t]} defaultChecked={initial?.topics.includes(t)} />
        ))}
      </Fieldset>
      <label className="usa-label" htmlFor={`${p}-summary`}>
        Summary
      </label>
      <textarea id={`${p}-summary`} name="summary" className="usa-textarea" required maxLength={5000} rows={4} defaultValue={initial?.summary} />
      <label className="usa-label" htmlFor={`${p}-link`}>
        Link (optional)
      </label>
      <input id={`${p}-link`} name="link" className="usa-input" type="url" placeholder="https://" defaultValue={initial?.link ?? undefined} />
    </>
  );
}

/** The fields as the API takes them (a correction is JSON; a filing sends the FormData itself). */
export function fieldsOf(form: FormData): SubmissionFields {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  return {
    organisation: text("organisation"),
    contact: text("contact"),
    receivedOn: text("receivedOn"),
    countries: form.getAll("countries").map(String),
    topics: form.getAll("topics").map(String) as SourceTopic[],
    summary: text("summary"),
    link: text("link") || null,
  };
}
