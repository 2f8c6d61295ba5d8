/**
 * The form every CSV import page shares: pick a file or paste the text, "Check" (the dry run), then
 * "Import", with the page's own report of the checked or imported rows below. The import button is
 * the page's to enable (only after a clean check of the text in the box).
 */
import { Alert, AlertText, Button, ButtonGroup, Label, Textarea } from "@trussworks/react-uswds";
import { type ReactNode, useId } from "react";
import { ApiError } from "../api.ts";
import { plural } from "../format.ts";
import type { CsvImport } from "./csv-import.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";

type Props<Report> = {
  flow: CsvImport<Report>;
  /** Prefix of the test ids: `${prefix}-text`, `-check`, `-apply`, `-done`. */
  testIdPrefix: string;
  example: string;
  rows?: number;
  checkLabel?: string;
  importLabel?: string;
  /** The text in the box was checked with no rejected row. */
  clean: boolean;
  /** What an import of the checked text would write; Import is offered only after a clean check with some. */
  changes: number;
  /** Words of the line saying why Import is (not yet) offered, read with the button; none, no line. */
  hint?: { unit: string; nothing: string; rejected: string };
  errorHeading: string;
  /** The report already lists the rejected rows, so a refused import needs no second alert. */
  quietRejection?: boolean;
  done?: (imported: Report) => ReactNode;
  report: (report: Report) => ReactNode;
};

export function CsvImportForm<Report>(props: Props<Report>) {
  const { flow, testIdPrefix, clean, changes, hint, done, report } = props;
  const id = useId();
  const { csv, setCsv, checked, imported, error, run, readFile, busy } = flow;
  const rejection = error instanceof ApiError && error.code === "import_rejected" && error.details;
  return (
    <>
      <Label htmlFor={`${id}-file`}>CSV file</Label>
      <input id={`${id}-file`} className="usa-file-input" type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e)} />
      <Label htmlFor={`${id}-text`}>Or paste the CSV</Label>
      <Textarea
        id={`${id}-text`}
        name={`${testIdPrefix}-text`}
        className="maxw-full font-mono-xs"
        rows={props.rows ?? 10}
        placeholder={props.example}
        value={csv}
        onChange={(e) => setCsv(e.target.value)}
        data-testid={`${testIdPrefix}-text`}
      />
      <ButtonGroup className="margin-top-2">
        <Button type="button" onClick={() => void run(true)} disabled={busy || !csv.trim()} data-testid={`${testIdPrefix}-check`}>
          {props.checkLabel ?? "Check"}
        </Button>
        <Button
          type="button"
          outline
          onClick={() => void run(false)}
          disabled={busy || !clean || changes === 0}
          aria-describedby={hint ? `${id}-hint` : undefined}
          data-testid={`${testIdPrefix}-apply`}
        >
          {props.importLabel ?? "Import"}
        </Button>
      </ButtonGroup>
      {hint ? (
        <p id={`${id}-hint`} className="font-body-3xs text-base-dark">
          {clean
            ? changes
              ? `Ready: ${plural(changes, hint.unit)} to write.`
              : hint.nothing
            : `Import is offered after a check of this text with no rejected ${hint.rejected}.`}
        </p>
      ) : null}
      {error && !(props.quietRejection && rejection) ? <ErrorAlert error={error} heading={props.errorHeading} /> : null}
      {imported && done ? (
        <Alert type="success" slim data-testid={`${testIdPrefix}-done`}>
          <AlertText>{done(imported)}</AlertText>
        </Alert>
      ) : null}
      <div aria-live="polite">{imported ? report(imported) : checked ? report(checked.report) : null}</div>
    </>
  );
}
