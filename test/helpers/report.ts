/**
 * Builders for the report compiler's tests: a small cycle of its own, rich text written into the
 * rooms as an editor would (through the real room route), recorded texts, and a published edition
 * inserted as the release will write it (EditionManifestSchema), so these tests do not depend on
 * the release code.
 */
import { env } from "cloudflare:workers";
import { getSchema, type JSONContent } from "@tiptap/core";
import { expect } from "vitest";
import { prosemirrorJSONToYXmlFragment } from "y-prosemirror";
import { canonicalJson, sha256Hex } from "#shared/canonical-json.ts";
import type { EditionManifest } from "#shared/api/report.ts";
import { RICH_TEXT_EXTENSIONS } from "#shared/rich-text-schema.ts";
import { database } from "../../worker/db/client.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { snapshotInsert } from "../../worker/documents/snapshots.ts";
import { RoomClient, waitFor } from "./room-client.ts";

/** A drafter with a global grant: the only kind of drafter who may type into report sections. */
export const GLOBAL_DRAFTER = "report-test-drafter";

export async function ensureGlobalDrafter(): Promise<string> {
  await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO users (id, email, name) VALUES (?, 'report.drafter@tip.example.gov', 'Report Drafter')").bind(GLOBAL_DRAFTER),
    env.DB.prepare(
      "INSERT OR IGNORE INTO role_assignments (id, user_id, role, scope_type, grant_key) VALUES (?, ?, 'drafter', 'global', 'drafter|global|')",
    ).bind(`${GLOBAL_DRAFTER}-grant`, GLOBAL_DRAFTER),
  ]);
  return GLOBAL_DRAFTER;
}

export interface SmallCycleDocument {
  /** A country id (a narrative) or `section:<key>` (a report section). */
  key: string;
  title: string;
  sortOrder?: number;
}

/** A cycle with only these documents, all drafting, with the 2025 cycle's clearance defaults. */
export async function smallCycle(year: number, docs: SmallCycleDocument[]): Promise<string[]> {
  const statements = [
    env.DB.prepare(
      "INSERT INTO report_cycles (year, period_start, period_end, drafting_due, review_due, clearance_due, final_clearance_due, release_date) VALUES (?, '2029-04-01', '2030-03-31', '2030-01-01', '2030-02-01', '2030-03-01', '2030-04-01', '2030-06-20')",
    ).bind(year),
    env.DB.prepare(
      "INSERT INTO clearance_defaults (cycle_year, document_kind, office, mode) SELECT ?, document_kind, office, mode FROM clearance_defaults WHERE cycle_year = 2025",
    ).bind(year),
  ];
  const ids: string[] = [];
  for (const [i, d] of docs.entries()) {
    const section = d.key.startsWith("section:") ? d.key.slice("section:".length) : null;
    const id = section ? `${year}-section-${section}` : `${year}-${d.key}`;
    ids.push(id);
    statements.push(
      env.DB.prepare("INSERT INTO documents (id, cycle_year, kind, country_id, section_key, title, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)").bind(
        id,
        year,
        section ? "report_section" : "country_narrative",
        section ? null : d.key,
        section,
        d.title,
        d.sortOrder ?? i,
      ),
    );
  }
  await env.DB.batch(statements);
  return ids;
}

const schema = getSchema(RICH_TEXT_EXTENSIONS);

/** Writes each section's ProseMirror document into the room as `userId` and waits until the room has stored all of it. */
export async function writeSections(userId: string, documentId: string, sections: Record<string, JSONContent>): Promise<void> {
  const client = await RoomClient.open(userId, documentId);
  client.doc.transact(() => {
    for (const [key, doc] of Object.entries(sections)) prosemirrorJSONToYXmlFragment(schema, doc, client.doc.getXmlFragment(key));
  });
  await waitFor(() => client.answers().length === client.updateMessagesSent, `room of ${documentId} stored the text`);
  expect(
    client.answers().every((a) => a.type === "saved"),
    JSON.stringify(client.answers()),
  ).toBe(true);
  client.close();
}

export const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
export const paragraph = (...content: (JSONContent | string)[]): JSONContent => ({
  type: "paragraph",
  content: content.map((c) => (typeof c === "string" ? text(c) : c)),
});
export const bullets = (...items: string[]): JSONContent => ({
  type: "bulletList",
  content: items.map((i) => ({ type: "listItem", content: [paragraph(i)] })),
});
export const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

/** Records the room's current text as the workflow does (same row shape, same hash); returns the hash. */
export async function recordSnapshot(documentId: string): Promise<string> {
  const snapshot = await documentRoom(env, documentId).snapshot();
  await snapshotInsert(database(env), snapshot, "report-test").run();
  return snapshot.hash;
}

/** A recorded text inserted as it is given (snapshots are append-only; inserting is allowed): a legacy row without JSON, or a damaged one. */
export async function insertSnapshot(
  documentId: string,
  hash: string,
  sections: { key: string; label: string; html: string; text: string; json?: string }[],
): Promise<string> {
  await env.DB.prepare("INSERT INTO document_snapshots (document_id, hash, through_seq, taken_at, taken_by, sections) VALUES (?, ?, 0, ?, 'report-test', ?)")
    .bind(documentId, hash, new Date().toISOString(), JSON.stringify(sections))
    .run();
  return hash;
}

/**
 * The published edition as the release writes it: the manifest (report order, each document's
 * recorded text and frozen tier), its hash, one row per document; documents published, cycle
 * released, the frozen tiers written into the countries' tier history.
 */
export async function publishEdition(year: number, entries: { documentId: string; snapshotHash: string; tier?: string | null }[]): Promise<EditionManifest> {
  const documents: EditionManifest["documents"] = [];
  for (const e of entries) {
    const row = (await env.DB.prepare("SELECT kind, title, country_id, section_key FROM documents WHERE id = ?")
      .bind(e.documentId)
      .first<{ kind: string; title: string; country_id: string | null; section_key: string | null }>())!;
    documents.push({
      documentId: e.documentId,
      kind: row.kind as "country_narrative",
      title: row.title,
      countryId: row.country_id,
      sectionKey: row.section_key,
      tier: (e.tier ?? null) as null,
      snapshotHash: e.snapshotHash,
    });
  }
  const manifest: EditionManifest = { version: 1, year, releasedAt: new Date().toISOString(), documents };
  const statements = [
    env.DB.prepare(
      "INSERT INTO published_editions (cycle_year, released_at, released_by, source, manifest_hash, manifest) VALUES (?, ?, 'demo-ambassador', 'release', ?, ?)",
    ).bind(year, manifest.releasedAt, await sha256Hex(canonicalJson(manifest)), JSON.stringify(manifest)),
    ...entries.map((e, i) =>
      env.DB.prepare("INSERT INTO published_edition_documents (cycle_year, document_id, snapshot_hash, position) VALUES (?, ?, ?, ?)").bind(
        year,
        e.documentId,
        e.snapshotHash,
        i,
      ),
    ),
    env.DB.prepare("UPDATE documents SET state = 'published', version = version + 1 WHERE cycle_year = ?").bind(year),
    env.DB.prepare("UPDATE report_cycles SET status = 'released' WHERE year = ?").bind(year),
    ...documents
      .filter((d) => d.countryId && d.tier)
      .map((d) =>
        env.DB.prepare("INSERT INTO tier_history (country_id, report_year, tier, source) VALUES (?, ?, ?, 'release')").bind(d.countryId, year, d.tier),
      ),
  ];
  await env.DB.batch(statements);
  return manifest;
}

/** The paragraphs of a WordprocessingML part: style (or null) and text, in document order. */
export function wordParagraphs(xml: string): { style: string | null; text: string }[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>(.*?)<\/w:p>/gs)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[1]!)?.[1] ?? null,
    text: [...m[1]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) =>
        t[1]!
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'")
          .replace(/&amp;/g, "&"),
      )
      .join(""),
  }));
}
