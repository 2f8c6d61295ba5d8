/** Citations of submissions in the text: numbered at render time across a document's sections, kept by the sanitizer only with a valid id. */
import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { prosemirrorJSONToYXmlFragment } from "y-prosemirror";
import { citationNotes, renderHtml, renderSections, richTextSchema, sanitizeDocument } from "#shared/render-document.ts";
import { isSubmissionId } from "#shared/sources.ts";

const cite = (submissionId: string, label = `Org ${submissionId.slice(-2)}, submission received 2025-01-10`): JSONContent => ({
  type: "citation",
  attrs: { submissionId, label },
});
const para = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const text = (t: string): JSONContent => ({ type: "text", text: t });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

describe("numbering", () => {
  it("numbers a section's citations in order of appearance, as superscript links with a notes list", () => {
    const html = renderHtml(
      doc(para(text("Courts convicted 12"), cite("sub_aaaaaaaa01"), text(" traffickers.")), para(text("Shelters closed"), cite("sub_bbbbbbbb02"))),
    );
    expect(html).toBe(
      '<p>Courts convicted 12<sup class="citation" data-submission-id="sub_aaaaaaaa01"><a href="#note-1" id="cite-1" title="Org 01, submission received 2025-01-10">[1]</a></sup> traffickers.</p>' +
        '<p>Shelters closed<sup class="citation" data-submission-id="sub_bbbbbbbb02"><a href="#note-2" id="cite-2" title="Org 02, submission received 2025-01-10">[2]</a></sup></p>' +
        '<ol class="citation-notes"><li id="note-1" value="1" data-submission-id="sub_aaaaaaaa01">Org 01, submission received 2025-01-10</li><li id="note-2" value="2" data-submission-id="sub_bbbbbbbb02">Org 02, submission received 2025-01-10</li></ol>',
    );
  });

  it("the same submission cited twice is two notes, as Word footnotes are", () => {
    expect(citationNotes(doc(para(cite("sub_aaaaaaaa01"), cite("sub_aaaaaaaa01")))).map((n) => n.number)).toEqual([1, 2]);
  });

  it("runs on through the document's sections in their order", () => {
    const ydoc = new Y.Doc();
    const put = (key: string, json: JSONContent) => prosemirrorJSONToYXmlFragment(richTextSchema(), json, ydoc.getXmlFragment(key));
    put("prosecution", doc(para(text("A"), cite("sub_aaaaaaaa01"), text("B"), cite("sub_bbbbbbbb02"))));
    put("summary", doc(para(text("S"), cite("sub_cccccccc03"))));
    put("protection", doc(para(text("P"), cite("sub_dddddddd04"))));
    const sections = Object.fromEntries(renderSections(ydoc, "country_narrative").map((s) => [s.key, s]));
    // The summary comes first in the narrative, then recommendations, prosecution, protection.
    expect(sections.summary!.html).toContain(">[1]</a>");
    expect(sections.prosecution!.html).toMatch(/>\[2\]<\/a>.*>\[3\]<\/a>.*<li id="note-2" value="2"/);
    expect(sections.protection!.html).toContain('<li id="note-4" value="4" data-submission-id="sub_dddddddd04">');
    expect(sections.recommendations!.html).toBe("");
    // The plain text does not carry the marker: word counts and diffs stay about the words.
    expect(sections.prosecution!.text).toBe("AB");
  });

  it("escapes the label wherever it is written", () => {
    const html = renderHtml(doc(para(cite("sub_aaaaaaaa01", '<img src=x onerror="alert(1)">'))));
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});

describe("the sanitizer", () => {
  it.each([
    ["sub_aaaaaaaa01", true],
    ["sub_demo0001", true],
    ["sub_short", false],
    ["SUB_AAAAAAAA01", false],
    ["sub_aaaa aaaa01", false],
    ["javascript:alert(1)", false],
    ["", false],
    [42, false],
    [null, false],
  ] as const)("submission id %j kept: %s", (id, kept) => {
    expect(isSubmissionId(id)).toBe(kept);
    const clean = sanitizeDocument(doc(para(text("x"), { type: "citation", attrs: { submissionId: id, label: "L" } })));
    expect(clean.content![0]!.content!.some((n) => n.type === "citation")).toBe(kept);
  });

  it("passes a clean citation through as the same object (the hash stays what it was)", () => {
    const clean = doc(para(text("x"), cite("sub_aaaaaaaa01")));
    expect(sanitizeDocument(clean)).toBe(clean);
  });

  it("cuts an overlong label, and drops anything else a client put on the node", () => {
    const clean = sanitizeDocument(
      doc(para({ type: "citation", attrs: { submissionId: "sub_aaaaaaaa01", label: "x".repeat(1000), onclick: "alert(1)" }, content: [text("inside")] })),
    );
    expect(clean.content![0]!.content).toEqual([{ type: "citation", attrs: { submissionId: "sub_aaaaaaaa01", label: "x".repeat(300) } }]);
  });
});
