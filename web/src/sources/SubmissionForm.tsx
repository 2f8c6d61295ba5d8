/**
 * Filing one submission (admins and regional staff): who sent it, when, which countries (those the
 * filer may see), topics, a summary, files or a link. Files are checked here first (size, kind by
 * name) so a person learns before sending; the worker checks again, by the bytes.
 */
import { Button, Checkbox, Fieldset } from "@trussworks/react-uswds";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { api, type SourceCoverage, type Submission } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { queryKeys } from "../query.ts";
import { SOURCE_TOPIC_LABELS, SOURCE_TOPICS, SUBMISSION_FILE_FIELD, SUBMISSION_FILE_MAX_BYTES, SUBMISSION_MAX_FILES } from "#shared/sources.ts";

const ACCEPT =
  ".pdf,.docx,.png,.jpg,.jpeg,.gif,.webp,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/png,image/jpeg,image/gif,image/webp";

function fileProblem(files: File[]): string | null {
  if (files.length > SUBMISSION_MAX_FILES) return `Attach at most ${SUBMISSION_MAX_FILES} files.`;
  const big = files.find((f) => f.size > SUBMISSION_FILE_MAX_BYTES);
  if (big) return `"${big.name}" is larger than ${SUBMISSION_FILE_MAX_BYTES / 1024 / 1024} MB, the most one file may be.`;
  return null;
}

export function SubmissionForm({ year, coverage, onFiled }: { year: number; coverage: SourceCoverage; onFiled: (s: Submission) => void }) {
  const client = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const countries = coverage.regions.flatMap((r) => r.counts.map((c) => ({ ...c, region: r.name }))).sort((a, b) => a.name.localeCompare(b.name));
  const file = useMutation({
    mutationFn: (form: FormData) => api.fileSubmission(year, form),
    onSuccess: (filed) => {
      formRef.current?.reset();
      void client.invalidateQueries({ queryKey: queryKeys.sources(year) });
      for (const c of filed.countries) void client.invalidateQueries({ queryKey: ["document", `${year}-${c.id}`, "sources"] });
      onFiled(filed);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const files = form.getAll(SUBMISSION_FILE_FIELD).filter((f): f is File => f instanceof File && f.size > 0);
    const issue = fileProblem(files) ?? (form.getAll("countries").length === 0 ? "Choose at least one country." : null);
    setProblem(issue);
    if (!issue) file.mutate(form);
  };
  return (
    <form ref={formRef} onSubmit={submit} data-testid="submission-form" noValidate>
      <label className="usa-label" htmlFor="sub-org">
        Organisation or person who sent it
      </label>
      <input id="sub-org" name="organisation" className="usa-input" required maxLength={200} />
      <label className="usa-label" htmlFor="sub-contact">
        Contact (optional)
      </label>
      <input id="sub-contact" name="contact" className="usa-input" maxLength={300} />
      <label className="usa-label" htmlFor="sub-received">
        Received on
      </label>
      <input id="sub-received" name="receivedOn" className="usa-input" type="date" required defaultValue={new Date().toISOString().slice(0, 10)} />
      <label className="usa-label" htmlFor="sub-countries">
        Countries it concerns (hold Ctrl or ⌘ to choose several)
      </label>
      <select id="sub-countries" name="countries" className="usa-select tip-multiselect" multiple required size={8}>
        {countries.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.region})
          </option>
        ))}
      </select>
      <Fieldset legend="Topics" className="margin-top-2">
        {SOURCE_TOPICS.map((t) => (
          <Checkbox key={t} id={`sub-topic-${t}`} name="topics" value={t} label={SOURCE_TOPIC_LABELS[t]} />
        ))}
      </Fieldset>
      <label className="usa-label" htmlFor="sub-summary">
        Summary
      </label>
      <textarea id="sub-summary" name="summary" className="usa-textarea" required maxLength={5000} rows={4} />
      <label className="usa-label" htmlFor="sub-link">
        Link (optional)
      </label>
      <input id="sub-link" name="link" className="usa-input" type="url" placeholder="https://" />
      <label className="usa-label" htmlFor="sub-files">
        Files (PDF, Word, PNG, JPEG, GIF or WebP; up to {SUBMISSION_MAX_FILES}, each at most {SUBMISSION_FILE_MAX_BYTES / 1024 / 1024} MB)
      </label>
      <input id="sub-files" name={SUBMISSION_FILE_FIELD} className="usa-file-input" type="file" multiple accept={ACCEPT} />
      {problem ? (
        <p className="usa-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      {file.isError ? <ErrorAlert error={file.error} heading="The submission was not filed" /> : null}
      <Button type="submit" className="margin-top-2" disabled={file.isPending}>
        {file.isPending ? "Filing…" : "File the submission"}
      </Button>
    </form>
  );
}
