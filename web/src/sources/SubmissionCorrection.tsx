/**
 * Correcting a filed submission in place (admins and regional staff): the same fields as filing,
 * filled with what was filed; its files stay. The server decides who may (every country it names
 * and will name must be theirs to file for) and says why not; the trail keeps what it said before.
 */
import { Button } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { api, type Submission } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { queries, queryKeys } from "../query.ts";
import { fieldsOf, SubmissionFieldInputs } from "./SubmissionFieldInputs.tsx";

export function SubmissionCorrection({ submission, onDone }: { submission: Submission; onDone: () => void }) {
  const client = useQueryClient();
  const idPrefix = useId().replace(/:/g, "");
  const coverage = useQuery(queries.sourceCoverage(submission.cycleYear));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (form: FormData) => api.correctSubmission(submission.id, fieldsOf(form)),
    onSuccess: () => {
      // Its old and new countries' panels, the coverage and the lists.
      void client.invalidateQueries({ queryKey: queryKeys.sources(submission.cycleYear) });
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === "document" && q.queryKey[2] === "sources" });
      onDone();
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const issue = form.getAll("countries").length === 0 ? "Choose at least one country." : null;
    setProblem(issue);
    if (!issue) save.mutate(form);
  };
  if (coverage.isPending) return <p className="text-base-dark">Loading the countries…</p>;
  if (coverage.isError) return <ErrorAlert error={coverage.error} heading="Could not load the countries" />;
  return (
    <form onSubmit={submit} data-testid="submission-correction" noValidate aria-label={`Correct the submission from ${submission.organisation}`}>
      <SubmissionFieldInputs coverage={coverage.data} idPrefix={idPrefix} initial={submission} />
      <p className="text-base-dark">Its files stay as filed.</p>
      {problem ? (
        <p className="usa-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      {save.isError ? <ErrorAlert error={save.error} heading="The correction was not saved" /> : null}
      <Button type="submit" className="margin-top-1" disabled={save.isPending} data-testid="correction-save">
        {save.isPending ? "Saving…" : "Save the correction"}
      </Button>
      <Button type="button" outline className="margin-top-1" onClick={onDone} disabled={save.isPending}>
        Cancel
      </Button>
    </form>
  );
}
