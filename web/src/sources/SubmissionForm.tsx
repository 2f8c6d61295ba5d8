/**
 * Filing one submission (admins and regional staff): who sent it, when, which countries (those the
 * filer may see), topics, a summary, files or a link. Files are checked here first (size, kind by
 * name) so a person learns before sending; the worker checks again, by the bytes.
 */
import { Button } from "@trussworks/react-uswds";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { api, type SourceCoverage, type Submission } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { queryKeys } from "../query.ts";
import { SUBMISSION_FILE_FIELD, SUBMISSION_FILE_MAX_BYTES, SUBMISSION_MAX_FILES } from "#shared/sources.ts";
import { SubmissionFieldInputs } from "./SubmissionFieldInputs.tsx";

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
      <SubmissionFieldInputs coverage={coverage} idPrefix="sub" />
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
