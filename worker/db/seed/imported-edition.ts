/**
 * The 2024 report as an imported published edition (source `import`): a released 2024 cycle
 * whose report sections are the 2024 text cut by its table of contents, each recorded as a
 * snapshot exactly as a room renders it, with the edition's manifest. The 2025 cycle's report
 * sections start from these texts. The seed holds no country narratives, so the edition has none.
 *
 * A recorded text can be longer than D1 takes in one statement (100,000 bytes), so each is
 * written in pieces to a scratch table and put together by the INSERT that records it.
 */
import type { EditionManifest } from "#shared/api/report.ts";
import { canonicalJson } from "#shared/canonical-json.ts";
import { standardMilestones } from "#shared/cycles.ts";
import { sectionDocumentId } from "#shared/documents.ts";
import { docFromSections, recordedTextOf, type RecordedText } from "#shared/recorded-text.ts";
import { splitReportText } from "#shared/report-text-split.ts";
import { sha256HexSync } from "#shared/sha256.ts";
import { textToProsemirror } from "#shared/text-to-prosemirror.ts";
import { openCycleStatements } from "../../cycles/open-cycle-sql.ts";
import { insert, literalPieces, sqlValue } from "./sql-text.ts";

export const IMPORTED_EDITION_YEAR = 2024;
/** The day the 2024 report was released. */
const RELEASED_AT = "2024-06-24T00:00:00.000Z";
const SCRATCH = "seed_text_parts";

export interface ImportedDocument {
  id: string;
  key: string;
  title: string;
  recorded: RecordedText;
}

export interface ImportedEdition {
  year: number;
  documents: ImportedDocument[];
  manifest: EditionManifest;
  manifestHash: string;
}

let cached: { source: string; edition: ImportedEdition } | null = null;

export function importedEdition(reportText: string): ImportedEdition {
  if (cached?.source === reportText) return cached.edition;
  const year = IMPORTED_EDITION_YEAR;
  const documents = splitReportText(reportText).parts.map((part): ImportedDocument => {
    const doc = docFromSections([{ key: "body", json: textToProsemirror(part.text, part.tocHeadings) }]);
    return { id: sectionDocumentId(year, part.key), key: part.key, title: part.title, recorded: recordedTextOf(doc, "report_section") };
  });
  const manifest: EditionManifest = {
    version: 1,
    year,
    releasedAt: RELEASED_AT,
    documents: documents.map((d) => ({
      documentId: d.id,
      kind: "report_section",
      title: d.title,
      countryId: null,
      sectionKey: d.key,
      tier: null,
      snapshotHash: d.recorded.hash,
    })),
  };
  const edition = { year, documents, manifest, manifestHash: sha256HexSync(canonicalJson(manifest)) };
  cached = { source: reportText, edition };
  return edition;
}

/** The released 2024 cycle, its published report sections, their recorded texts and the frozen edition. Idempotent. */
export function importedEditionStatements(edition: ImportedEdition): string[] {
  const { year } = edition;
  const statements = openCycleStatements({ year, milestones: standardMilestones(year), status: "released", mode: "idempotent", documents: false });
  statements.push(`CREATE TABLE IF NOT EXISTS ${SCRATCH} (id TEXT NOT NULL, part INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (id, part));`);
  edition.documents.forEach((d, position) => {
    // Published as it was released; the room of a 2024 document shows the same text (it starts from its own snapshot).
    statements.push(
      insert("documents", {
        id: d.id,
        cycle_year: year,
        kind: "report_section",
        section_key: d.key,
        title: d.title,
        state: "published",
        text_hash: d.recorded.hash,
        sort_order: position,
        starting_document_id: d.id,
        starting_snapshot_hash: d.recorded.hash,
      }),
    );
    literalPieces(JSON.stringify(d.recorded.sections)).forEach((text, part) => statements.push(insert(SCRATCH, { id: d.id, part, text })));
    statements.push(
      `INSERT INTO document_snapshots (document_id, hash, through_seq, taken_at, taken_by, sections) ` +
        `SELECT ${sqlValue(d.id)}, ${sqlValue(d.recorded.hash)}, 0, ${sqlValue(RELEASED_AT)}, 'system', (SELECT group_concat(text, '' ORDER BY part) FROM ${SCRATCH} WHERE id = ${sqlValue(d.id)}) ` +
        `WHERE true ON CONFLICT DO NOTHING;`,
    );
  });
  statements.push(`DROP TABLE ${SCRATCH};`);
  statements.push(
    insert("published_editions", {
      cycle_year: year,
      released_at: RELEASED_AT,
      released_by: null,
      source: "import",
      manifest_hash: edition.manifestHash,
      manifest: JSON.stringify(edition.manifest),
    }),
  );
  edition.documents.forEach((d, position) =>
    statements.push(insert("published_edition_documents", { cycle_year: year, document_id: d.id, snapshot_hash: d.recorded.hash, position })),
  );
  return statements;
}
