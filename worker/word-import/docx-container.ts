/**
 * Is this upload a Word document, and may it be opened? Read from the ZIP's own directory before
 * mammoth inflates anything, so a person who picked a PDF or an old .doc is told what it is, and a
 * small file declaring hundreds of megabytes of XML (a zip bomb, or a monster document) is refused
 * before it can exhaust the Worker's memory. The declared sizes can lie; the Worker's memory limit
 * stays the backstop, and mammoth's own failure is still answered as "not a Word document".
 */
import { ApiError } from "../http/api-error.ts";

/** The XML a conversion inflates and parses (mammoth reads none of the images: they are dropped). */
export const DOCX_MAX_XML_BYTES = 32 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;

const notDocx = (message: string, kind: string) => new ApiError(415, "not_docx", message, { detected: kind });

function sniff(bytes: Uint8Array): string {
  const head = String.fromCharCode(...bytes.slice(0, 5));
  if (head.startsWith("%PDF")) return "pdf";
  if (head.startsWith("{\\rtf")) return "rtf";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "ole";
  return "unknown";
}

const OTHER_KIND_MESSAGES: Record<string, string> = {
  pdf: "This file is a PDF, not a Word document. Open the draft in Word and upload the .docx.",
  rtf: "This file is in Rich Text Format (.rtf). Open it in Word, save it as a Word Document (.docx) and upload that.",
  ole: "This file is an older Word 97-2003 document (.doc) or a password-protected one. Open it in Word, remove any password, save it as a Word Document (.docx) and upload that.",
  unknown: "This file is not a Word document (.docx). Save the draft from Word as a Word Document (.docx) and upload that.",
};

/** 415 `not_docx` unless the bytes are a ZIP holding a Word document; 413 when its XML is too large to convert. */
export function assertDocxContainer(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw new ApiError(400, "empty_file", "The file is empty (0 bytes). Choose the Word document again.");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 22 || view.getUint32(0, true) !== ZIP_LOCAL) {
    const kind = sniff(bytes);
    throw notDocx(OTHER_KIND_MESSAGES[kind]!, kind);
  }
  const names = centralDirectory(view);
  if (names === null)
    throw notDocx(
      "This file looks like a Word document but is damaged (its table of contents cannot be read). Open it in Word, save it again and upload it.",
      "damaged_zip",
    );
  if (!names.entries.some((e) => e.name === "[Content_Types].xml") || !names.entries.some((e) => e.name.startsWith("word/"))) {
    const kind = names.entries.some((e) => e.name.startsWith("xl/")) ? "xlsx" : names.entries.some((e) => e.name.startsWith("ppt/")) ? "pptx" : "zip";
    const what = kind === "xlsx" ? "an Excel workbook" : kind === "pptx" ? "a PowerPoint presentation" : "a ZIP archive";
    throw notDocx(`This file is ${what}, not a Word document. Upload the draft as a Word Document (.docx).`, kind);
  }
  const xmlBytes = names.entries.filter((e) => /\.(xml|rels)$/i.test(e.name)).reduce((sum, e) => sum + e.size, 0);
  if (xmlBytes > DOCX_MAX_XML_BYTES) {
    throw new ApiError(
      413,
      "docx_too_large",
      `This Word document's text would take ${Math.ceil(xmlBytes / 1024 / 1024)} MB once opened, more than the ${DOCX_MAX_XML_BYTES / 1024 / 1024} MB that can be imported. Split it, or import the narrative alone.`,
      {
        xmlBytes,
        maxXmlBytes: DOCX_MAX_XML_BYTES,
      },
    );
  }
}

/** The central directory's entries (name and declared uncompressed size), or null when it cannot be read. */
function centralDirectory(view: DataView): { entries: { name: string; size: number }[] } | null {
  const length = view.byteLength;
  let end = -1;
  for (let at = length - 22; at >= Math.max(0, length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === ZIP_END) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count > MAX_ENTRIES) return null;
  const decoder = new TextDecoder();
  const entries: { name: string; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > length || view.getUint32(at, true) !== ZIP_CENTRAL) return null;
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (at + 46 + nameLength > length) return null;
    const name = decoder.decode(new Uint8Array(view.buffer, view.byteOffset + at + 46, nameLength));
    // 0xFFFFFFFF: the size lives in a ZIP64 record; Word never writes one for a document this small, so count it as too large.
    entries.push({ name, size: size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size });
    at += 46 + nameLength + skip;
  }
  return { entries };
}
