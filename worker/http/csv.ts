/**
 * CSV for spreadsheets, safe against formula injection: a cell that starts with `=`, `+`, `-`, `@`,
 * tab or CR, or has a line break followed by one of those (a spreadsheet may start a formula on any
 * line of a cell), gets a leading `'`. papaparse's own `escapeFormulae` looks only at the first
 * character, so it is not used.
 */
import Papa from "papaparse";

const FORMULA_START = /(^|[\r\n])[=+\-@\t\r]/;

/** The cell as written: null/undefined empty, anything else as text, a formula-like text behind a `'`. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Rows (no header) as CSV with CRLF line ends, every cell passed through `csvCell`. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return Papa.unparse(
    rows.map((row) => row.map(csvCell)),
    { newline: "\r\n", escapeFormulae: false },
  );
}
