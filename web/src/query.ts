/**
 * Server state: the one QueryClient, every query key, and the queries the pages read.
 * Keys live here so code outside React (the co-editing workspace, when its room announces a lock)
 * can refresh exactly what it means: `queryClient.invalidateQueries({ queryKey: queryKeys.document(id) })`.
 */
import { QueryClient, queryOptions } from "@tanstack/react-query";
import type { SourceTopic } from "#shared/sources.ts";
import { ApiError, api, type AuditFilters, type DocumentFilters } from "./api.ts";

export const queryKeys = {
  me: () => ["me"] as const,
  demoUsers: () => ["demo-users"] as const,
  cycles: () => ["cycles"] as const,
  /** Without a year: the prefix of every year's. */
  progress: (year?: number) => (year === undefined ? (["progress"] as const) : (["progress", year] as const)),
  /** Prefix of every filtered list. */
  documentLists: () => ["document-list"] as const,
  documentList: (year: number, filters: DocumentFilters) => ["document-list", year, filters] as const,
  /** The document page's detail, and the prefix of everything read about that document (figures, recorded texts). */
  document: (id: string) => ["document", id] as const,
  // Keyed by version: every change steps it and may have changed the figures or recorded a new text.
  figures: (id: string, version: number) => ["document", id, "figures", version] as const,
  snapshots: (id: string, version: number) => ["document", id, "snapshots", version] as const,
  /** Comment threads change without a version step: kept under the document, refreshed on the room's notice. */
  comments: (id: string) => ["document", id, "comments"] as const,
  cycleComments: (year: number, region: string | undefined, open: boolean) => ["cycle-comments", year, region ?? "all", open] as const,
  inbox: () => ["inbox"] as const,
  /** Prefix of every page of the trail (a write anywhere adds events). */
  auditPages: () => ["audit"] as const,
  auditPage: (filters: AuditFilters, limit: number, cursor: number | undefined) => ["audit", filters, limit, cursor ?? "first"] as const,
  auditVerification: () => ["audit-verification"] as const,
  adminUsers: () => ["admin-users"] as const,
  reportStatus: (year: number) => ["report-status", year] as const,
  /** The request for information and its coverage change when a submission is filed: one prefix per year. */
  sources: (year: number) => ["sources", year] as const,
  rfi: (year: number) => ["sources", year, "rfi"] as const,
  sourceCoverage: (year: number) => ["sources", year, "coverage"] as const,
  /** A narrative's panel, under the document (refreshed with everything read about it). */
  documentSources: (id: string, topic: string | undefined) => ["document", id, "sources", topic ?? "all"] as const,
  lawEnforcement: (year?: number) => (year === undefined ? (["law-enforcement"] as const) : (["law-enforcement", year] as const)),
  /** Without a year: the prefix of every year's tables. */
  tierPlacements: (year?: number) => (year === undefined ? (["tier-placements"] as const) : (["tier-placements", year] as const)),
};

/** A 4xx is the server's considered answer (signed out, not visible, invalid): asking again changes nothing. */
function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A dropped connection or a 5xx may pass: one more try before the page shows the error and its "Try again".
      retry: (failureCount, error) => !isClientError(error) && failureCount < 1,
      // Forms sit on this data (figures, tier, clearance list). Writes and navigation refresh what they change, and the
      // co-editing room invalidates the document when it locks, so a refetch on every return to the tab would only churn.
      refetchOnWindowFocus: false,
    },
    // A write is never repeated behind the user's back: a stale version or refusal must reach them as it is.
    mutations: { retry: false },
  },
});

/**
 * After a write to a document: the views that summarise documents may have moved (state, tier, figures' sums).
 * The document's own detail is the caller's to set or refetch.
 */
export async function invalidateDocumentSummaries(client: QueryClient): Promise<void> {
  await Promise.all(
    [queryKeys.documentLists(), queryKeys.inbox(), queryKeys.progress(), queryKeys.tierPlacements(), queryKeys.lawEnforcement()].map((queryKey) =>
      client.invalidateQueries({ queryKey }),
    ),
  );
}

/** Events per page the audit view offers (the API allows up to 500). */
export const AUDIT_PAGE_SIZES = [10, 50, 100, 500] as const;

export const queries = {
  me: () => queryOptions({ queryKey: queryKeys.me(), queryFn: ({ signal }) => api.me(signal) }),
  demoUsers: () => queryOptions({ queryKey: queryKeys.demoUsers(), queryFn: ({ signal }) => api.devUsers(signal) }),
  cycles: () => queryOptions({ queryKey: queryKeys.cycles(), queryFn: ({ signal }) => api.cycles(signal) }),
  progress: (year: number) => queryOptions({ queryKey: queryKeys.progress(year), queryFn: ({ signal }) => api.progress(year, signal) }),
  documentList: (year: number, filters: DocumentFilters) =>
    queryOptions({ queryKey: queryKeys.documentList(year, filters), queryFn: ({ signal }) => api.documents(year, filters, signal) }),
  document: (id: string) => queryOptions({ queryKey: queryKeys.document(id), queryFn: ({ signal }) => api.document(id, signal) }),
  figures: (id: string, version: number) => queryOptions({ queryKey: queryKeys.figures(id, version), queryFn: ({ signal }) => api.figures(id, signal) }),
  snapshots: (id: string, version: number) => queryOptions({ queryKey: queryKeys.snapshots(id, version), queryFn: ({ signal }) => api.snapshots(id, signal) }),
  inbox: () => queryOptions({ queryKey: queryKeys.inbox(), queryFn: ({ signal }) => api.inbox(signal) }),
  auditPage: (filters: AuditFilters, limit: number, cursor: number | undefined) =>
    queryOptions({ queryKey: queryKeys.auditPage(filters, limit, cursor), queryFn: ({ signal }) => api.audit(filters, { cursor, limit }, signal) }),
  // Recomputes the whole chain: asked for when the page opens and on request, never refetched behind the reader's back.
  auditVerification: () => queryOptions({ queryKey: queryKeys.auditVerification(), queryFn: ({ signal }) => api.verifyAudit(signal), staleTime: Infinity }),
  adminUsers: () => queryOptions({ queryKey: queryKeys.adminUsers(), queryFn: ({ signal }) => api.adminUsers(signal) }),
  reportStatus: (year: number) => queryOptions({ queryKey: queryKeys.reportStatus(year), queryFn: ({ signal }) => api.reportStatus(year, signal) }),
  cycleComments: (year: number, region: string | undefined, open: boolean) =>
    queryOptions({ queryKey: queryKeys.cycleComments(year, region, open), queryFn: ({ signal }) => api.cycleComments(year, { region, open }, signal) }),
  comments: (id: string) => queryOptions({ queryKey: queryKeys.comments(id), queryFn: ({ signal }) => api.comments(id, signal) }),
  rfi: (year: number) => queryOptions({ queryKey: queryKeys.rfi(year), queryFn: ({ signal }) => api.rfi(year, signal) }),
  sourceCoverage: (year: number) => queryOptions({ queryKey: queryKeys.sourceCoverage(year), queryFn: ({ signal }) => api.sourceCoverage(year, signal) }),
  documentSources: (id: string, topic: SourceTopic | undefined) =>
    queryOptions({ queryKey: queryKeys.documentSources(id, topic), queryFn: ({ signal }) => api.documentSources(id, topic, signal) }),
  lawEnforcement: (year: number) => queryOptions({ queryKey: queryKeys.lawEnforcement(year), queryFn: ({ signal }) => api.lawEnforcement(year, signal) }),
  tierPlacements: (year: number) => queryOptions({ queryKey: queryKeys.tierPlacements(year), queryFn: ({ signal }) => api.tierPlacements(year, signal) }),
};
