/** The small, typed fetch layer between the web shell and the worker's /api and /auth routes. */
import type { ClearanceMode, ClearanceOutcome } from "#shared/clearance.ts";
import type { CycleStatus } from "#shared/cycles.ts";
import type { DocumentKind } from "#shared/documents.ts";
import type { FigureField, Figures, FigureSum, PublishedYearCheck } from "#shared/law-enforcement.ts";
import type { RegionCode } from "#shared/regions.ts";
import type { Role, ScopeType } from "#shared/roles.ts";
import type { ImportOutcome, PlannedRow } from "#shared/tier-history-csv.ts";
import type { PlacementSummary } from "#shared/tier-placements.ts";
import type { TierRecommendationStatus } from "#shared/tier-recommendations.ts";
import type { TierHistoryYear, TierOutcome, WaiverStatus } from "#shared/tier-rules.ts";
import type { TierCode } from "#shared/tiers.ts";
import type { WorkflowAction } from "#shared/workflow.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";

export interface Grant {
  id?: string;
  role: Role;
  scopeType: ScopeType;
  regionCode: string | null;
  countryId: string | null;
  officeCode: string | null;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  grants: Grant[];
}

export interface DemoUser {
  email: string;
  name: string;
  grants: Grant[];
}

export interface Cycle {
  year: number;
  periodStart: string;
  periodEnd: string;
  draftingDue: string;
  reviewDue: string;
  clearanceDue: string;
  finalClearanceDue: string;
  releaseDate: string;
  status: CycleStatus;
}

/** Documents per workflow state, and how many are behind the cycle's calendar. */
export interface ProgressGroup {
  total: number;
  byState: Record<string, number>;
  overdue: number;
}

/** Where a cycle stands, over the documents the caller may see. */
export interface CycleProgress {
  year: number;
  today: string;
  releaseDate: string;
  /** Whole days from today to the release (negative once it has passed). */
  daysToRelease: number;
  overall: ProgressGroup;
  byRegion: Record<string, ProgressGroup>;
  reportSections: ProgressGroup;
}

export interface DocumentSummary {
  id: string;
  cycleYear: number;
  kind: DocumentKind;
  title: string;
  state: WorkflowState;
  version: number;
  countryId: string | null;
  sectionKey: string | null;
  regionCode: string | null;
  regionName: string | null;
  previousTier: TierCode | null;
  /** This year's tier as approved by the reviewer or fixed by leadership. */
  approvedTier: TierCode | null;
  /** Leadership fixed this year's tier at final clearance. */
  tierFixed: boolean;
  /** Hash of the text the current review or clearance round is about. */
  textHash: string | null;
  clearanceRound: number;
  /** When the current step is due. */
  dueDate: string | null;
  overdue: boolean;
  updatedAt: string;
}

/** One action the state machine offers the caller now, with what its form must ask for. */
export interface OfferedAction {
  action: WorkflowAction;
  label: string;
  requiresComment: boolean;
  /** For clearing actions: the offices it may name (ask when more than one). */
  offices: string[];
}

export interface ClearanceRecord {
  id: number;
  documentId: string;
  officeCode: string;
  round: number;
  outcome: ClearanceOutcome;
  userId: string;
  userName: string;
  at: string;
  snapshotHash: string;
  comment: string | null;
}

export type OfficeStatus = "not_started" | "pending" | "concurred" | "not_concurred" | "informed";

export interface ClearanceState {
  listIsOwn: boolean;
  list: { officeCode: string; mode: ClearanceMode }[];
  offices: { officeCode: string; officeName: string; mode: ClearanceMode; status: OfficeStatus; clearance: ClearanceRecord | null }[];
  pending: string[];
  stale: ClearanceRecord[];
}

export interface TierRecommendation {
  id: number;
  documentId: string;
  tier: TierCode;
  justification: string;
  flags: Record<string, unknown>;
  proposedBy: string;
  proposedAt: string;
  status: TierRecommendationStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  fixedBy: string | null;
  fixedAt: string | null;
  proposedByName: string | null;
  decidedByName: string | null;
}

export interface HistoryEvent {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  documentVersion: number | null;
  snapshotHash: string | null;
  comment: string | null;
  details: Record<string, unknown>;
}

export interface DocumentDetail extends DocumentSummary {
  yourRoles: Role[];
  youMayEdit: boolean;
  actions: OfferedAction[];
  /** Rights beside the workflow actions, decided by the server with the shared rules. */
  youMay: { proposeTier: boolean; decideTier: boolean; fixTier: boolean; setClearanceList: boolean };
  clearance: ClearanceState;
  tierRecommendations: TierRecommendation[];
  /** Country narratives: the tier history and what the statute leaves open this year. */
  tierRules: TierRules | null;
  history: HistoryEvent[];
}

export interface ActionRequest {
  action: WorkflowAction;
  version: number;
  comment?: string;
  office?: string;
}

export interface TierRules {
  year: number;
  history: TierHistoryYear[];
  watchListYears: number;
  waiver: WaiverStatus;
  /** The statute's outcome for the live recommendation. */
  current: TierOutcome | null;
}

export type TierDecisionRequest =
  | { version: number; decision: "approve" | "reject"; comment?: string }
  | { version: number; decision: "final"; tier?: TierCode; comment?: string };

export interface TierProposal {
  version: number;
  tier: TierCode;
  justification: string;
  flags: { policyOrPattern?: boolean; waiverRequested?: boolean; waiverPlanReference?: string };
}

export interface SnapshotInfo {
  hash: string;
  takenAt: string;
  takenBy: string | null;
  throughSeq: number;
}

export interface SnapshotDiff {
  from: { hash: string; takenAt: string };
  to: { hash: string; takenAt: string };
  identical: boolean;
  sections: { key: string; label: string; changed: boolean; parts: { change: "same" | "added" | "removed"; text: string }[] }[];
}

export interface InboxItem extends DocumentSummary {
  actions: OfferedAction[];
}

export interface Inbox {
  year: number;
  today: string;
  total: number;
  overdue: number;
  items: InboxItem[];
}

export interface DocumentCounts {
  total: number;
  byState: Record<string, number>;
  byRegion: Record<string, number>;
  byKind: Record<string, number>;
  byPreviousTier: Record<string, number>;
}

export interface DocumentFilters {
  region?: RegionCode;
  kind?: DocumentKind;
  state?: WorkflowState;
  tier?: TierCode;
  mine?: boolean;
}

/** A country narrative's law-enforcement figures (GET/PUT /api/documents/:id/figures). */
export interface FiguresView {
  documentId: string;
  version: number;
  state: WorkflowState;
  figures: Figures;
  lawsNote: string | null;
  entered: boolean;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: string | null;
  youMayEdit: boolean;
}

export interface FiguresUpdate {
  version: number;
  figures: Partial<Record<FigureField, number | null>>;
  lawsNote?: string | null;
}

/** GET /api/cycles/:year/law-enforcement. */
export interface LawEnforcementData {
  cycleYear: number;
  reportingYear: number;
  current: { year: number; global: FigureSum; regions: (FigureSum & { regionCode: RegionCode; regionName: string })[] };
  published: (Omit<PublishedYearCheck, "regions"> & { regions: (PublishedYearCheck["regions"][number] & { regionName: string })[] })[];
}

/** GET /api/cycles/:year/tier-placements: the report's tier tables with movement against the year before. */
export interface TierPlacements extends PlacementSummary {
  year: number;
  previousYear: number;
  source: "tier_history" | "cycle";
  previousSource: "tier_history" | "cycle" | null;
  /** Some of the cycle's narratives are not visible to the caller and are left out. */
  partial: boolean;
  hiddenCountries: number;
  availableYears: number[];
}

/** POST /api/tier-history/import: every line's outcome (a 422's details carry the same report). */
export interface TierHistoryImportReport {
  dryRun: boolean;
  applied: boolean;
  maxYear: number;
  counts: Record<ImportOutcome, number>;
  rows: PlannedRow[];
  rejected: PlannedRow[];
}

/** Every failure the UI can show: API errors carry the server's code and message; network failures get status 0. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown; requestId?: string };
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  if (init.body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
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

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

export const api = {
  me: (signal?: AbortSignal) => request<Me>("/api/me", { signal }),

  devUsers: (signal?: AbortSignal) => request<{ users: DemoUser[] }>("/auth/dev/users", { signal }).then((r) => r.users),

  devLogin: (email: string) => request<{ user: { id: string; email: string; name: string } }>("/auth/dev/login", { method: "POST", body: JSON.stringify({ email }) }),

  logout: () => request<{ signedOut: true }>("/auth/logout", { method: "POST", body: "{}" }),

  cycles: (signal?: AbortSignal) => request<{ cycles: Cycle[] }>("/api/cycles", { signal }).then((r) => r.cycles),

  progress: (year: number, signal?: AbortSignal) => request<CycleProgress>(`/api/cycles/${year}/progress`, { signal }),

  documents: (year: number, filters: DocumentFilters, signal?: AbortSignal) => {
    const query = new URLSearchParams();
    if (filters.region) query.set("region", filters.region);
    if (filters.kind) query.set("kind", filters.kind);
    if (filters.state) query.set("state", filters.state);
    if (filters.tier) query.set("tier", filters.tier);
    if (filters.mine) query.set("mine", "true");
    const qs = query.toString();
    return request<{ documents: DocumentSummary[]; counts: DocumentCounts }>(`/api/cycles/${year}/documents${qs ? `?${qs}` : ""}`, { signal });
  },

  document: (id: string, signal?: AbortSignal) => request<DocumentDetail>(docPath(id), { signal }),

  /** A workflow action on the version the caller saw; 409 `stale_version` when someone acted first. */
  act: (id: string, body: ActionRequest) => request<DocumentDetail>(`${docPath(id)}/actions`, { method: "POST", body: JSON.stringify(body) }),

  proposeTier: (id: string, body: TierProposal) => request<DocumentDetail>(`${docPath(id)}/tier`, { method: "POST", body: JSON.stringify(body) }),

  decideTier: (id: string, body: TierDecisionRequest) =>
    request<DocumentDetail>(`${docPath(id)}/tier/decision`, { method: "POST", body: JSON.stringify(body) }),

  setClearanceList: (id: string, body: { version: number; offices: { officeCode: string; mode: ClearanceMode }[]; comment?: string }) =>
    request<ClearanceState>(`${docPath(id)}/clearances/list`, { method: "PUT", body: JSON.stringify(body) }),

  snapshots: (id: string, signal?: AbortSignal) => request<{ snapshots: SnapshotInfo[] }>(`${docPath(id)}/snapshots`, { signal }).then((r) => r.snapshots),

  /** One recorded text, or "current" for the room's text now. */
  snapshot: (id: string, ref: string, signal?: AbortSignal) =>
    request<SnapshotInfo & { sections: { key: string; label: string; html: string; text: string }[] }>(`${docPath(id)}/snapshots/${encodeURIComponent(ref)}`, { signal }),

  /** `a` and `b`: recorded snapshot hashes, or "current" for the text now. */
  diff: (id: string, a: string, b: string, signal?: AbortSignal) =>
    request<SnapshotDiff>(`${docPath(id)}/snapshots/${encodeURIComponent(a)}/diff/${encodeURIComponent(b)}`, { signal }),

  inbox: (signal?: AbortSignal) => request<Inbox>("/api/me/inbox", { signal }),

  figures: (id: string, signal?: AbortSignal) => request<FiguresView>(`${docPath(id)}/figures`, { signal }),

  /** Replaces the narrative's figures on the version the caller saw; 400 `invalid_figures` lists each field's error. */
  saveFigures: (id: string, body: FiguresUpdate) => request<FiguresView>(`${docPath(id)}/figures`, { method: "PUT", body: JSON.stringify(body) }),

  lawEnforcement: (year: number, signal?: AbortSignal) => request<LawEnforcementData>(`/api/cycles/${year}/law-enforcement`, { signal }),

  tierPlacements: (year: number, signal?: AbortSignal) => request<TierPlacements>(`/api/cycles/${year}/tier-placements`, { signal }),

  /** Admins: `dryRun` only reports; a real run refuses the whole file (422) when any line is rejected. */
  importTierHistory: (csv: string, dryRun: boolean) =>
    request<TierHistoryImportReport>(`/api/tier-history/import${dryRun ? "?dryRun=true" : ""}`, { method: "POST", body: csv, headers: { "Content-Type": "text/csv" } }),
};

function docPath(id: string): string {
  return `/api/documents/${encodeURIComponent(id)}`;
}
