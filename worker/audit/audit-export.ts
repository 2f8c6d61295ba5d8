/**
 * The audit trail as files an outside party can re-verify: JSON lines (exact values) or CSV (for
 * spreadsheets). Column names are the hashed field names, so docs/audit.md's recipe applies to either.
 */
import { EXPORT_FORMATS, type ExportFormat } from "#shared/audit.ts";
import type { Database } from "../db/client.ts";
import { toCsv } from "../http/csv.ts";
import { allAuditEvents, type AuditEventRow, type AuditFilters } from "./audit-queries.ts";

export { EXPORT_FORMATS, type ExportFormat };

export const CSV_COLUMNS = [
  "seq",
  "at",
  "actorUserId",
  "actorEmail",
  "action",
  "subjectType",
  "subjectId",
  "documentId",
  "documentVersion",
  "snapshotHash",
  "comment",
  "requestId",
  "details",
  "prevHash",
  "hash",
] as const satisfies readonly (keyof AuditEventRow)[];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

function csvRows(events: AuditEventRow[]): unknown[][] {
  return events.map((e) => CSV_COLUMNS.map((column) => (column === "details" ? JSON.stringify(e.details) : e[column])));
}

function formatPage(format: ExportFormat, events: AuditEventRow[], first: boolean): string {
  if (format === "jsonl") return events.map((e) => `${JSON.stringify(e)}\n`).join("");
  // A cell starting with = + - @ tab or CR, or with such a character after a line break, gets a leading '
  // so a spreadsheet does not run it as a formula (worker/http/csv.ts); JSON lines keep exact values.
  const body = toCsv(csvRows(events));
  return `${first ? `${CSV_COLUMNS.join(",")}\r\n` : ""}${body}\r\n`;
}

/** Streams the matching events, oldest first, a page at a time. */
export function exportAuditEvents(db: Database, filters: AuditFilters, format: ExportFormat): ReadableStream<Uint8Array> {
  const pages = allAuditEvents(db, filters);
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pages.next();
      if (next.done) {
        if (first && format === "csv") controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\r\n`));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(formatPage(format, next.value, first)));
      first = false;
    },
  });
}
