/**
 * What a document's Y.Doc holds: one rich-text fragment (Y.XmlFragment, edited with Tiptap) per
 * section, in house order. Keys are the fragment names; they never change once text exists.
 */
import type { DocumentKind } from "./documents.ts";

export interface SectionDefinition {
  key: string;
  label: string;
}

export const NARRATIVE_SECTIONS: readonly SectionDefinition[] = [
  { key: "summary", label: "Summary" },
  { key: "recommendations", label: "Prioritized Recommendations" },
  { key: "prosecution", label: "Prosecution" },
  { key: "protection", label: "Protection" },
  { key: "prevention", label: "Prevention" },
  { key: "profile", label: "Trafficking Profile" },
];

export const REPORT_SECTION_SECTIONS: readonly SectionDefinition[] = [{ key: "body", label: "Body" }];

export function documentSections(kind: DocumentKind): readonly SectionDefinition[] {
  return kind === "country_narrative" ? NARRATIVE_SECTIONS : REPORT_SECTION_SECTIONS;
}

/** A document id names its kind: `2025-section-methodology` is a report section, `2025-bahrain` a narrative. */
export function kindOfDocumentId(documentId: string): DocumentKind {
  return /^\d{4}-section-/.test(documentId) ? "report_section" : "country_narrative";
}
