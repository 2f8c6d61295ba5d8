/**
 * What a submission's file is, read from its bytes, never from its name or the browser's claim
 * (docs/sources.md). Only PDF, Word (.docx), PNG, JPEG, GIF and WebP are kept; everything else is
 * refused, and markup (HTML, SVG, XML) or a script is named as such, whatever the file is called.
 * A kept file is still served only as an attachment with `nosniff`, so even a polyglot (an image
 * whose bytes also parse as a script) never runs in the app's origin.
 */
export const ALLOWED_FILE_TYPES = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
} as const;
export type AllowedFileType = keyof typeof ALLOWED_FILE_TYPES;

export type RefusedKind = "empty" | "html" | "svg" | "xml" | "script" | "zip" | "unknown";

export type Sniffed = { ok: true; contentType: AllowedFileType } | { ok: false; detected: RefusedKind; message: string };

const ACCEPTED = "PDF, Word (.docx), PNG, JPEG, GIF or WebP";

const REFUSALS: Record<RefusedKind, string> = {
  empty: "The file is empty (0 bytes).",
  html: `The file is a web page (HTML), which is never stored, whatever its name. Save it as PDF and attach that (${ACCEPTED}).`,
  svg: `The file is an SVG drawing, which can carry scripts and is never stored. Export it as PNG and attach that (${ACCEPTED}).`,
  xml: `The file is XML markup, which is never stored. Attach a ${ACCEPTED} file.`,
  script: `The file is a script or program, which is never stored, whatever its name. Attach a ${ACCEPTED} file.`,
  zip: `The file is a ZIP archive (or an Office file other than a Word document). Attach a ${ACCEPTED} file.`,
  unknown: `The file's contents are not one of the accepted kinds: ${ACCEPTED}.`,
};

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

/** Markup a browser could render or run, anywhere in the first KiB (tags, not mere `<` characters). */
const ACTIVE_MARKUP = /<\s*(script|html|body|iframe|svg|object|embed|!doctype\s+html)\b/i;

/** What the text at the start of the file is, when it is text: markup or a script. */
function textKind(bytes: Uint8Array): RefusedKind | null {
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (/^<svg\b/i.test(head) || (/^<\?xml\b/i.test(head) && /<svg\b/i.test(head))) return "svg";
  if (/^<(!doctype\s+html|html|head|body|script|iframe|meta|div|p|a|img|style|title)\b/i.test(head) || ACTIVE_MARKUP.test(head)) return "html";
  if (/^<\?xml\b/i.test(head)) return "xml";
  if (/^#!/.test(head) || /^(<\?php|@echo off|function\s|var\s|let\s|const\s|import\s|\(function|'use strict'|"use strict")/i.test(head)) return "script";
  return null;
}

/** The names in a ZIP's central directory, or null when it cannot be read. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count && i < 10_000; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const skip = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.byteLength) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + skip;
  }
  return names;
}

function binaryType(bytes: Uint8Array): AllowedFileType | "zip" | null {
  if (ascii(bytes, 0, 5) === "%PDF-") return "application/pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "image/gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    return names?.includes("word/document.xml") && names.includes("[Content_Types].xml")
      ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
      : "zip";
  }
  return null;
}

export function sniffFile(bytes: Uint8Array): Sniffed {
  const refuse = (detected: RefusedKind): Sniffed => ({ ok: false, detected, message: REFUSALS[detected] });
  if (bytes.byteLength === 0) return refuse("empty");
  const type = binaryType(bytes);
  if (type === "zip") return refuse("zip");
  // Even a file that starts like a PDF or an image is refused when its first KiB carries active markup.
  const markup = ACTIVE_MARKUP.test(ascii(bytes, 0, 1024));
  if (type && !markup) return { ok: true, contentType: type };
  return refuse(textKind(bytes) ?? (markup ? "html" : "unknown"));
}
