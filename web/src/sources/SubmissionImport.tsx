/** A batch of submissions from CSV: "Check" is a dry run listing every row's outcome; "File all" is offered after a clean check of the same text. */
import { Button, ButtonGroup } from "@trussworks/react-uswds";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent } from "react";
import { ApiError, api, type SubmissionImportReport } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { plural } from "../format.ts";
import { queryKeys } from "../query.ts";

const EXAMPLE =
  'organisation,contact,received_on,countries,topics,summary,link\nExample NGO,info@ngo.example,2025-01-10,Nigeria;Ghana,prosecution;protection,"Court monitoring in Lagos and Accra",https://ngo.example/report';

export function SubmissionImport({ year }: { year: number }) {
  const client = useQueryClient();
  const [csv, setCsv] = useState("");
  const [checked, setChecked] = useState<{ csv: string; report: SubmissionImportReport } | null>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => api.importSubmissions(year, csv, dryRun),
    onSuccess: (report) => {
      setChecked({ csv, report });
      if (report.applied) {
        void client.invalidateQueries({ queryKey: queryKeys.sources(year) });
        void client.invalidateQueries({ queryKey: ["document"] });
      }
    },
  });
  const rejectedReport = run.error instanceof ApiError && run.error.code === "import_rejected" ? (run.error.details as SubmissionImportReport) : null;
  const report = rejectedReport ?? checked?.report ?? null;
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setCsv(await file.text());
  };
  const clean = checked && checked.csv === csv && !checked.report.applied && checked.report.counts.rejected === 0 && checked.report.counts.accepted > 0;
  return (
    <div data-testid="submission-import">
      <p>
        One submission per row: <code>organisation,contact,received_on,countries,topics,summary,link</code>; countries and topics separated by <code>;</code>.
        Files are attached one by one with the form.
      </p>
      <label className="usa-label" htmlFor="import-file">
        CSV file
      </label>
      <input id="import-file" className="usa-file-input" type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e)} />
      <label className="usa-label" htmlFor="import-text">
        Or paste the CSV
      </label>
      <textarea
        id="import-text"
        className="usa-textarea"
        rows={6}
        value={csv}
        placeholder={EXAMPLE}
        onChange={(e) => setCsv(e.target.value)}
        data-testid="import-text"
      />
      <ButtonGroup className="margin-top-2">
        <Button type="button" outline disabled={!csv.trim() || run.isPending} onClick={() => run.mutate(true)} data-testid="import-check">
          Check (files nothing)
        </Button>
        <Button type="button" disabled={!clean || run.isPending} onClick={() => run.mutate(false)} data-testid="import-apply">
          File all
        </Button>
      </ButtonGroup>
      {run.isError && !rejectedReport ? <ErrorAlert error={run.error} heading="The file could not be read" /> : null}
      {report ? <ImportReport report={report} /> : null}
    </div>
  );
}

function ImportReport({ report }: { report: SubmissionImportReport }) {
  return (
    <div className="margin-top-2" data-testid="import-report">
      <p className="text-bold" data-testid="import-summary">
        {report.applied
          ? `Filed ${plural(report.counts.accepted, "submission")}.`
          : `${report.dryRun ? "Check" : "Nothing filed"}: ${report.counts.accepted} accepted, ${report.counts.rejected} rejected.`}
      </p>
      {report.rejected.length ? (
        <ul className="usa-list">
          {report.rejected.map((r) => (
            <li key={r.line} data-testid={`import-rejected-${r.line}`}>
              Line {r.line} ({r.organisation || "no organisation"}): {r.reasons.join("; ")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
