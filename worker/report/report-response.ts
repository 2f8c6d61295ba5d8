/**
 * Compiles a report into one of its files, and the two ways it leaves the Worker: the file itself,
 * or (`?progress=ndjson`) a stream of JSON lines, one `progress` line per document gathered, then
 * one `file` line carrying the file in base64, or one `error` line naming the document that failed
 * (shared/api/report.ts, ReportProgressLineSchema). Once a stream has started its status is 200,
 * so a failure can only be told in its last line.
 */
import type { ReportEdition, ReportFormat, ReportProgressLine } from "#shared/api/report.ts";
import { reportFilename } from "#shared/report-order.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import type { Env } from "../env.ts";
import { ApiError } from "../http/api-error.ts";
import { log } from "../http/log.ts";
import { buildReport } from "./compile.ts";
import { gatherReport, type OnProgress } from "./gather.ts";
import { renderReportDocx } from "./render-docx.ts";
import { renderReportHtml } from "./render-html.ts";

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  html: "text/html; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  json: "application/json; charset=utf-8",
};
export const NDJSON = "application/x-ndjson; charset=utf-8";

export interface ReportFile {
  format: ReportFormat;
  contentType: string;
  filename: string;
  body: string | ArrayBuffer;
}

export interface ReportRequest {
  year: number;
  edition: ReportEdition;
  format: ReportFormat;
  /** Whose view the closing tables are computed for (policy.ts: the caller, or every narrative for a published edition). */
  tablesReader: CurrentUser;
}

export async function compileReport(env: Env, request: ReportRequest, onProgress?: OnProgress): Promise<ReportFile> {
  const report = buildReport(await gatherReport(env, request.year, request.edition, request.tablesReader, onProgress));
  const body = request.format === "html" ? renderReportHtml(report) : request.format === "docx" ? await renderReportDocx(report) : JSON.stringify(report);
  return {
    format: request.format,
    contentType: REPORT_CONTENT_TYPES[request.format],
    filename: reportFilename(request.year, request.edition, request.format),
    body,
  };
}

/** HTML opens in the browser (to read and print); Word and JSON download. */
export function fileHeaders(file: ReportFile): Record<string, string> {
  const disposition = file.format === "html" ? "inline" : "attachment";
  return { "Content-Type": file.contentType, "Content-Disposition": `${disposition}; filename="${file.filename}"`, "Cache-Control": "no-store" };
}

function base64(body: string | ArrayBuffer): string {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : new Uint8Array(body);
  const parts: string[] = [];
  // Whole groups of three bytes per chunk, so the chunks' base64 joins into one.
  for (let at = 0; at < bytes.length; at += 0xc000) parts.push(btoa(String.fromCharCode(...bytes.subarray(at, at + 0xc000))));
  return parts.join("");
}

function errorLine(error: unknown, request: ReportRequest): ReportProgressLine {
  if (error instanceof ApiError) {
    const details = error.details && typeof error.details === "object" ? (error.details as Record<string, unknown>) : undefined;
    return { type: "error", error: { code: error.code, message: error.message, ...(details ? { details } : {}) } };
  }
  log("error", "report compile failed", {
    year: request.year,
    edition: request.edition,
    format: request.format,
    error: String(error),
    stack: (error as Error)?.stack,
  });
  return { type: "error", error: { code: "internal_error", message: "The report could not be compiled because of an error on our side." } };
}

/** Streams progress lines while compiling, then the file line (or the error line). */
export function progressResponse(env: Env, ctx: { waitUntil(promise: Promise<unknown>): void }, request: ReportRequest): Response {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const encoder = new TextEncoder();
  const send = (line: ReportProgressLine) => writer.write(encoder.encode(`${JSON.stringify(line)}\n`));
  const work = (async () => {
    try {
      const file = await compileReport(env, request, (p) => send({ type: "progress", ...p }));
      await send({ type: "file", format: file.format, contentType: file.contentType, filename: file.filename, base64: base64(file.body) });
    } catch (error) {
      // A reader that went away makes the writes fail too: the work stops there, and nobody is left to tell.
      await send(errorLine(error, request)).catch(() => {});
    } finally {
      await writer.close().catch(() => {});
    }
  })();
  ctx.waitUntil(work);
  return new Response(readable, { status: 200, headers: { "Content-Type": NDJSON, "Cache-Control": "no-store" } });
}
