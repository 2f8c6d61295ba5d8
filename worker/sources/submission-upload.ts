/**
 * A new submission's multipart upload: its fields and files, checked before anything is stored.
 * Each file is at most SUBMISSION_FILE_MAX_BYTES (413 `payload_too_large`), at most
 * SUBMISSION_MAX_FILES of them, and its type is read from its bytes (415 `file_type_refused` for
 * anything but PDF, Word, PNG, JPEG, GIF or WebP: HTML, SVG and scripts whatever their names).
 */
import type { Context } from "hono";
import { SubmissionFieldsSchema, type SubmissionFields } from "#shared/api/sources.ts";
import { sniffFile, type AllowedFileType } from "#shared/file-sniff.ts";
import { SUBMISSION_FILE_FIELD, SUBMISSION_FILE_MAX_BYTES, SUBMISSION_MAX_FILES } from "#shared/sources.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../http/api-error.ts";

export interface UploadedFile {
  fileName: string;
  contentType: AllowedFileType;
  bytes: Uint8Array;
  sha256: string;
}

const MB = SUBMISSION_FILE_MAX_BYTES / 1024 / 1024;

/** The file's own name, without a path or control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(0, 200);
  return clean || "file";
}

async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A list field: repeated, or one value separated by commas or semicolons. */
const listOf = (form: FormData, name: string) =>
  form
    .getAll(name)
    .flatMap((v) => (typeof v === "string" ? v.split(/[;,]/) : []))
    .map((v) => v.trim())
    .filter(Boolean);

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

export async function readSubmissionForm(c: Context<AppEnv>): Promise<{ fields: SubmissionFields; files: UploadedFile[] }> {
  if (!/^multipart\/form-data/i.test(c.req.header("content-type") ?? "")) {
    throw new ApiError(
      415,
      "multipart_required",
      `Send the submission as multipart/form-data: its fields, and its files in the form field "${SUBMISSION_FILE_FIELD}".`,
    );
  }
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new ApiError(400, "bad_upload", "The upload could not be read as a form. Attach the files again.");
  }
  const entries = form.getAll(SUBMISSION_FILE_FIELD).filter((f): f is File => typeof f !== "string" && f.size > 0);
  if (entries.length > SUBMISSION_MAX_FILES) {
    throw new ApiError(400, "too_many_files", `A submission takes at most ${SUBMISSION_MAX_FILES} files; ${entries.length} were attached.`, {
      maxFiles: SUBMISSION_MAX_FILES,
    });
  }
  for (const file of entries) {
    if (file.size > SUBMISSION_FILE_MAX_BYTES) {
      throw new ApiError(413, "payload_too_large", `"${cleanFileName(file.name)}" is larger than ${MB} MB, the most one file may be. Nothing was filed.`, {
        maxSize: SUBMISSION_FILE_MAX_BYTES,
        size: file.size,
        fileName: cleanFileName(file.name),
      });
    }
  }
  const files: UploadedFile[] = [];
  for (const file of entries) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const sniffed = sniffFile(bytes);
    if (!sniffed.ok) {
      throw new ApiError(415, "file_type_refused", `"${cleanFileName(file.name)}": ${sniffed.message} Nothing was filed.`, {
        fileName: cleanFileName(file.name),
        detected: sniffed.detected,
      });
    }
    files.push({ fileName: cleanFileName(file.name), contentType: sniffed.contentType, bytes, sha256: await sha256OfBytes(bytes) });
  }
  const parsed = SubmissionFieldsSchema.safeParse({
    organisation: text(form, "organisation") ?? "",
    contact: text(form, "contact") ?? "",
    receivedOn: text(form, "receivedOn") ?? "",
    countries: listOf(form, "countries"),
    topics: listOf(form, "topics").map((t) => t.toLowerCase()),
    summary: text(form, "summary") ?? "",
    link: text(form, "link")?.trim() || null,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
    throw new ApiError(400, "invalid_request", `The submission is not valid: ${issues.map((i) => `${i.path || "form"}: ${i.message}`).join("; ")}`, {
      target: "form",
      issues,
    });
  }
  return { fields: parsed.data, files };
}
