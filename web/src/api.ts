/**
 * The small, typed fetch layer between the web shell and the worker's /api and /auth routes.
 * Every shape is inferred from the zod schemas the worker validates and documents with (shared/api/),
 * imported as types only: no zod code reaches the bundle.
 */
import type { z } from "zod";
import type { ErrorCode } from "#shared/api/error-codes.ts";
import type { ClearanceListRequestSchema, ClearanceRecordSchema, ClearanceStateSchema } from "#shared/api/clearances.ts";
import type { CycleListSchema, CycleProgressSchema, CycleSchema, ReleaseResponseSchema } from "#shared/api/cycles.ts";
import type { DocxImportSchema, ReportStatusSchema } from "#shared/api/report.ts";
import type {
  ActionRequestSchema,
  DocumentDetailSchema,
  DocumentListItemSchema,
  DocumentListQuerySchema,
  DocumentListSchema,
  DocumentSummarySchema,
  HistoryEventSchema,
  InboxSchema,
  OfferedActionSchema,
} from "#shared/api/documents.ts";
import type { FiguresUpdateSchema, FiguresViewSchema, LawEnforcementDataSchema } from "#shared/api/law-enforcement.ts";
import type { SnapshotDiffSchema, SnapshotListSchema, SnapshotSchema } from "#shared/api/snapshots.ts";
import type { CommentListSchema, CommentThreadSchema, CreateThreadSchema, CycleCommentListSchema } from "#shared/api/comments.ts";
import type { TierHistoryImportReportSchema } from "#shared/api/tier-history.ts";
import type { TierPlacementsSchema } from "#shared/api/tier-placements.ts";
import type { TierDecisionSchema, TierProposalSchema, TierRecommendationSchema, TierRulesSchema } from "#shared/api/tiers.ts";
import type {
  AdminUserListSchema,
  AdminUserSchema,
  DemoUserListSchema,
  DevLoginResponseSchema,
  GrantInputSchema,
  GrantSchema,
  LogoutResponseSchema,
  MeSchema,
  NewUserSchema,
  UserImportReportSchema,
  UserPatchSchema,
} from "#shared/api/users.ts";
import type {
  CoverageSchema,
  RfiInputSchema,
  RfiResponseSchema,
  SubmissionImportReportSchema,
  SubmissionListSchema,
  SubmissionFieldsSchema,
  SubmissionSchema,
} from "#shared/api/sources.ts";
import type { SourceTopic } from "#shared/sources.ts";
import type { AuditEventSchema, AuditFilterQuerySchema, AuditPageSchema, AuditVerificationSchema } from "#shared/api/audit.ts";

// Responses: what the server sends (zod's output types).
export type Me = z.infer<typeof MeSchema>;
/** A role grant as shown; the demo sign-in lists grants without their ids. */
export type Grant = Omit<z.infer<typeof GrantSchema>, "id"> & { id?: string };
export type DemoUser = z.infer<typeof DemoUserListSchema>["users"][number];
export type Cycle = z.infer<typeof CycleSchema>;
export type CycleProgress = z.infer<typeof CycleProgressSchema>;
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;
export type DocumentList = z.infer<typeof DocumentListSchema>;
export type DocumentListItem = z.infer<typeof DocumentListItemSchema>;
export type Assignee = DocumentListItem["assignees"][number];
export type DocumentCounts = DocumentList["counts"];
export type DocumentDetail = z.infer<typeof DocumentDetailSchema>;
export type OfferedAction = z.infer<typeof OfferedActionSchema>;
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;
export type ClearanceRecord = z.infer<typeof ClearanceRecordSchema>;
export type ClearanceState = z.infer<typeof ClearanceStateSchema>;
export type OfficeStatus = ClearanceState["offices"][number]["status"];
export type TierRecommendation = z.infer<typeof TierRecommendationSchema>;
export type TierRules = z.infer<typeof TierRulesSchema>;
export type SnapshotInfo = z.infer<typeof SnapshotListSchema>["snapshots"][number];
export type SnapshotDiff = z.infer<typeof SnapshotDiffSchema>;
export type Inbox = z.infer<typeof InboxSchema>;
export type InboxItem = Inbox["items"][number];
export type FiguresView = z.infer<typeof FiguresViewSchema>;
export type LawEnforcementData = z.infer<typeof LawEnforcementDataSchema>;
export type TierPlacements = z.infer<typeof TierPlacementsSchema>;
export type TierHistoryImportReport = z.infer<typeof TierHistoryImportReportSchema>;
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
/** The trail's filters as the query string carries them (dates as YYYY-MM-DD). */
export type AuditFilters = z.input<typeof AuditFilterQuerySchema>;
export type AdminUser = z.infer<typeof AdminUserSchema>;
export type UserImportReport = z.infer<typeof UserImportReportSchema>;
export type ReportStatus = z.infer<typeof ReportStatusSchema>;
export type ReleaseResult = z.infer<typeof ReleaseResponseSchema>;
export type DocxImport = z.infer<typeof DocxImportSchema>;
export type RfiResponse = z.infer<typeof RfiResponseSchema>;
export type Rfi = NonNullable<RfiResponse["rfi"]>;
export type RfiInput = z.input<typeof RfiInputSchema>;
export type Submission = z.infer<typeof SubmissionSchema>;
export type SubmissionList = z.infer<typeof SubmissionListSchema>;
export type SourceCoverage = z.infer<typeof CoverageSchema>;
export type SubmissionImportReport = z.infer<typeof SubmissionImportReportSchema>;
export type SubmissionFields = z.input<typeof SubmissionFieldsSchema>;

// Requests: what the server accepts (zod's input types, so defaulted fields stay optional).
export type ActionRequest = z.input<typeof ActionRequestSchema>;
export type TierProposal = z.input<typeof TierProposalSchema>;
export type TierDecisionRequest = z.input<typeof TierDecisionSchema>;
export type ClearanceListRequest = z.input<typeof ClearanceListRequestSchema>;
export type FiguresUpdate = z.input<typeof FiguresUpdateSchema>;
export type NewUser = z.input<typeof NewUserSchema>;
export type UserPatch = z.input<typeof UserPatchSchema>;
export type GrantInput = z.input<typeof GrantInputSchema>;
/** The list's filters as the server reads them (`mine` and `overdue` booleans; the query string carries "true"/"false"). */
export type DocumentFilters = z.output<typeof DocumentListQuerySchema>;
export type CommentThread = z.infer<typeof CommentThreadSchema>;
export type CreateThread = z.input<typeof CreateThreadSchema>;
export type ThreadDecision = "resolve" | "reopen" | "accept" | "reject";
export type CycleThread = z.infer<typeof CycleCommentListSchema>["threads"][number];

/**
 * Codes the app gives failures the server did not describe: no answer (status 0), an answer it
 * could not read, a report stream cut short, an error without a body (`http_<status>`).
 */
export type ClientErrorCode = "network_error" | "bad_response" | "incomplete_report" | `http_${number}`;

/** Every failure the UI can show: API errors carry the server's code (shared/api/error-codes.ts) and message; network failures get status 0. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface ErrorBody {
  error?: { code?: ErrorCode; message?: string; details?: unknown; requestId?: string };
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  // A form (a file upload) gets its multipart Content-Type, with the boundary, from fetch itself.
  if (init.body !== undefined && !(init.body instanceof FormData) && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: "same-origin" });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network_error", "Could not reach the TIP Clearance server. Check your connection and try again.");
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as ErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? `The server could not complete the request (HTTP ${response.status}).`,
      error?.requestId ?? response.headers.get("X-Request-Id") ?? undefined,
      error?.details,
    );
  }
  if (body === undefined) throw new ApiError(response.status, "bad_response", "The server sent a response the app could not read.");
  return body as T;
}

export const api = {
  me: (signal?: AbortSignal) => request<Me>("/api/me", { signal }),

  devUsers: (signal?: AbortSignal) => request<z.infer<typeof DemoUserListSchema>>("/auth/dev/users", { signal }).then((r) => r.users),

  devLogin: (email: string) => request<z.infer<typeof DevLoginResponseSchema>>("/auth/dev/login", { method: "POST", body: JSON.stringify({ email }) }),

  logout: () => request<z.infer<typeof LogoutResponseSchema>>("/auth/logout", { method: "POST", body: "{}" }),

  cycles: (signal?: AbortSignal) => request<z.infer<typeof CycleListSchema>>("/api/cycles", { signal }).then((r) => r.cycles),

  progress: (year: number, signal?: AbortSignal) => request<CycleProgress>(`/api/cycles/${year}/progress`, { signal }),

  documents: (year: number, filters: DocumentFilters, signal?: AbortSignal) => {
    const qs = queryString(filters);
    return request<DocumentList>(`/api/cycles/${year}/documents${qs}`, { signal });
  },

  document: (id: string, signal?: AbortSignal) => request<DocumentDetail>(docPath(id), { signal }),

  /** A workflow action on the version the caller saw; 409 `stale_version` when someone acted first. */
  act: (id: string, body: ActionRequest) => request<DocumentDetail>(`${docPath(id)}/actions`, { method: "POST", body: JSON.stringify(body) }),

  proposeTier: (id: string, body: TierProposal) => request<DocumentDetail>(`${docPath(id)}/tier`, { method: "POST", body: JSON.stringify(body) }),

  decideTier: (id: string, body: TierDecisionRequest) =>
    request<DocumentDetail>(`${docPath(id)}/tier/decision`, { method: "POST", body: JSON.stringify(body) }),

  setClearanceList: (id: string, body: ClearanceListRequest) =>
    request<ClearanceState>(`${docPath(id)}/clearances/list`, { method: "PUT", body: JSON.stringify(body) }),

  snapshots: (id: string, signal?: AbortSignal) => request<z.infer<typeof SnapshotListSchema>>(`${docPath(id)}/snapshots`, { signal }).then((r) => r.snapshots),

  /** One recorded text, or "current" for the room's text now. */
  snapshot: (id: string, ref: string, signal?: AbortSignal) =>
    request<z.infer<typeof SnapshotSchema>>(`${docPath(id)}/snapshots/${encodeURIComponent(ref)}`, { signal }),

  /** `a` and `b`: recorded snapshot hashes, or "current" for the text now. */
  diff: (id: string, a: string, b: string, signal?: AbortSignal) =>
    request<SnapshotDiff>(`${docPath(id)}/snapshots/${encodeURIComponent(a)}/diff/${encodeURIComponent(b)}`, { signal }),

  inbox: (signal?: AbortSignal) => request<Inbox>("/api/me/inbox", { signal }),

  /** Threads across a cycle's documents the caller may read; `open` keeps open and reopened ones. */
  cycleComments: (year: number, filters: { region?: string; open?: boolean }, signal?: AbortSignal) => {
    const query = new URLSearchParams();
    if (filters.region) query.set("region", filters.region);
    if (filters.open) query.set("state", "open");
    const qs = query.toString();
    return request<z.infer<typeof CycleCommentListSchema>>(`/api/cycles/${year}/comments${qs ? `?${qs}` : ""}`, { signal }).then((r) => r.threads);
  },

  comments: (id: string, signal?: AbortSignal) => request<z.infer<typeof CommentListSchema>>(`${docPath(id)}/comments`, { signal }).then((r) => r.threads),

  /** A comment or suggestion on words of a section; 422 when the anchor no longer covers its quote. */
  createComment: (id: string, body: CreateThread) => request<CommentThread>(`${docPath(id)}/comments`, { method: "POST", body: JSON.stringify(body) }),

  replyToComment: (id: string, threadId: string, body: string) =>
    request<CommentThread>(`${docPath(id)}/comments/${encodeURIComponent(threadId)}/replies`, { method: "POST", body: JSON.stringify({ body }) }),

  /** Resolve, reopen, accept (suggestions: applied in the room by the caller) or reject (needs a reason). */
  decideComment: (id: string, threadId: string, decision: ThreadDecision, reason?: string) =>
    request<CommentThread>(`${docPath(id)}/comments/${encodeURIComponent(threadId)}/${decision}`, {
      method: "POST",
      body: JSON.stringify(reason ? { reason } : {}),
    }),

  figures: (id: string, signal?: AbortSignal) => request<FiguresView>(`${docPath(id)}/figures`, { signal }),

  /** Replaces the narrative's figures on the version the caller saw; 400 `invalid_figures` lists each field's error. */
  saveFigures: (id: string, body: FiguresUpdate) => request<FiguresView>(`${docPath(id)}/figures`, { method: "PUT", body: JSON.stringify(body) }),

  /** A Word draft's import: the preview (`apply` false, writes nothing) or the import itself, one edit by the caller. */
  importDocx: (id: string, file: File, apply: boolean) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return request<DocxImport>(`${docPath(id)}/import-docx${apply ? "/apply" : ""}`, { method: "POST", body: form });
  },

  lawEnforcement: (year: number, signal?: AbortSignal) => request<LawEnforcementData>(`/api/cycles/${year}/law-enforcement`, { signal }),

  tierPlacements: (year: number, signal?: AbortSignal) => request<TierPlacements>(`/api/cycles/${year}/tier-placements`, { signal }),

  /** Leadership: what blocks the release, and the published edition once there is one. */
  reportStatus: (year: number, signal?: AbortSignal) => request<ReportStatus>(`/api/cycles/${year}/report`, { signal }),

  releaseCycle: (year: number) => request<ReleaseResult>(`/api/cycles/${year}/release`, { method: "POST", body: JSON.stringify({ confirm: true }) }),

  /** A page of the audit trail, newest first; `cursor` is the previous page's `nextCursor`. */
  audit: (filters: AuditFilters, page: { cursor?: number; limit: number }, signal?: AbortSignal) =>
    request<AuditPage>(`/api/audit${queryString({ ...filters, cursor: page.cursor, limit: page.limit })}`, { signal }),

  verifyAudit: (signal?: AbortSignal) => request<AuditVerification>("/api/audit/verify", { signal }),

  /** The export is a file download: a link to it, with the same filters (admins and leadership). */
  auditExportUrl: (filters: AuditFilters, format: "jsonl" | "csv") => `/api/audit/export${queryString({ ...filters, format })}`,

  adminUsers: (signal?: AbortSignal) => request<z.infer<typeof AdminUserListSchema>>("/api/admin/users", { signal }).then((r) => r.users),

  createUser: (body: NewUser) => request<AdminUser>("/api/admin/users", { method: "POST", body: JSON.stringify(body) }),

  updateUser: (id: string, body: UserPatch) =>
    request<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(body) }),

  addGrant: (id: string, grant: GrantInput) =>
    request<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}/grants`, { method: "POST", body: JSON.stringify(grant) }),

  revokeGrant: (id: string, grantId: string) =>
    request<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}/grants/${encodeURIComponent(grantId)}`, { method: "DELETE" }),

  /** `dryRun` lists every change and rejected row; a real run refuses the whole file (422) when any row is rejected. */
  importUsers: (csv: string, dryRun: boolean) =>
    request<UserImportReport>(`/api/admin/users/import${dryRun ? "?dryRun=true" : ""}`, { method: "POST", body: csv, headers: { "Content-Type": "text/csv" } }),

  rfi: (year: number, signal?: AbortSignal) => request<RfiResponse>(`/api/cycles/${year}/rfi`, { signal }),

  saveRfi: (year: number, body: RfiInput) => request<RfiResponse>(`/api/cycles/${year}/rfi`, { method: "PUT", body: JSON.stringify(body) }),

  /** A narrative's sources panel: the submissions concerning its country, newest first. */
  documentSources: (id: string, topic: SourceTopic | undefined, signal?: AbortSignal) =>
    request<SubmissionList>(`${docPath(id)}/sources${queryString({ topic })}`, { signal }),

  /** Multipart: the fields and the files (`files`); 413/415 when a file is too large or not an accepted type. */
  fileSubmission: (year: number, form: FormData) => request<Submission>(`/api/cycles/${year}/submissions`, { method: "POST", body: form }),

  /** Corrects the fields (its files stay); 403 with `details.outside` when it would leave the caller's countries. */
  correctSubmission: (id: string, fields: SubmissionFields) =>
    request<Submission>(`/api/submissions/${encodeURIComponent(id)}`, { method: "PUT", body: JSON.stringify(fields) }),

  /** `dryRun` only reports; a real run refuses the whole file (422) when any row is rejected. */
  importSubmissions: (year: number, csv: string, dryRun: boolean) =>
    request<SubmissionImportReport>(`/api/cycles/${year}/submissions/import${dryRun ? "?dryRun=true" : ""}`, {
      method: "POST",
      body: csv,
      headers: { "Content-Type": "text/csv" },
    }),

  sourceCoverage: (year: number, signal?: AbortSignal) => request<SourceCoverage>(`/api/cycles/${year}/sources/coverage`, { signal }),

  /** Admins: `dryRun` only reports; a real run refuses the whole file (422) when any line is rejected. */
  importTierHistory: (csv: string, dryRun: boolean) =>
    request<TierHistoryImportReport>(`/api/tier-history/import${dryRun ? "?dryRun=true" : ""}`, {
      method: "POST",
      body: csv,
      headers: { "Content-Type": "text/csv" },
    }),
};

/** "?a=1&b=true" from the set values (booleans as "true"/"false"), "" when none is set. */
function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  const qs = query.toString();
  return qs ? `?${qs}` : "";
}

function docPath(id: string): string {
  return `/api/documents/${encodeURIComponent(id)}`;
}
