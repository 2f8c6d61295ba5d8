/**
 * The report as one self-contained HTML document, made to be read on screen and printed to PDF
 * from a browser: a table of contents with links, every entry on a new page, running heads in
 * the page margins (CSS margin boxes, which Chromium prints since version 131), and, in a
 * preview, a DRAFT watermark and running foot on every entry that is not cleared, with the list
 * of those entries at the top. Section HTML comes from our renderer (shared/render-document.ts,
 * sanitised against the editor's schema); every title and heading is escaped here.
 */
import type { Report } from "#shared/api/report.ts";
import { houseHeading } from "#shared/report-order.ts";
import { workflowStateLabel } from "#shared/workflow-states.ts";
import { reportTables, type TableSpec } from "./report-tables.ts";

type Entry = Report["frontSections"][number] | Report["narratives"][number];

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A CSS string literal (margin-box content) inside <style>: quotes, backslashes, line ends and `<` (no `</style>`) escaped. */
function cssString(text: string): string {
  return `"${text
    .replace(/[\\"]/g, "\\$&")
    .replace(/[\r\n]+/g, " ")
    .replace(/</g, "\\3c ")
    .replace(/>/g, "\\3e ")}"`;
}

/** The section's own headings sit below the entry's (h1) and the house headings (h2). */
function shiftHeadings(html: string, by: number): string {
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_m, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + by)}`);
}

/** The entry's fragment id (document ids are slugs already; anything else is replaced, so it is safe in an attribute). */
export const anchorOf = (documentId: string) => `doc-${documentId.replace(/[^A-Za-z0-9_-]/g, "-")}`;

export function reportTitle(report: Pick<Report, "year">): string {
  return `${report.year} Trafficking in Persons Report`;
}

const DRAFT_MARK =
  "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='600' height='600'%3E%3Ctext x='50%25' y='50%25' fill='%23b50909' fill-opacity='0.09' font-family='sans-serif' font-size='150' font-weight='700' text-anchor='middle' dominant-baseline='middle' transform='rotate(-35 300 300)'%3EDRAFT%3C/text%3E%3C/svg%3E\")";

function styles(report: Report, entries: Entry[]): string {
  const title = cssString(reportTitle(report));
  // One named page per entry: its running head names it, and a DRAFT entry carries the mark in its foot.
  const pages = entries
    .map((e, i) => {
      const head = "heading" in e ? e.country.toUpperCase() : e.title;
      const foot = e.cleared ? "" : ` @bottom-left { content: "DRAFT \\2014 not cleared (${workflowStateLabel(e.state)})"; color: #b50909; font-weight: 700; }`;
      return `@page e${i} { @top-right { content: ${cssString(head)}; }${foot} }`;
    })
    .join("\n");
  return `
@page { size: letter; margin: 2.2cm 2cm 2cm; @top-left { content: ${title}; font: 9pt Georgia, serif; color: #555; } @top-right { font: 9pt Georgia, serif; color: #555; } @bottom-right { content: counter(page); font: 9pt Georgia, serif; } }
@page :first { @top-left { content: none; } }
${pages}
html { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.8rem; } h2 { font-size: 1.15rem; margin: 1.3rem 0 0.4rem; }
h3, h4, h5, h6 { font-size: 1rem; margin: 1rem 0 0.3rem; }
a { color: #1a4480; }
.edition { border: 2px solid #1a4480; padding: 0.6rem 0.9rem; margin-bottom: 1rem; }
.edition.preview { border-color: #b50909; }
.not-cleared { border-left: 6px solid #b50909; padding: 0.2rem 0.9rem; margin-bottom: 1rem; }
.toc ol { list-style: none; padding-left: 0; } .toc ol ol { padding-left: 1.2rem; columns: 2; }
.entry, .chapter { break-before: page; }
.draft { background-image: ${DRAFT_MARK}; background-repeat: repeat-y; background-size: 100% auto; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.draft-flag { color: #b50909; font: 700 0.9rem sans-serif; letter-spacing: 0.04em; border: 2px solid #b50909; display: inline-block; padding: 0.15rem 0.5rem; margin-bottom: 0.6rem; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1.4rem; font-size: 0.85rem; break-inside: auto; }
caption { text-align: left; font-weight: 700; margin-bottom: 0.3rem; }
th, td { border: 1px solid #999; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
thead { display: table-header-group; } tr { break-inside: avoid; }
.table-note { font-size: 0.85rem; color: #444; }
sup.citation a { text-decoration: none; } .citation-notes { font-size: 0.85rem; border-top: 1px solid #999; padding-top: 0.3rem; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
`;
}

/**
 * A document's notes are numbered within it ([1], [2] ... from render-document.ts, each section
 * ending with its list of notes); many documents share this page, so their note anchors take the
 * entry's id in front.
 */
function scopeNoteAnchors(html: string, anchor: string): string {
  return html.replace(/(id="|href="#)(note|cite)-(\d+)"/g, (_m, attr: string, kind: string, n: string) => `${attr}${anchor}-${kind}-${n}"`);
}

function entryHtml(e: Entry, index: number, out: string[]): void {
  const narrative = "heading" in e;
  out.push(
    `<section class="entry${e.cleared ? "" : " draft"}" id="${anchorOf(e.documentId)}" style="page: e${index}" data-document-id="${escapeHtml(e.documentId)}">`,
  );
  out.push(`<h1>${escapeHtml(narrative ? e.heading : e.title)}</h1>`);
  if (!e.cleared) out.push(`<p class="draft-flag">DRAFT — not cleared (${escapeHtml(workflowStateLabel(e.state))})</p>`);
  for (const section of e.sections) {
    const heading = houseHeading(narrative ? "country_narrative" : "report_section", section.key, section.label);
    if (heading) out.push(`<h2>${escapeHtml(heading)}</h2>`);
    out.push(scopeNoteAnchors(shiftHeadings(section.html, narrative ? 2 : 1), anchorOf(e.documentId)));
  }
  out.push("</section>");
}

function tableHtml(table: TableSpec, out: string[]): void {
  out.push(`<table id="${table.id}"><caption>${escapeHtml(table.title)}</caption><thead><tr>`);
  for (const cell of table.header) out.push(`<th scope="col">${escapeHtml(cell)}</th>`);
  out.push("</tr></thead><tbody>");
  for (const row of table.rows)
    out.push(
      `<tr><th scope="row">${escapeHtml(row[0] ?? "")}</th>${row
        .slice(1)
        .map((c) => `<td>${escapeHtml(c)}</td>`)
        .join("")}</tr>`,
    );
  out.push("</tbody></table>");
  if (table.note) out.push(`<p class="table-note">${escapeHtml(table.note)}</p>`);
}

function tocItem(e: Entry): string {
  const label = "heading" in e ? e.heading : e.title;
  return `<li><a href="#${anchorOf(e.documentId)}">${escapeHtml(label)}</a>${e.cleared ? "" : " <strong>(DRAFT)</strong>"}</li>`;
}

export function renderReportHtml(report: Report): string {
  const entries: Entry[] = [...report.frontSections, ...report.narratives];
  const chapters = reportTables(report);
  const preview = report.edition === "preview";
  const out: string[] = [];
  out.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`);
  out.push(
    `<title>${escapeHtml(`${reportTitle(report)} — ${preview ? "preview" : "published edition"}`)}</title><style>${styles(report, entries)}</style></head><body>`,
  );
  out.push(`<header><h1>${escapeHtml(reportTitle(report))}</h1>`);
  if (preview) {
    out.push(
      `<p class="edition preview"><strong>Preview, not for release.</strong> Compiled ${escapeHtml(report.generatedAt)} from the current text of every document. `,
    );
    out.push(
      report.notCleared.length
        ? `${report.notCleared.length} document(s) are not cleared; their pages are marked DRAFT.</p>`
        : "Every document is cleared.</p>",
    );
  } else {
    out.push(
      `<p class="edition"><strong>Published edition.</strong> The cleared text frozen at the release (manifest SHA-256 ${escapeHtml(report.manifestHash ?? "")}).</p>`,
    );
  }
  out.push("</header>");
  if (report.notCleared.length) {
    out.push(`<section class="not-cleared" id="not-cleared"><h2>Not yet cleared (${report.notCleared.length})</h2><ul>`);
    for (const d of report.notCleared)
      out.push(`<li><a href="#${anchorOf(d.documentId)}">${escapeHtml(d.title)}</a> — ${escapeHtml(workflowStateLabel(d.state))}</li>`);
    out.push("</ul></section>");
  }
  out.push(`<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ol>`);
  for (const e of report.frontSections) out.push(tocItem(e));
  if (report.narratives.length) {
    out.push(`<li><a href="#${anchorOf(report.narratives[0]!.documentId)}">Country Narratives</a><ol>`);
    for (const e of report.narratives) out.push(tocItem(e));
    out.push("</ol></li>");
  }
  for (const chapter of chapters) out.push(`<li><a href="#${chapter.id}">${escapeHtml(chapter.title)}</a></li>`);
  out.push("</ol></nav><main>");
  entries.forEach((e, i) => entryHtml(e, i, out));
  for (const chapter of chapters) {
    out.push(`<section class="chapter" id="${chapter.id}"><h1>${escapeHtml(chapter.title)}</h1>`);
    for (const table of chapter.tables) tableHtml(table, out);
    out.push("</section>");
  }
  out.push("</main></body></html>");
  return out.join("");
}
