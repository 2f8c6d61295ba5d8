/** A submission's file type is read from its bytes: the allowlist, and markup or scripts refused whatever they claim to be. */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { sniffFile } from "#shared/file-sniff.ts";
import { buildDocx } from "../helpers/docx.ts";

const bytes = (...parts: (string | number[])[]) => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === "string" ? Array.from(new TextEncoder().encode(p)) : p));
  return new Uint8Array(out);
};
const zipOf = async (files: Record<string, string>) => {
  const zip = new JSZip();
  for (const [name, body] of Object.entries(files)) zip.file(name, body);
  return zip.generateAsync({ type: "uint8array" });
};

describe("sniffFile", () => {
  it.each([
    ["a PDF", bytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"), "application/pdf"],
    ["a PNG", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "image/png"],
    ["a JPEG", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]), "image/jpeg"],
    ["a GIF", bytes("GIF89a", [1, 0, 1, 0]), "image/gif"],
    ["a WebP", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "image/webp"],
  ])("keeps %s", (_what, file, type) => {
    expect(sniffFile(file)).toEqual({ ok: true, contentType: type });
  });

  it("keeps a Word document (a ZIP holding word/document.xml)", async () => {
    expect(sniffFile(await buildDocx([{ p: ["Hello"] }]))).toEqual({
      ok: true,
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
  });

  it.each([
    ["empty", bytes(""), "empty"],
    ["an HTML page", bytes("<!DOCTYPE html><html><body>hi</body></html>"), "html"],
    ["HTML after a BOM and blank lines", bytes([0xef, 0xbb, 0xbf], "\n\n  <html><script>alert(1)</script>"), "html"],
    ["a bare script tag", bytes("<script>fetch('/api/me')</script>"), "html"],
    ["an SVG", bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "svg"],
    ["an SVG behind an XML declaration", bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), "svg"],
    ["other XML", bytes('<?xml version="1.0"?><note/>'), "xml"],
    ["a shell script", bytes("#!/bin/bash\nrm -rf /\n"), "script"],
    ["JavaScript", bytes("function steal() { return document.cookie }"), "script"],
    ["a GIF carrying a script in its header", bytes("GIF89a<script>alert(1)</script>"), "html"],
    ["a PDF whose first KiB holds an HTML page", bytes("%PDF-1.4\n<html><body onload=x>"), "html"],
    ["plain text", bytes("Just some notes from the field."), "unknown"],
    ["an old Word .doc", bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "unknown"],
  ])("refuses %s", (_what, file, detected) => {
    const result = sniffFile(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detected).toBe(detected);
  });

  it("refuses a ZIP that is not a Word document (an archive, a spreadsheet)", async () => {
    expect(sniffFile(await zipOf({ "a.txt": "x" }))).toMatchObject({ ok: false, detected: "zip" });
    expect(sniffFile(await zipOf({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }))).toMatchObject({ ok: false, detected: "zip" });
  });
});
