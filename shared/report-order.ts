/**
 * How the compiled report is laid out, as the 2024 report is: the report's own sections in their
 * table-of-contents order, then the country narratives alphabetically, each headed `COUNTRY: TIER`
 * with its sections under the house headings (the summary paragraph has none), then the tables.
 * What is not cleared is marked DRAFT and listed first.
 */
import type { DocumentKind } from "./documents.ts";
import type { WorkflowState } from "./workflow-states.ts";

/** Text that has final clearance: what a release publishes. Everything else is a draft in a preview. */
export const CLEARED_STATES: readonly WorkflowState[] = ["cleared", "published"];

export function isCleared(state: WorkflowState): boolean {
  return CLEARED_STATES.includes(state);
}

// Accents and case do not move a country ("Côte d'Ivoire" sorts with "Cote"), as in the report's index.
const collator = new Intl.Collator("en", { sensitivity: "base", ignorePunctuation: false });

export function compareCountries(a: string, b: string): number {
  return collator.compare(a, b);
}

export interface Orderable {
  kind: DocumentKind;
  /** Report sections: their place in the table of contents. */
  sortOrder: number;
  /** Narratives: the country's name. */
  country: string | null;
  documentId: string;
}

/** Report sections by their table-of-contents order, then narratives alphabetically by country (ties by id, so the order is total). */
export function compareReportOrder(a: Orderable, b: Orderable): number {
  if (a.kind !== b.kind) return a.kind === "report_section" ? -1 : 1;
  const byPlace = a.kind === "report_section" ? a.sortOrder - b.sortOrder : compareCountries(a.country ?? "", b.country ?? "");
  return byPlace || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0);
}

export function inReportOrder<T extends Orderable>(entries: readonly T[]): T[] {
  return [...entries].sort(compareReportOrder);
}

/**
 * The heading a section prints under: a narrative's house headings in capitals ("PRIORITIZED
 * RECOMMENDATIONS:", "PROSECUTION"), none for its summary paragraph, none for a report
 * section's single body (its own headings structure it).
 */
export function houseHeading(kind: DocumentKind, sectionKey: string, label: string): string | null {
  if (kind !== "country_narrative" || sectionKey === "summary") return null;
  const heading = label.toUpperCase();
  return sectionKey === "recommendations" ? `${heading}:` : heading;
}

/** The file a rendering downloads as: `tip-report-2025-preview.docx`. */
export function reportFilename(year: number, edition: string, format: string): string {
  return `tip-report-${year}-${edition}.${format}`;
}
