/** mammoth's HTML to the editor's JSON without a DOM (shared/mammoth-html.ts): what each tag becomes, what is left out and counted. */
import { describe, expect, it } from "vitest";
import { decodeEntities, mammothHtmlToDoc } from "#shared/mammoth-html.ts";
import { renderHtml } from "#shared/render-document.ts";
import { schemaProblem } from "#shared/word-import.ts";

/** The document as the editor's renderer writes it: a compact way to say what the JSON holds. */
const rendered = (html: string) => renderHtml(mammothHtmlToDoc(html).doc);

describe("mammothHtmlToDoc", () => {
  it.each([
    ["paragraphs and headings", "<p>One</p><h1>Two</h1><h3>Three</h3>", "<p>One</p><h1>Two</h1><h3>Three</h3>"],
    ["bold, italic, underline, strike", "<p><strong>b</strong><em>i</em><u>u</u><s>s</s></p>", "<p><strong>b</strong><em>i</em><u>u</u><s>s</s></p>"],
    ["nested marks", "<p><strong>bold <em>both</em></strong></p>", "<p><strong>bold </strong><em><strong>both</strong></em></p>"],
    [
      "a web link",
      '<p><a href="https://example.org/a?b=1&amp;c=2">site</a></p>',
      '<p><a rel="noopener noreferrer nofollow" href="https://example.org/a?b=1&amp;c=2">site</a></p>',
    ],
    ["a bookmark link is plain text", '<p><a href="#_Toc1">Prosecution</a></p>', "<p>Prosecution</p>"],
    ["an anchor without href is plain text", '<p><a id="x"></a>Text</p>', "<p>Text</p>"],
    ["a bullet list", "<ul><li>one</li><li>two</li></ul>", "<ul><li><p>one</p></li><li><p>two</p></li></ul>"],
    ["a numbered list with a nested list", "<ol><li>one<ul><li>sub</li></ul></li></ol>", "<ol><li><p>one</p><ul><li><p>sub</p></li></ul></li></ol>"],
    [
      "an item that starts with a list gets an empty first paragraph",
      "<ul><li><ul><li>deep</li></ul></li></ul>",
      "<ul><li><p></p><ul><li><p>deep</p></li></ul></li></ul>",
    ],
    ["a line break", "<p>a<br />b</p>", "<p>a<br/>b</p>"],
    [
      "escaped text",
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#233; &#x2014;</p>",
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "q" é —</p>',
    ],
    ["an unknown tag is unwrapped", "<p><span>kept</span></p><div><p>inside</p></div>", "<p>kept</p><p>inside</p>"],
    ["a stray < is text", "<p>1 < 2</p>", "<p>1 &lt; 2</p>"],
    ["an unclosed element closes at the end", "<p><strong>open", "<p><strong>open</strong></p>"],
    ["text outside any block gets a paragraph", "loose<p>p</p>", "<p>loose</p><p>p</p>"],
  ])("%s", (_name, html, expected) => {
    expect(rendered(html)).toBe(expected);
  });

  it.each([
    ["images", '<p>Before<img src="" /> after</p>', "<p>Before after</p>", { images: 1 }],
    [
      "a table, with its first words",
      "<p>x</p><table><tr><td><p>Year</p></td><td><p>Prosecutions</p></td></tr></table>",
      "<p>x</p>",
      { tables: ["Year Prosecutions"] },
    ],
    [
      "footnotes and their references",
      '<p>Text<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>.</p><ol><li id="footnote-1"><p>Source. <a href="#footnote-ref-1">↑</a></p></li></ol>',
      "<p>Text.</p>",
      { footnotes: 1, scripts: 0 },
    ],
    ["a javascript: link keeps its words", '<p><a href="javascript:alert(1)">click</a></p>', "<p>click</p>", { links: 1 }],
    ["superscript text stays, unformatted", "<p>m<sup>2</sup></p>", "<p>m2</p>", { scripts: 1 }],
    ["checkboxes", '<ul><li><input type="checkbox" />done</li></ul>', "<ul><li><p>done</p></li></ul>", { checkboxes: 1 }],
  ])("leaves out %s and counts them", (_name, html, expected, counts) => {
    const { doc, dropped } = mammothHtmlToDoc(html);
    expect(renderHtml(doc)).toBe(expected);
    expect(dropped).toMatchObject(counts);
  });

  it("everything it builds fits the editor's schema", () => {
    const { doc } = mammothHtmlToDoc(
      '<h2>T</h2><p><strong><a href="https://a.org">x</a></strong></p><ol><li><ul><li>a</li></ul>b</li></ol><blockquote><p>q</p></blockquote>',
    );
    expect(schemaProblem(doc)).toBeNull();
  });
});

describe("decodeEntities", () => {
  it.each([
    ["&amp;amp;", "&amp;"],
    ["&#0; &#xFFFFFFF; &bogus;", "&#0; &#xFFFFFFF; &bogus;"],
    ["&nbsp;", "\u00a0"],
  ])("%j → %j", (input, output) => {
    expect(decodeEntities(input)).toBe(output);
  });
});
