/** Recorded texts from before the compiler hold only HTML: htmlToDoc reads our renderer's HTML back into the JSON the Word renderer walks. */
import { describe, expect, it } from "vitest";
import { renderHtml } from "#shared/render-document.ts";
import { htmlToDoc } from "../../worker/report/legacy-html.ts";

const t = (text: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) => ({ type: "text", text, ...(marks ? { marks } : {}) });

describe("htmlToDoc", () => {
  it("gives back the document our renderer wrote: paragraphs, marks, links, lists, headings, breaks", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [t("Prosecution")] },
        {
          type: "paragraph",
          content: [
            t("The "),
            t("government", [{ type: "bold" }]),
            t(" & "),
            t("courts", [{ type: "italic" }, { type: "bold" }]),
            { type: "hardBreak" },
            t("<acted>"),
          ],
        },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [t("one")] }] },
            { type: "listItem", content: [{ type: "paragraph", content: [t("two")] }] },
          ],
        },
        { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [t("three")] }] }] },
        { type: "paragraph", content: [t("a link", [{ type: "link", attrs: { href: "https://example.org/?a=1&b=2" } }])] },
      ],
    };
    const back = htmlToDoc(renderHtml(doc));
    const strip = (node: any): any => ({
      type: node.type,
      ...(node.text !== undefined ? { text: node.text } : {}),
      ...(node.type === "heading" || (node.type === "orderedList" && node.attrs?.start !== 1)
        ? { attrs: { [node.type === "heading" ? "level" : "start"]: node.attrs[node.type === "heading" ? "level" : "start"] } }
        : {}),
      ...(node.marks
        ? {
            marks: node.marks
              .map((m: any) => (m.type === "link" ? { type: "link", attrs: { href: m.attrs.href } } : { type: m.type }))
              .sort((a: any, b: any) => a.type.localeCompare(b.type)),
          }
        : {}),
      ...(node.content?.length ? { content: node.content.map(strip) } : {}),
    });
    expect(strip(back)).toEqual(strip(doc));
  });

  it("keeps the words of tags it does not know and decodes entities", () => {
    expect(htmlToDoc("<p>caf&eacute; &#233; &#xE9; <span>kept</span></p><figure>loose</figure>")).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [t("caf&eacute; é é "), t("kept")] },
        { type: "paragraph", content: [t("loose")] },
      ],
    });
  });
});
