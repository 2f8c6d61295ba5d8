/**
 * A .docx to the document's sections: mammoth (in the Worker) to HTML, that HTML to the editor's
 * ProseMirror JSON (shared/mammoth-html.ts, no DOM), then split at the house headings
 * (shared/word-import.ts). What mammoth or the converter could not carry over becomes a note.
 */
import mammoth from "mammoth";
import type { DocumentKind } from "#shared/documents.ts";
import { mammothHtmlToDoc } from "#shared/mammoth-html.ts";
import { droppedNotes, sectionDoc, schemaProblem, splitForDocument, type WordSplit } from "#shared/word-import.ts";
import { ApiError } from "../http/api-error.ts";
import { log } from "../http/log.ts";
import { assertDocxContainer } from "./docx-container.ts";

/**
 * Word's headings are mammoth's defaults already (Heading 1-6 → h1-h6); a Title or Subtitle is a
 * heading too, so a title line is recognised as one. A style map embedded in the file is ignored:
 * the upload does not choose what its text becomes.
 */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/** Images are dropped: none is read, none embedded as base64 (mammoth's default). */
const NO_IMAGES = mammoth.images.imgElement(async () => ({ src: "" }));

const UNKNOWN_STYLE = /^Unrecognised (paragraph|run) style: '([^']*)'/;

/** mammoth's warnings, said once each: unknown styles together, images' formats not at all (images are dropped). */
function mammothNotes(messages: { type: string; message: string }[]): string[] {
  const styles = new Set<string>();
  const others = new Set<string>();
  for (const m of messages) {
    const style = UNKNOWN_STYLE.exec(m.message);
    if (style) styles.add(style[2]!);
    else if (!/^Image of type/.test(m.message)) others.add(m.message);
  }
  const notes: string[] = [];
  if (styles.size) notes.push(`Word styles with no match here, kept as ordinary text: ${[...styles].map((s) => `"${s}"`).join(", ")}.`);
  for (const message of others) notes.push(`Word content the import does not read was left out (${message}).`);
  return notes;
}

export interface ConvertedDocx {
  split: WordSplit;
  notes: string[];
}

/** The file's sections and notes; 415 when it is not a Word document, 422 when it has no text. */
export async function convertDocx(bytes: Uint8Array, kind: DocumentKind): Promise<ConvertedDocx> {
  assertDocxContainer(bytes);
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    // Both inputs: the bundler may pick mammoth's browser build (reads `arrayBuffer`) or its Node build (`buffer`, handed to JSZip as it is).
    result = await mammoth.convertToHtml({ arrayBuffer, buffer: arrayBuffer } as { arrayBuffer: ArrayBuffer }, {
      styleMap: STYLE_MAP,
      includeEmbeddedStyleMap: false,
      convertImage: NO_IMAGES,
    });
  } catch (error) {
    log("info", "a Word upload could not be read", { error: String(error) });
    throw new ApiError(
      415,
      "not_docx",
      "This file could not be read as a Word document: it may be damaged, or saved in another format under a .docx name. Open it in Word, save it as a Word Document (.docx) and upload it again.",
      {
        detected: "unreadable",
      },
    );
  }
  const converted = mammothHtmlToDoc(result.value);
  const split = splitForDocument(converted.doc, kind);
  if (!split.sections.some((s) => s.inFile)) {
    throw new ApiError(422, "empty_document", "The Word document has no text to import (images and tables alone are left out).", {
      notes: droppedNotes(converted.dropped),
    });
  }
  for (const section of split.sections.filter((s) => s.inFile)) {
    const problem = schemaProblem(sectionDoc(section));
    // The converter builds only what the schema allows; if it ever did not, nothing is applied.
    if (problem)
      throw new ApiError(422, "docx_unconvertible", `The ${section.label} text of this file could not be converted for the editor (${problem}).`, {
        section: section.key,
      });
  }
  return { split, notes: [...split.notes, ...droppedNotes(converted.dropped), ...mammothNotes(result.messages)] };
}
