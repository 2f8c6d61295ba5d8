/**
 * The one document model: what was gathered (each document's recorded or current text, in report
 * order, and the two tables) becomes a `Report` (shared/api/report.ts). HTML, DOCX and JSON are
 * renderings of this object. A document whose text cannot be read fails the whole compile with an
 * error that names it, so the person fixing it knows where to look.
 */
import type { JSONContent } from "@tiptap/core";
import type { DocumentKind } from "#shared/documents.ts";
import type { Report, ReportEdition, SnapshotSection } from "#shared/api/report.ts";
import { isCleared } from "#shared/report-order.ts";
import { narrativeHeading, type TierCode } from "#shared/tiers.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";
import { ApiError } from "../http/api-error.ts";
import { htmlToDoc } from "./legacy-html.ts";

/** One document as gathered: its place, its workflow standing and the text the report prints. */
export interface GatheredEntry {
  documentId: string;
  kind: DocumentKind;
  title: string;
  state: WorkflowState;
  sortOrder: number;
  countryId: string | null;
  country: string | null;
  regionCode: string | null;
  sectionKey: string | null;
  tier: TierCode | null;
  snapshotHash: string;
  sections: SnapshotSection[];
}

export interface GatheredReport {
  year: number;
  edition: ReportEdition;
  manifestHash: string | null;
  /** In report order (gather decides it: the frozen manifest's for a published edition). */
  entries: GatheredEntry[];
  tierPlacements: Report["tierPlacements"];
  lawEnforcement: Report["lawEnforcement"];
}

/** A failure that belongs to one document: the API error and the progress stream's `error` line name it. */
export class ReportDocumentError extends ApiError {
  constructor(entry: { documentId: string; title: string }, what: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(500, "report_document_failed", `The report could not be compiled: ${what} of "${entry.title}" (${entry.documentId}) failed: ${reason}`, {
      documentId: entry.documentId,
      title: entry.title,
      cause: reason,
    });
  }
}

/** A section's ProseMirror document: the recorded JSON, or (older snapshots) read back from its HTML. */
function sectionDoc(section: SnapshotSection): JSONContent {
  if (section.json === undefined) return htmlToDoc(section.html);
  const doc = JSON.parse(section.json) as JSONContent;
  if (!doc || typeof doc !== "object" || doc.type !== "doc" || (doc.content !== undefined && !Array.isArray(doc.content))) {
    throw new Error(`section "${section.key}" holds no document`);
  }
  return doc;
}

export function buildReport(gathered: GatheredReport, generatedAt = new Date().toISOString()): Report {
  const frontSections: Report["frontSections"] = [];
  const narratives: Report["narratives"] = [];
  const notCleared: Report["notCleared"] = [];
  for (const entry of gathered.entries) {
    // A published edition holds only cleared text: a release requires it.
    const cleared = gathered.edition === "published" || isCleared(entry.state);
    if (!cleared) notCleared.push({ documentId: entry.documentId, title: entry.title, state: entry.state });
    const sections = entry.sections.map((section) => {
      try {
        return { key: section.key, label: section.label, html: section.html, json: sectionDoc(section) };
      } catch (error) {
        throw new ReportDocumentError(entry, `reading the "${section.label}" section`, error);
      }
    });
    const base = { documentId: entry.documentId, title: entry.title, state: entry.state, cleared, snapshotHash: entry.snapshotHash, sections };
    if (entry.kind === "report_section") {
      frontSections.push({ ...base, sectionKey: entry.sectionKey ?? entry.documentId });
    } else {
      const country = entry.country ?? entry.title;
      narratives.push({
        ...base,
        countryId: entry.countryId ?? entry.documentId,
        country,
        regionCode: entry.regionCode ?? "",
        tier: entry.tier,
        heading: narrativeHeading(country, entry.tier),
      });
    }
  }
  return {
    year: gathered.year,
    edition: gathered.edition,
    generatedAt,
    manifestHash: gathered.manifestHash,
    notCleared,
    frontSections,
    narratives,
    tierPlacements: gathered.tierPlacements,
    lawEnforcement: gathered.lawEnforcement,
  };
}
