/**
 * The flow every CSV import page shares: paste or pick a file, check it (a dry run), then import.
 * A real run the server refuses for rejected rows carries its report, shown like a check; the
 * import is offered only while the checked text is the text in the box.
 */
import { useMutation } from "@tanstack/react-query";
import { type ChangeEvent, useState } from "react";
import { ApiError } from "../api.ts";

/** What useCsvImport gives a page (and CsvImportForm). */
export type CsvImport<Report> = ReturnType<typeof useCsvImport<Report>>;

export function useCsvImport<Report>(send: (csv: string, dryRun: boolean) => Promise<Report>, onImported: (report: Report) => unknown) {
  const [csv, setCsv] = useState("");
  const [checked, setChecked] = useState<{ csv: string; report: Report } | null>(null);
  const [imported, setImported] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = useMutation({ mutationFn: (input: { csv: string; dryRun: boolean }) => send(input.csv, input.dryRun) });

  const run = async (dryRun: boolean) => {
    setError(null);
    setImported(null);
    try {
      const report = await upload.mutateAsync({ csv, dryRun });
      if (dryRun) setChecked({ csv, report });
      else {
        setImported(report);
        setChecked(null);
        await onImported(report);
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === "import_rejected" && e.details) setChecked({ csv, report: e.details as Report });
      setError(e);
    }
  };
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setCsv(await file.text());
  };
  const checkedReport = checked !== null && checked.csv === csv ? checked.report : null;
  return { csv, setCsv, checked, imported, error, run, readFile, checkedReport, busy: upload.isPending };
}
