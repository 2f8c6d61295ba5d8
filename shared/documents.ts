/** Document kinds and the readable, stable ids documents are known by (`2025-afghanistan`). */
export const DOCUMENT_KINDS = ["country_narrative", "report_section"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Lower-case ASCII slug: "Côte d'Ivoire" -> "cote-d-ivoire". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function countryDocumentId(year: number, countryId: string): string {
  return `${year}-${countryId}`;
}

export function sectionDocumentId(year: number, sectionKey: string): string {
  return `${year}-section-${sectionKey}`;
}

export const DOCUMENT_ID_PATTERN = /^\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
