/** The small, typed fetch layer between the web shell and the worker's /api and /auth routes. */
import type { CycleStatus } from "#shared/cycles.ts";
import type { DocumentKind } from "#shared/documents.ts";
import type { RegionCode } from "#shared/regions.ts";
import type { Role, ScopeType } from "#shared/roles.ts";
import type { TierCode } from "#shared/tiers.ts";
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
  updatedAt: string;
}

export interface DocumentDetail extends DocumentSummary {
  yourRoles: Role[];
  youMayEdit: boolean;
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
  if (init.body !== undefined) headers.set("Content-Type", "application/json");
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

  document: (id: string, signal?: AbortSignal) => request<DocumentDetail>(`/api/documents/${encodeURIComponent(id)}`, { signal }),
};
