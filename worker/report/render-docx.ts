/**
 * The report as a Word document (the `docx` package): a cover with the edition, the list of what
 * is not cleared and a table-of-contents field (Word refreshes it on opening: `updateFields`);
 * then one Word section per entry, so each starts on a new page under its own running header
 * (the report's title and the entry; DRAFT and the state for what is not cleared); Heading 1 for
 * each report section and each `COUNTRY: TIER`, Heading 2 for the house headings, the text walked
 * from its ProseMirror JSON (citations as footnotes); last, the tier placement and law-enforcement tables as Word tables.
 *
 * The package writes everything but the sections' text, each of which is a placeholder paragraph
 * (`Packer.toArrayBuffer`, no Node Buffer needed); the text, written as XML strings by
 * docx-body.ts (the package's own objects for 188 narratives do not fit a Worker's memory), then
 * takes the placeholders' places in `word/document.xml`.
 */
import {
  AlignmentType,
  Bookmark,
  Document,
  Footer,
  Header,
  HeadingLevel,
  InternalHyperlink,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TabStopPosition,
  TabStopType,
  TextRun,
  WidthType,
  type FileChild,
  type ISectionOptions,
} from "docx";
import type { JSONContent } from "@tiptap/core";
import type { Report } from "#shared/api/report.ts";
import { houseHeading } from "#shared/report-order.ts";
import { workflowStateLabel } from "#shared/workflow-states.ts";
import { ApiError } from "../http/api-error.ts";
import { ReportDocumentError } from "./compile.ts";
import { BULLETS, fillListNumbers, HYPERLINK_RELATIONSHIP, LIST_NUMBERING, newBodyContext, sectionXml, type BodyContext } from "./docx-body.ts";
import { readZipText, replaceZipPart } from "./zip-part.ts";
import { reportTitle } from "./render-html.ts";
import { reportTables, type TableSpec } from "./report-tables.ts";

type Entry = Report["frontSections"][number] | Report["narratives"][number];

const DRAFT_STYLE = "DraftMark";
const RED = "B50909";

// Word bookmark names: a letter first, then letters, digits and underscores, at most 40 characters.
const bookmarkOf = (index: number) => `entry_${index}`;

const draftWords = (state: Entry["state"]) => `DRAFT \u2014 not cleared (${workflowStateLabel(state)})`;

function runningHeader(report: Report, entry: Entry): Header {
  const head = "heading" in entry ? entry.country.toUpperCase() : entry.title;
  const children = [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TabStopPosition.MAX }],
      children: [new TextRun({ text: reportTitle(report), size: 18, color: "555555" }), new TextRun({ text: `\t${head}`, size: 18, color: "555555" })],
    }),
  ];
  if (!entry.cleared) children.push(new Paragraph({ style: DRAFT_STYLE, alignment: AlignmentType.RIGHT, children: [new TextRun(draftWords(entry.state))] }));
  return new Header({ children });
}

/** The sections' text, each standing in the package's document as a placeholder paragraph. */
interface Bodies {
  token: string;
  xml: string[];
  ctx: BodyContext;
}

const placeholder = (bodies: Bodies, xml: string) => new Paragraph({ children: [new TextRun(`@@${bodies.token}-${bodies.xml.push(xml) - 1}@@`)] });

function entryChildren(entry: Entry, index: number, bodies: Bodies): FileChild[] {
  const narrative = "heading" in entry;
  const children: FileChild[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [new Bookmark({ id: bookmarkOf(index), children: [new TextRun(narrative ? entry.heading : entry.title)] })],
    }),
  ];
  if (!entry.cleared) children.push(new Paragraph({ style: DRAFT_STYLE, children: [new TextRun(draftWords(entry.state))] }));
  for (const section of entry.sections) {
    const heading = houseHeading(narrative ? "country_narrative" : "report_section", section.key, section.label);
    if (heading) children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(heading)] }));
    children.push(placeholder(bodies, sectionXml(section.json as JSONContent, narrative ? 2 : 1, bodies.ctx)));
  }
  // The package writes a section's properties into its last paragraph: an empty one, not a placeholder.
  children.push(new Paragraph({}));
  return children;
}

function cover(report: Report, entries: Entry[]): FileChild[] {
  const children: FileChild[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(reportTitle(report))] })];
  if (report.edition === "preview") {
    const status = report.notCleared.length
      ? `${report.notCleared.length} document(s) are not cleared; their pages are marked DRAFT.`
      : "Every document is cleared.";
    children.push(
      new Paragraph({
        style: DRAFT_STYLE,
        children: [new TextRun(`Preview, not for release. Compiled ${report.generatedAt} from the current text of every document. ${status}`)],
      }),
    );
  } else {
    children.push(
      new Paragraph({
        children: [
          new TextRun({ text: `Published edition: the cleared text frozen at the release (manifest SHA-256 ${report.manifestHash ?? ""}).`, bold: true }),
        ],
      }),
    );
  }
  if (report.notCleared.length) {
    const place = new Map(entries.map((e, i) => [e.documentId, i]));
    children.push(new Paragraph({ children: [new TextRun({ text: `Not yet cleared (${report.notCleared.length})`, bold: true })] }));
    for (const d of report.notCleared) {
      children.push(
        new Paragraph({
          numbering: { reference: BULLETS, level: 0, instance: 0 },
          children: [
            new InternalHyperlink({ anchor: bookmarkOf(place.get(d.documentId)!), children: [new TextRun({ text: d.title, style: "Hyperlink" })] }),
            new TextRun(` \u2014 ${workflowStateLabel(d.state)}`),
          ],
        }),
      );
    }
  }
  children.push(new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-1" }));
  return children;
}

const cell = (text: string, header: boolean) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })] });

function wordTable(spec: TableSpec): FileChild[] {
  const rows = [
    new TableRow({ tableHeader: true, children: spec.header.map((h) => cell(h, true)) }),
    ...spec.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i === 0)) })),
  ];
  const out: FileChild[] = [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: spec.title, bold: true })] }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
  ];
  if (spec.note) out.push(new Paragraph({ children: [new TextRun({ text: spec.note, italics: true, size: 18 })] }));
  return out;
}

export async function renderReportDocx(report: Report): Promise<ArrayBuffer> {
  const entries: Entry[] = [...report.frontSections, ...report.narratives];
  const bodies: Bodies = { token: `body-${crypto.randomUUID().replace(/-/g, "")}`, xml: [], ctx: newBodyContext() };
  const footer = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: [PageNumber.CURRENT], size: 18 })] })],
  });
  const sections: ISectionOptions[] = [
    { footers: { default: footer }, headers: { default: new Header({ children: [new Paragraph("")] }) }, children: cover(report, entries) },
  ];
  entries.forEach((entry, index) => {
    try {
      // A Word section per entry starts on a new page; the footer (page number) carries over from the first.
      sections.push({ headers: { default: runningHeader(report, entry) }, children: entryChildren(entry, index, bodies) });
    } catch (error) {
      throw new ReportDocumentError(entry, "rendering to Word", error);
    }
  });
  const tables = reportTables(report).flatMap((chapter) => [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(chapter.title)] }),
    ...chapter.tables.flatMap(wordTable),
  ]);
  sections.push({
    headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: reportTitle(report), size: 18, color: "555555" })] })] }) },
    children: tables,
  });
  const doc = new Document({
    creator: "TIP Clearance",
    title: reportTitle(report),
    description: report.edition === "preview" ? "Preview (not for release)" : "Published edition",
    features: { updateFields: true },
    numbering: LIST_NUMBERING,
    // Citations in the text (docx-body.ts): their ids were given while the bodies were written, above.
    footnotes: Object.fromEntries(
      bodies.ctx.notes.map((text, i) => [i + 1, { children: [new Paragraph({ style: "FootnoteText", children: [new TextRun(text)] })] }]),
    ),
    styles: {
      default: { document: { run: { font: "Georgia", size: 22 } } },
      paragraphStyles: [{ id: DRAFT_STYLE, name: "Draft mark", basedOn: "Normal", next: "Normal", run: { bold: true, color: RED } }],
    },
    sections,
  });
  try {
    return await withBodies(doc, bodies);
  } catch (error) {
    throw new ApiError(500, "report_render_failed", `The Word document could not be written: ${error instanceof Error ? error.message : String(error)}`, {
      format: "docx",
    });
  }
}

/** Numbers the sections' lists and declares their links in the file, packs it, and puts the text in place of the placeholders. */
async function withBodies(doc: Document, bodies: Bodies): Promise<ArrayBuffer> {
  for (const key of bodies.ctx.lists) {
    const at = key.lastIndexOf("-");
    doc.Numbering.createConcreteNumberingInstance(key.slice(0, at), Number(key.slice(at + 1)));
  }
  const numIds = new Map(doc.Numbering.ConcreteNumbering.map((n) => [`${n.reference}-${n.instance}`, n.numId]));
  for (const [href, id] of bodies.ctx.links) doc.Document.Relationships.addRelationship(id, HYPERLINK_RELATIONSHIP, href, "External");
  const packed = new Uint8Array(await Packer.toArrayBuffer(doc));
  const skeleton = await readZipText(packed, "word/document.xml");
  let placed = 0;
  const pattern = new RegExp(`<w:p><w:r><w:t xml:space="preserve">@@${bodies.token}-(\\d+)@@</w:t></w:r></w:p>`, "g");
  const xml = skeleton.replace(pattern, (_whole, n: string) => {
    placed++;
    return fillListNumbers(bodies.xml[Number(n)]!, numIds);
  });
  if (placed !== bodies.xml.length) throw new Error(`${bodies.xml.length - placed} section(s) found no place in the document`);
  return replaceZipPart(packed, "word/document.xml", xml);
}
