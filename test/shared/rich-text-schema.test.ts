/** The editor and the renderer share one schema, and only web and mail links survive either. */
import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import { isAllowedLinkHref, RICH_TEXT_EXTENSIONS } from "#shared/rich-text-schema.ts";
import { renderHtml } from "#shared/render-document.ts";
import { sectionEditorExtensions } from "../../web/src/workspace/editor-extensions.ts";

describe("the editor's extension list is the renderer's", () => {
  const doc = new Y.Doc();
  const editorSchema = getSchema(sectionEditorExtensions(doc.getXmlFragment("summary"), { awareness: new Awareness(doc) }, { name: "A", color: "#005ea2" }));
  const rendererSchema = getSchema(RICH_TEXT_EXTENSIONS);

  it("same nodes and marks", () => {
    expect(Object.keys(editorSchema.nodes).sort()).toEqual(Object.keys(rendererSchema.nodes).sort());
    expect(Object.keys(editorSchema.marks).sort()).toEqual(Object.keys(rendererSchema.marks).sort());
  });

  it("has what the report uses: paragraphs, bold, italic, bullet and numbered lists, links", () => {
    for (const node of ["paragraph", "bulletList", "orderedList", "listItem", "citation"]) expect(rendererSchema.nodes).toHaveProperty(node);
    for (const mark of ["bold", "italic", "link"]) expect(rendererSchema.marks).toHaveProperty(mark);
  });

  it("renders what the editor writes with the same tags", () => {
    const html = renderHtml({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Bold", marks: [{ type: "bold" }] },
            { type: "text", text: " and " },
            { type: "text", text: "italic", marks: [{ type: "italic" }] },
          ],
        },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] }] },
        { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "first" }] }] }] },
        { type: "paragraph", content: [{ type: "text", text: "site", marks: [{ type: "link", attrs: { href: "https://www.state.gov/" } }] }] },
      ],
    });
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain("<em>italic</em>");
    expect(html).toMatch(/<ul><li><p>one<\/p><\/li><\/ul>/);
    expect(html).toMatch(/<ol[^>]*><li><p>first<\/p><\/li><\/ol>/);
    expect(html).toMatch(/<a [^>]*href="https:\/\/www\.state\.gov\/"/);
    expect(html).toMatch(/<a [^>]*rel="noopener noreferrer nofollow"/);
    expect(html).not.toContain("target=");
  });
});

describe("isAllowedLinkHref", () => {
  it.each([
    ["https://www.state.gov/", true],
    ["http://example.org/a?b=c", true],
    ["mailto:tip@state.gov", true],
    ["javascript:alert(1)", false],
    [" JavaScript:alert(1)", false],
    ["data:text/html,<script>alert(1)</script>", false],
    ["vbscript:msgbox", false],
    ["/relative/path", false],
    ["", false],
    [42, false],
  ] as const)("%j → %s", (href, allowed) => {
    expect(isAllowedLinkHref(href)).toBe(allowed);
  });
});
