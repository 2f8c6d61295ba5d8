/**
 * A document's clearance picture: its list (its own, or the cycle's defaults until the reviewer
 * sets one), every clearance recorded, and where each office stands for the current text.
 * Loaded for one document, or for a whole cycle at once (inbox, lists) in three queries, which those
 * callers batch with their own reads.
 */
import { and, asc, eq, type SQL } from "drizzle-orm";
import {
  isStale,
  officeStatuses,
  resolveDefaultClearances,
  type ClearanceListEntry,
  type ClearanceMode,
  type DefaultClearance,
  type OfficeClearanceStatus,
} from "#shared/clearance.ts";
import { CLEARING_OFFICES } from "#shared/roles.ts";
import type { DocumentKind } from "#shared/documents.ts";
import type { Database } from "../db/client.ts";
import { clearanceDefaults, clearances, documentClearanceOffices, documents } from "../db/schema.ts";
import type { DocumentSummary } from "../documents/document-queries.ts";

export type RecordedClearanceView = typeof clearances.$inferSelect;

export interface ClearanceState {
  /** True when the document has its own list; false while it follows the cycle's defaults. */
  listIsOwn: boolean;
  list: ClearanceListEntry[];
  offices: { officeCode: string; officeName: string; mode: ClearanceMode; status: OfficeClearanceStatus; clearance: RecordedClearanceView | null }[];
  /** Offices that must still clear the current text (only while the document is in clearance). */
  pending: string[];
  /** Clearances given in earlier rounds or for other text: kept and shown, no longer counted. */
  stale: RecordedClearanceView[];
}

const OFFICE_NAMES = new Map<string, string>(CLEARING_OFFICES.map((o) => [o.code, o.name]));

type ClearanceDoc = Pick<DocumentSummary, "id" | "cycleYear" | "kind" | "regionCode" | "state" | "clearanceRound" | "textHash">;

function buildState(doc: ClearanceDoc, own: ClearanceListEntry[], defaults: DefaultClearance[], recorded: RecordedClearanceView[]): ClearanceState {
  const list = own.length ? own : resolveDefaultClearances(defaults, doc.regionCode);
  const current = { round: doc.clearanceRound, textHash: doc.textHash };
  const started = doc.state !== "drafting" && doc.state !== "returned" && doc.state !== "in_review";
  const offices = officeStatuses(list, recorded, current).map((o) => ({
    ...o,
    status: !started && o.status === "pending" ? ("not_started" as const) : o.status,
    officeName: OFFICE_NAMES.get(o.officeCode) ?? o.officeCode,
    clearance: recorded.find((r) => r.officeCode === o.officeCode && !isStale(r, current)) ?? null,
  }));
  return {
    listIsOwn: own.length > 0,
    list,
    offices,
    pending: doc.state === "in_clearance" ? offices.filter((o) => o.mode === "clear" && o.status === "pending").map((o) => o.officeCode) : [],
    stale: recorded.filter((r) => isStale(r, current)),
  };
}

/** The three reads behind a clearance picture, as one batch item list (one D1 round trip). */
function clearanceQueries(db: Database, cycleYear: number, where: { clearances: SQL | undefined; offices: SQL | undefined }) {
  return [
    db
      .select({ documentId: documentClearanceOffices.documentId, officeCode: documentClearanceOffices.officeCode, mode: documentClearanceOffices.mode })
      .from(documentClearanceOffices)
      .innerJoin(documents, eq(documents.id, documentClearanceOffices.documentId))
      .where(and(eq(documents.cycleYear, cycleYear), where.offices))
      .orderBy(asc(documentClearanceOffices.setAt), asc(documentClearanceOffices.officeCode)),
    db
      .select({ kind: clearanceDefaults.documentKind, office: clearanceDefaults.office, mode: clearanceDefaults.mode })
      .from(clearanceDefaults)
      .where(eq(clearanceDefaults.cycleYear, cycleYear)),
    db
      .select({ clearance: clearances })
      .from(clearances)
      .innerJoin(documents, eq(documents.id, clearances.documentId))
      .where(and(eq(documents.cycleYear, cycleYear), where.clearances))
      .orderBy(asc(clearances.id)),
  ] as const;
}

function loadClearanceRows(db: Database, cycleYear: number, where: Parameters<typeof clearanceQueries>[2]) {
  return db.batch(clearanceQueries(db, cycleYear, where));
}

type ClearanceRows = Awaited<ReturnType<typeof loadClearanceRows>>;

function assemble(docs: ClearanceDoc[], [own, defaults, recorded]: ClearanceRows): Map<string, ClearanceState> {
  const defaultsByKind = (kind: DocumentKind) => defaults.filter((d) => d.kind === kind);
  return new Map(
    docs.map((doc) => [
      doc.id,
      buildState(
        doc,
        own.filter((o) => o.documentId === doc.id),
        defaultsByKind(doc.kind),
        recorded.map((r) => r.clearance).filter((c) => c.documentId === doc.id),
      ),
    ]),
  );
}

export async function loadClearanceState(db: Database, doc: ClearanceDoc): Promise<ClearanceState> {
  const rows = await loadClearanceRows(db, doc.cycleYear, {
    clearances: eq(clearances.documentId, doc.id),
    offices: eq(documentClearanceOffices.documentId, doc.id),
  });
  return assemble([doc], rows).get(doc.id)!;
}

/**
 * Every document of one cycle from the same three queries, whatever the documents (D1 caps bound
 * parameters, so no IN over hundreds of ids): a caller may batch them with its own reads.
 */
export function cycleClearanceQueries(db: Database, cycleYear: number) {
  return clearanceQueries(db, cycleYear, { clearances: undefined, offices: undefined });
}

/** The clearance pictures of `docs`, from the rows of `cycleClearanceQueries`. */
export function clearanceStatesFrom(docs: ClearanceDoc[], rows: ClearanceRows): Map<string, ClearanceState> {
  return docs.length ? assemble(docs, rows) : new Map();
}
