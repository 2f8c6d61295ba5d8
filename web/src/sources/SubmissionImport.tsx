/** A batch of submissions from CSV: "Check" is a dry run listing every row's outcome; "File all" is offered after a clean check of the same text. */
import { useQueryClient } from "@tanstack/react-query";
import { api, type SubmissionImportReport } from "../api.ts";
import { CsvImportForm } from "../components/CsvImportForm.tsx";
import { useCsvImport } from "../components/csv-import.ts";
import { plural } from "../format.ts";
import { queryKeys } from "../query.ts";

const EXAMPLE =
  'organisation,contact,received_on,countries,topics,summary,link\nExample NGO,info@ngo.example,2025-01-10,Nigeria;Ghana,prosecution;protection,"Court monitoring in Lagos and Accra",https://ngo.example/report';

export function SubmissionImport({ year }: { year: number }) {
  const client = useQueryClient();
  const flow = useCsvImport<SubmissionImportReport>(
    (csv, dryRun) => api.importSubmissions(year, csv, dryRun),
    () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.sources(year) }), client.invalidateQueries({ queryKey: ["document"] })]),
  );
  const { checkedReport } = flow;
  const clean = checkedReport !== null && checkedReport.counts.rejected === 0;
  return (
    <div data-testid="submission-import">
      <p>
        One submission per row: <code>organisation,contact,received_on,countries,topics,summary,link</code>; countries and topics separated by <code>;</code>.
        Files are attached one by one with the form.
      </p>
      <CsvImportForm
        flow={flow}
        testIdPrefix="import"
        example={EXAMPLE}
        rows={6}
        checkLabel="Check (files nothing)"
        importLabel="File all"
        clean={clean}
        changes={checkedReport?.counts.accepted ?? 0}
        errorHeading="The file could not be read"
        quietRejection
        report={(report) => <ImportReport report={report} />}
      />
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
