/**
 * Gathers what the report prints, in report order, reporting each document as it arrives:
 * - a preview: every document of the cycle with its current room text (one Durable Object RPC per
 *   document, a few at a time), report sections by their table-of-contents order, then the
 *   narratives alphabetically; a narrative's tier is its final tier, else the approved one;
 * - a published edition: the frozen manifest's documents in its order, each with the recorded
 *   text (snapshot) the manifest names and the tier it froze, read from D1 in chunks.
 * Then the tier placement and law-enforcement tables, from the same queries as their own routes.
 * A document that cannot be read fails the gather with an error naming it.
 */
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { ReportEdition, SnapshotSection } from "#shared/api/report.ts";
import { inReportOrder } from "#shared/report-order.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { lawEnforcementData } from "../cycles/law-enforcement-data.ts";
import { requireCycle } from "../cycles/cycle-queries.ts";
import { database, type Database } from "../db/client.ts";
import { countries, documents, documentSnapshots, publishedEditionDocuments, publishedEditions } from "../db/schema.ts";
import { listDocuments } from "../documents/document-queries.ts";
import type { Env } from "../env.ts";
import { ApiError } from "../http/api-error.ts";
import { documentRoom } from "../rooms/room-directory.ts";
import { tierPlacements } from "../tiers/tier-placements-queries.ts";
import { ReportDocumentError, type GatheredEntry, type GatheredReport } from "./compile.ts";

export interface GatherProgress {
  done: number;
  total: number;
  documentId: string;
  title: string;
}

export type OnProgress = (progress: GatherProgress) => void | Promise<void>;

/** Room RPCs in flight at once: the runtime allows six open connections per request. */
const ROOM_CONCURRENCY = 6;
/** Recorded texts read per D1 query (each is tens of KB; a chunk stays well under D1's response sizes). */
const SNAPSHOT_CHUNK = 20;

/** Only what the report prints: the room's Yjs state and the plain text stay behind. */
const keep = (sections: readonly SnapshotSection[]): SnapshotSection[] =>
  sections.map(({ key, label, html, json }) => ({ key, label, html, text: "", ...(json === undefined ? {} : { json }) }));

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export const unpublished = (year: number) =>
  new ApiError(
    404,
    "not_published",
    `The ${year} report has not been released: there is no published edition yet. Ask for ?edition=preview to see the current text.`,
    { year },
  );

async function previewEntries(env: Env, db: Database, year: number, onProgress: OnProgress): Promise<GatheredEntry[]> {
  const docs = await listDocuments(db, year, { all: true }, {});
  const sortOrders = new Map(
    (await db.select({ id: documents.id, sortOrder: documents.sortOrder }).from(documents).where(eq(documents.cycleYear, year))).map((r) => [
      r.id,
      r.sortOrder,
    ]),
  );
  const entries = inReportOrder(
    docs.map((d) => ({
      documentId: d.id,
      kind: d.kind,
      title: d.title,
      state: d.state,
      sortOrder: sortOrders.get(d.id) ?? 0,
      countryId: d.countryId,
      country: d.kind === "country_narrative" ? d.title : null,
      regionCode: d.regionCode,
      sectionKey: d.sectionKey,
      tier: d.approvedTier,
      snapshotHash: "",
      sections: [] as SnapshotSection[],
    })),
  );
  let done = 0;
  await eachLimited(entries, ROOM_CONCURRENCY, async (entry) => {
    try {
      const snapshot = await documentRoom(env, entry.documentId).snapshot();
      entry.snapshotHash = snapshot.hash;
      entry.sections = keep(snapshot.sections);
    } catch (error) {
      throw new ReportDocumentError(entry, "reading the current text from its room", error);
    }
    await onProgress({ done: ++done, total: entries.length, documentId: entry.documentId, title: entry.title });
  });
  return entries;
}

async function publishedEntries(db: Database, year: number, onProgress: OnProgress): Promise<{ entries: GatheredEntry[]; manifestHash: string }> {
  const edition = await db.select().from(publishedEditions).where(eq(publishedEditions.cycleYear, year)).get();
  if (!edition) throw unpublished(year);
  const rows = await db
    .select({
      documentId: publishedEditionDocuments.documentId,
      snapshotHash: publishedEditionDocuments.snapshotHash,
      state: documents.state,
      sortOrder: documents.sortOrder,
      regionCode: countries.regionCode,
      country: countries.name,
    })
    .from(publishedEditionDocuments)
    .innerJoin(documents, eq(documents.id, publishedEditionDocuments.documentId))
    .leftJoin(countries, eq(countries.id, documents.countryId))
    .where(eq(publishedEditionDocuments.cycleYear, year))
    .orderBy(asc(publishedEditionDocuments.position));
  const manifest = new Map(edition.manifest.documents.map((d) => [d.documentId, d]));
  const entries: GatheredEntry[] = rows.map((r) => {
    const frozen = manifest.get(r.documentId);
    return {
      documentId: r.documentId,
      kind: frozen?.kind ?? "country_narrative",
      title: frozen?.title ?? r.documentId,
      state: r.state,
      sortOrder: r.sortOrder,
      countryId: frozen?.countryId ?? null,
      country: r.country,
      regionCode: r.regionCode,
      sectionKey: frozen?.sectionKey ?? null,
      tier: frozen?.tier ?? null,
      snapshotHash: r.snapshotHash,
      sections: [],
    };
  });
  let done = 0;
  for (let start = 0; start < entries.length; start += SNAPSHOT_CHUNK) {
    const chunk = entries.slice(start, start + SNAPSHOT_CHUNK);
    // The column's raw text: a row that does not parse is then this document's failure, not the chunk's.
    const found = await db
      .select({ documentId: documentSnapshots.documentId, sections: sql<string>`${documentSnapshots.sections}` })
      .from(documentSnapshots)
      .where(or(...chunk.map((e) => and(eq(documentSnapshots.documentId, e.documentId), eq(documentSnapshots.hash, e.snapshotHash)))));
    const byDocument = new Map(found.map((f) => [f.documentId, f.sections]));
    for (const entry of chunk) {
      const raw = byDocument.get(entry.documentId);
      try {
        if (raw === undefined) throw new Error(`the recorded text ${entry.snapshotHash} is missing`);
        const sections = JSON.parse(raw) as SnapshotSection[];
        if (!Array.isArray(sections)) throw new Error("the recorded text holds no sections");
        entry.sections = keep(sections);
      } catch (error) {
        throw new ReportDocumentError(entry, "reading the recorded text", error);
      }
      await onProgress({ done: ++done, total: entries.length, documentId: entry.documentId, title: entry.title });
    }
  }
  return { entries, manifestHash: edition.manifestHash };
}

/**
 * Everything the compiler needs. `tablesReader` is whose view the tables are computed for: the
 * caller for a preview; for a published edition, a reader of everything (the tables are public).
 */
export async function gatherReport(
  env: Env,
  year: number,
  edition: ReportEdition,
  tablesReader: CurrentUser,
  onProgress: OnProgress = () => {},
): Promise<GatheredReport> {
  const db = database(env);
  await requireCycle(db, year);
  const { entries, manifestHash } =
    edition === "published" ? await publishedEntries(db, year, onProgress) : { entries: await previewEntries(env, db, year, onProgress), manifestHash: null };
  const [placements, lawEnforcement] = [await tierPlacements(db, year, tablesReader), await lawEnforcementData(db, year, tablesReader)];
  return { year, edition, manifestHash, entries, tierPlacements: placements, lawEnforcement };
}
