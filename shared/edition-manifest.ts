/**
 * A published edition's manifest: every document it froze, in report order (the report's own
 * sections in their table-of-contents order, then the country narratives alphabetically), each
 * with the hash of its exact recorded text and its final tier. `manifestHash` is SHA-256 over the
 * manifest's canonical JSON; the release's signed audit checkpoint carries it.
 */
import type { EditionManifest } from "./api/report.ts";
import { canonicalJson, sha256Hex } from "./canonical-json.ts";
import type { DocumentKind } from "./documents.ts";
import type { TierCode } from "./tiers.ts";

export interface EditionDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  countryId: string | null;
  sectionKey: string | null;
  sortOrder: number;
}

/** Report order: report sections by their place in the table of contents, then narratives by country name. */
export function reportOrder<T extends Pick<EditionDocument, "kind" | "title" | "sortOrder">>(docs: readonly T[]): T[] {
  return [...docs].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === "report_section" ? -1 : 1;
    return a.kind === "report_section" ? a.sortOrder - b.sortOrder : a.title.localeCompare(b.title, "en");
  });
}

export function buildManifest(
  year: number,
  releasedAt: string,
  docs: readonly (EditionDocument & { snapshotHash: string; tier: TierCode | null })[],
): EditionManifest {
  return {
    version: 1,
    year,
    releasedAt,
    documents: reportOrder(docs).map((d) => ({
      documentId: d.id,
      kind: d.kind,
      title: d.title,
      countryId: d.countryId,
      sectionKey: d.sectionKey,
      tier: d.kind === "country_narrative" ? d.tier : null,
      snapshotHash: d.snapshotHash,
    })),
  };
}

export function manifestHash(manifest: EditionManifest): Promise<string> {
  return sha256Hex(canonicalJson(manifest));
}
