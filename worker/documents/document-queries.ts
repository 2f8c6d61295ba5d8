/** Reads of documents with what every view shows beside them: country, region, last year's tier. */
import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { CycleMilestones } from "#shared/cycles.ts";
import type { DocumentKind } from "#shared/documents.ts";
import { deadlineOf } from "#shared/progress.ts";
import type { TierCode } from "#shared/tiers.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";
import type { Database } from "../db/client.ts";
import { countries, documents, regions, tierHistory, tierRecommendations } from "../db/schema.ts";
import type { ListScope } from "../policy/policy.ts";

const previousTier = alias(tierHistory, "previous_tier");

const documentColumns = {
  id: documents.id,
  cycleYear: documents.cycleYear,
  kind: documents.kind,
  title: documents.title,
  state: documents.state,
  version: documents.version,
  countryId: documents.countryId,
  sectionKey: documents.sectionKey,
  regionCode: countries.regionCode,
  regionName: regions.name,
  previousTier: previousTier.tier,
  /** The tier the reviewer approved, or leadership fixed at final clearance (and no newer proposal has superseded). */
  approvedTier:
    sql<TierCode | null>`(SELECT ${tierRecommendations.tier} FROM ${tierRecommendations} WHERE ${tierRecommendations.documentId} = ${documents.id} AND ${tierRecommendations.status} IN ('approved', 'final') ORDER BY ${tierRecommendations.id} DESC LIMIT 1)`.as(
      "approved_tier",
    ),
  /** Whether that tier is final: leadership fixed it at final clearance. */
  tierFixed:
    sql<boolean>`EXISTS (SELECT 1 FROM ${tierRecommendations} WHERE ${tierRecommendations.documentId} = ${documents.id} AND ${tierRecommendations.status} = 'final')`
      .mapWith(Boolean)
      .as("tier_fixed"),
  textHash: documents.textHash,
  clearanceRound: documents.clearanceRound,
  updatedAt: documents.updatedAt,
};

function documentsWithContext(db: Database) {
  return db
    .select(documentColumns)
    .from(documents)
    .leftJoin(countries, eq(countries.id, documents.countryId))
    .leftJoin(regions, eq(regions.code, countries.regionCode))
    .leftJoin(previousTier, and(eq(previousTier.countryId, documents.countryId), eq(previousTier.reportYear, sql`${documents.cycleYear} - 1`)));
}

export type DocumentSummary = Awaited<ReturnType<ReturnType<typeof documentsWithContext>["all"]>>[number];

export interface DocumentFilters {
  region?: string;
  kind?: DocumentKind;
  state?: WorkflowState;
  tier?: TierCode;
  /** Limit to documents within the scope of the caller's own working assignments. */
  mine?: ListScope;
}

export function scopeCondition(scope: ListScope): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.regionCodes.length) parts.push(inArray(countries.regionCode, scope.regionCodes));
  if (scope.countryIds.length) parts.push(inArray(documents.countryId, scope.countryIds));
  return parts.length ? or(...parts) : sql`0`;
}

/** The query (awaited, the rows; or an item of `db.batch`). */
export function listDocuments(db: Database, cycleYear: number, visible: ListScope, filters: DocumentFilters) {
  const conditions = [
    eq(documents.cycleYear, cycleYear),
    scopeCondition(visible),
    filters.mine ? scopeCondition(filters.mine) : undefined,
    filters.region ? eq(countries.regionCode, filters.region) : undefined,
    filters.kind ? eq(documents.kind, filters.kind) : undefined,
    filters.state ? eq(documents.state, filters.state) : undefined,
    filters.tier ? eq(previousTier.tier, filters.tier) : undefined,
  ];
  return documentsWithContext(db)
    .where(and(...conditions))
    .orderBy(asc(documents.kind), asc(regions.sortOrder), asc(documents.sortOrder));
}

export async function findDocument(db: Database, id: string): Promise<DocumentSummary | undefined> {
  return documentsWithContext(db).where(eq(documents.id, id)).get();
}

/** Adds when the document's current step is due and whether it is overdue. */
export function withDeadline<T extends { state: WorkflowState }>(
  row: T,
  milestones: CycleMilestones,
  today: string,
): T & { dueDate: string | null; overdue: boolean } {
  return { ...row, ...deadlineOf(row.state, milestones, today) };
}
