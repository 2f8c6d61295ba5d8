/**
 * Citations of submissions in the compiled report: numbered notes per document in the HTML (their
 * anchors scoped to the entry), Word footnotes in the DOCX (word/footnotes.xml), on a small cycle
 * whose narratives cite the demo's submissions.
 */
import JSZip from "jszip";
import type { JSONContent } from "@tiptap/core";
import { beforeAll, describe, expect, it } from "vitest";
import { AS, call } from "../helpers/api.ts";
import { doc, ensureGlobalDrafter, paragraph, smallCycle, writeSections } from "../helpers/report.ts";

const YEAR = 2094;
const cite = (submissionId: string, label: string): JSONContent => ({ type: "citation", attrs: { submissionId, label } });

beforeAll(async () => {
  const drafter = await ensureGlobalDrafter();
  await smallCycle(YEAR, [
    { key: "ghana", title: "Ghana" },
    { key: "nigeria", title: "Nigeria" },
  ]);
  await writeSections(drafter, `${YEAR}-nigeria`, {
    summary: doc(paragraph("Nigeria made efforts.", cite("sub_demo0002", "West Africa Labour Rights Watch (demo), submission received 2025-01-28"))),
    prosecution: doc(
      paragraph(
        "Courts convicted 12.",
        cite("sub_demo0005", "Edo State Task Force partners (demo), submission received 2025-01-21"),
        " Cases stalled.",
        cite("sub_demo0002", "West Africa Labour Rights Watch (demo), submission received 2025-01-28"),
      ),
    ),
  });
  await writeSections(drafter, `${YEAR}-ghana`, {
    protection: doc(paragraph("Shelters.", cite("sub_demo0012", "Global Fisheries Transparency (demo), submission received 2024-12-31"))),
  });
});

describe("citations in the compiled report", () => {
  it("the HTML numbers each document's notes from 1, as superscript links to its own notes list", async () => {
    const html = await (await call(AS.leadership, `/api/cycles/${YEAR}/report.html`)).text();
    const entry = (id: string) => html.slice(html.indexOf(`id="doc-${YEAR}-${id}"`), html.indexOf("</section>", html.indexOf(`id="doc-${YEAR}-${id}"`)));
    const nigeria = entry("nigeria");
    expect(
      [...nigeria.matchAll(/<a href="#doc-2094-nigeria-note-(\d)" id="doc-2094-nigeria-cite-\1"[^>]*>\[(\d)\]<\/a>/g)].map((m) => `${m[1]}=${m[2]}`),
    ).toEqual(["1=1", "2=2", "3=3"]);
    expect(nigeria).toContain(
      '<li id="doc-2094-nigeria-note-2" value="2" data-submission-id="sub_demo0005">Edo State Task Force partners (demo), submission received 2025-01-21</li>',
    );
    const ghana = entry("ghana");
    expect(ghana).toContain('<a href="#doc-2094-ghana-note-1" id="doc-2094-ghana-cite-1"');
    expect(ghana).toContain('<li id="doc-2094-ghana-note-1" value="1" data-submission-id="sub_demo0012">Global Fisheries Transparency (demo)');
    // No anchor is left unscoped: two documents' notes never share an id on the page.
    expect(html).not.toMatch(/id="(note|cite)-\d+"/);
  });

  it("the DOCX carries each citation as a footnote in word/footnotes.xml, in report order", async () => {
    const res = await call(AS.leadership, `/api/cycles/${YEAR}/report.docx`);
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(await res.arrayBuffer(), { checkCRC32: true });
    const xml = await zip.file("word/document.xml")!.async("string");
    const refs = [...xml.matchAll(/<w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="(\d+)"\/><\/w:r>/g)].map((m) =>
      Number(m[1]),
    );
    // Ghana comes before Nigeria in the report.
    expect(refs).toEqual([1, 2, 3, 4]);
    expect(xml).toMatch(/Shelters\.<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="1"\/>/);
    const footnotes = await zip.file("word/footnotes.xml")!.async("string");
    const notes = Object.fromEntries(
      [...footnotes.matchAll(/<w:footnote w:id="(\d+)">(.*?)<\/w:footnote>/g)].map((m) => [
        m[1],
        [...m[2]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
      ]),
    );
    expect(notes).toEqual({
      "1": "Global Fisheries Transparency (demo), submission received 2024-12-31",
      "2": "West Africa Labour Rights Watch (demo), submission received 2025-01-28",
      "3": "Edo State Task Force partners (demo), submission received 2025-01-21",
      "4": "West Africa Labour Rights Watch (demo), submission received 2025-01-28",
    });
    expect(footnotes).toContain('<w:pStyle w:val="FootnoteText"/>');
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("footnotes+xml");
  });
});
