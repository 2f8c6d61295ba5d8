/**
 * Asks the worker to compile the report and follows its progress: the route streams one JSON line
 * per document it has read (`?progress=ndjson`), then the file itself (base64) or an error that
 * names the document that failed. Without a stream to follow, a report of 208 documents would
 * leave the page silent for seconds.
 */
import type { ErrorCode } from "#shared/api/error-codes.ts";
import type { ReportEdition, ReportFormat, ReportProgressLine } from "#shared/api/report.ts";
import { ApiError } from "../api.ts";

export interface CompileProgress {
  done: number;
  total: number;
  title: string;
}

export interface CompiledReport {
  blob: Blob;
  filename: string;
  format: ReportFormat;
}

export function reportUrl(year: number, format: ReportFormat, edition: ReportEdition, progress = false): string {
  return `/api/cycles/${year}/report.${format}?edition=${edition}${progress ? "&progress=ndjson" : ""}`;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function refusal(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { code?: ErrorCode; message?: string; details?: unknown; requestId?: string } }
    | undefined;
  return new ApiError(
    response.status,
    body?.error?.code ?? `http_${response.status}`,
    body?.error?.message ?? `The server could not compile the report (HTTP ${response.status}).`,
    body?.error?.requestId ?? response.headers.get("X-Request-Id") ?? undefined,
    body?.error?.details,
  );
}

/** Lines of a stream of text, as they complete. */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield line;
      newline = buffered.indexOf("\n");
    }
  }
  if (buffered.trim()) yield buffered.trim();
}

export async function compileReport(
  year: number,
  format: ReportFormat,
  edition: ReportEdition,
  onProgress: (progress: CompileProgress) => void,
  signal?: AbortSignal,
): Promise<CompiledReport> {
  let response: Response;
  try {
    response = await fetch(reportUrl(year, format, edition, true), { credentials: "same-origin", headers: { Accept: "application/x-ndjson" }, signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network_error", "Could not reach the TIP Clearance server. Check your connection and try again.");
  }
  if (!response.ok) throw await refusal(response);
  if (!response.body) throw new ApiError(response.status, "bad_response", "The server sent no report.");
  for await (const text of lines(response.body)) {
    let line: ReportProgressLine;
    try {
      line = JSON.parse(text) as ReportProgressLine;
    } catch {
      throw new ApiError(response.status, "bad_response", "The server's progress report could not be read.");
    }
    if (line.type === "progress") onProgress({ done: line.done, total: line.total, title: line.title });
    else if (line.type === "error") throw new ApiError(500, line.error.code, line.error.message, undefined, line.error.details);
    else return { blob: new Blob([decodeBase64(line.base64)], { type: line.contentType }), filename: line.filename, format: line.format };
  }
  throw new ApiError(response.status, "incomplete_report", "The report stopped before it was complete. Try again.");
}
