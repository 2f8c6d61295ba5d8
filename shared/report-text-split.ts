/**
 * Cuts the 2024 report's front matter and chapters (shared/data/tip-2024-report.txt, a plain-text
 * rendering of the published report) into the report-section documents: the two letters by their
 * headings, then every chapter at the heading line of its entry in the table of contents.
 *
 * The table of contents and the body's headings do not always agree word for word ("Exploring the
 * Role of and Impacts of …" heads a chapter titled "Exploring the Role and Impacts of …"), so a
 * heading is the next line at or after the previous cut whose words match the entry's closely.
 * Everything from a section's heading to the next section's heading is that section's text,
 * photo captions included; the cover before the first letter and the table of contents itself
 * belong to no section, and the lines between the table of contents and the first chapter (the
 * President's words) open the introduction.
 */
import { REPORT_SECTIONS, type ReportSectionKey } from "./report-sections.ts";

/** Where each report section starts: a heading before the table of contents (the letters) or an entry of it. */
export const SECTION_STARTS_2024: readonly ({ key: ReportSectionKey } & ({ heading: string } | { toc: string }))[] = [
  { key: "secretary-letter", heading: "MESSAGE FROM THE SECRETARY OF STATE" },
  { key: "ambassador-letter", heading: "MESSAGE FROM THE AMBASSADOR-AT-LARGE" },
  { key: "introduction", toc: "Exploring the Role of and Impacts of Digital Technology on Human Trafficking" },
  { key: "human-trafficking-defined", toc: "Human Trafficking Defined" },
  { key: "understanding-human-trafficking", toc: "Understanding Human Trafficking" },
  { key: "topics-of-special-interest", toc: "TOPICS OF SPECIAL INTEREST" },
  { key: "child-soldiers-prevention-act-list", toc: "Child Soldiers Prevention Act List" },
  { key: "state-sponsored-trafficking", toc: "When the Government is the Trafficker: State-Sponsored Trafficking in Persons" },
  { key: "methodology", toc: "Methodology" },
  { key: "tvpa-minimum-standards", toc: "TVPA Minimum Standards for the Elimination of Trafficking in Persons" },
  { key: "non-party-countries", toc: "Countries in the 2024 TIP Report that are not Party to the Protocol" },
  { key: "global-law-enforcement-data", toc: "Global Law Enforcement Data" },
  { key: "tip-report-heroes", toc: "2024 TIP Report Heroes" },
  { key: "tier-placements-and-maps", toc: "Tier Placements and Regional Maps" },
  { key: "peacekeepers", toc: "Stopping Human Trafficking and Sexual Exploitation and Abuse (SEA)" },
  { key: "international-conventions", toc: "Relevant International Conventions" },
  { key: "international-organizations", toc: "International, Regional, and Sub-Regional Organizations Combating Trafficking in Persons" },
  { key: "child-soldiers-report", toc: "Annual Report to Congress on the Use of Child Soldiers" },
  { key: "glossary", toc: "Glossary of Abbreviations" },
  { key: "photo-credits", toc: "Photo Credits" },
  { key: "acknowledgments", toc: "Acknowledgments" },
];

export interface TocEntry {
  title: string;
  /** Null for a group label ("TOPICS OF SPECIAL INTEREST"). */
  page: number | null;
  /** 0-based line of the entry in the table of contents. */
  line: number;
}

export interface ReportPart {
  key: ReportSectionKey;
  title: string;
  /** 0-based, `end` exclusive: the part's lines of the source. */
  start: number;
  end: number;
  /** The source lines, as they are. */
  text: string;
  /** Lines of the part (relative, 0-based) that are the heading of a table-of-contents entry. */
  tocHeadings: number[];
}

export interface SplitReport {
  tableOfContents: TocEntry[];
  /** Lines that belong to no section: the cover (before the first letter) and the table of contents. */
  outside: { start: number; end: number; what: "cover" | "table_of_contents" }[];
  parts: ReportPart[];
}

export class ReportSplitError extends Error {}

const TOC_HEADING = "Table of Contents";
const TOC_ENTRY = /^(.*\S)\t+(\d+)\s*$/;

/** Lower case, letters and digits only, single spaces: "Cuba's Labor" and "Cuba’s labor" agree. */
export function normaliseTitle(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Share of words two titles have in common (Dice over word multisets), 0…1. */
export function titleSimilarity(a: string, b: string): number {
  const wa = normaliseTitle(a).split(" ").filter(Boolean);
  const wb = normaliseTitle(b).split(" ").filter(Boolean);
  if (!wa.length || !wb.length) return 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(w, n - 1);
    }
  }
  return (2 * shared) / (wa.length + wb.length);
}

/** How closely a body line must match a table-of-contents title to be its heading. */
export const HEADING_MATCH = 0.85;

const isGroupLabel = (line: string) => /^[A-Z][A-Z ,'&-]{3,}$/.test(line.trim());

export function readTableOfContents(lines: readonly string[]): { entries: TocEntry[]; start: number; end: number } {
  const start = lines.findIndex((l) => l.trim() === TOC_HEADING);
  if (start < 0) throw new ReportSplitError(`No "${TOC_HEADING}" line.`);
  const entries: TocEntry[] = [];
  let end = start + 1;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const entry = TOC_ENTRY.exec(line);
    if (entry) entries.push({ title: entry[1]!.trim(), page: Number(entry[2]), line: i });
    else if (isGroupLabel(line)) entries.push({ title: line.trim(), page: null, line: i });
    else break;
    end = i + 1;
  }
  if (!entries.length) throw new ReportSplitError("The table of contents lists nothing.");
  return { entries, start, end };
}

/** The entry whose title `toc` starts (the SECTION_STARTS titles may be shortened). */
function tocEntryFor(entries: readonly TocEntry[], toc: string): TocEntry {
  const wanted = normaliseTitle(toc);
  const found = entries.find((e) => normaliseTitle(e.title).startsWith(wanted));
  if (!found) throw new ReportSplitError(`The table of contents has no entry "${toc}".`);
  return found;
}

function findHeading(lines: readonly string[], from: number, title: string): number {
  const limit = Math.max(120, title.length * 1.5);
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.length > limit) continue;
    if (normaliseTitle(line) === normaliseTitle(title) || titleSimilarity(line, title) >= HEADING_MATCH) return i;
  }
  throw new ReportSplitError(`No heading for "${title}" after line ${from + 1}.`);
}

export function splitReportText(source: string): SplitReport {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const toc = readTableOfContents(lines);
  const starts: { key: ReportSectionKey; line: number }[] = [];
  let from = 0;
  for (const start of SECTION_STARTS_2024) {
    if ("heading" in start) {
      const line = lines.findIndex((l, i) => i >= from && i < toc.start && l.trim() === start.heading);
      if (line < 0) throw new ReportSplitError(`No "${start.heading}" line before the table of contents.`);
      starts.push({ key: start.key, line });
      from = line + 1;
    }
  }
  // Every entry's heading, in the table's order: the sections' cuts and the headings inside them (the topics).
  const headingOf = new Map<TocEntry, number>();
  let cursor = toc.end;
  for (const entry of toc.entries) {
    const line = findHeading(lines, cursor, entry.title);
    headingOf.set(entry, line);
    cursor = line + 1;
  }
  for (const start of SECTION_STARTS_2024) {
    if ("toc" in start) starts.push({ key: start.key, line: headingOf.get(tocEntryFor(toc.entries, start.toc))! });
  }
  const keys = new Set(starts.map((s) => s.key));
  const missing = REPORT_SECTIONS.filter((s) => !keys.has(s.key));
  if (missing.length) throw new ReportSplitError(`No start for ${missing.map((s) => s.key).join(", ")}.`);

  const tocHeadingLines = new Set(headingOf.values());
  const parts = starts.map((s, i): ReportPart => {
    // The introduction opens right after the table of contents, with the words quoted before its heading.
    const start = s.key === "introduction" ? toc.end : s.line;
    const end = i + 1 < starts.length ? (starts[i + 1]!.key === "introduction" ? toc.start : starts[i + 1]!.line) : lines.length;
    if (end <= start) throw new ReportSplitError(`The section ${s.key} has no lines.`);
    const partLines = lines.slice(start, end);
    return {
      key: s.key,
      title: REPORT_SECTIONS.find((r) => r.key === s.key)!.title,
      start,
      end,
      text: partLines.join("\n"),
      tocHeadings: partLines.flatMap((_, j) => (tocHeadingLines.has(start + j) || j === s.line - start ? [j] : [])),
    };
  });
  return {
    tableOfContents: toc.entries,
    outside: [
      { start: 0, end: parts[0]!.start, what: "cover" },
      { start: toc.start, end: toc.end, what: "table_of_contents" },
    ],
    parts,
  };
}
