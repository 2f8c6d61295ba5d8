/**
 * Every permission question the worker asks, answered in one place.
 *
 * Visibility rule (README, "Who sees what"): a user sees a document when one of their grants
 * covers it. A global grant covers every document; a region grant covers that region's country
 * narratives; a country grant covers that country's narrative. Report sections belong to no
 * region, so only global grants cover them. A drafter scoped to Africa therefore neither lists
 * nor opens Europe's narratives: a narrative's content is pre-decisional until cleared.
 *
 * Denials: 404 for what the user may not even see, 403 for what they see but may not do.
 */
import type { Role } from "#shared/roles.ts";
import type { DocumentKind } from "#shared/documents.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";
import { canEditInState, LOCKED_STATES } from "#shared/workflow.ts";
import type { CurrentUser, RoleGrant } from "../auth/current-user.ts";
import { ApiError, forbidden, notFound } from "../http/api-error.ts";

export interface DocumentScope {
  id: string;
  kind: DocumentKind;
  countryId: string | null;
  regionCode: string | null;
  state: WorkflowState;
}

export function grantCovers(grant: RoleGrant, doc: Pick<DocumentScope, "countryId" | "regionCode">): boolean {
  switch (grant.scopeType) {
    case "global":
      return true;
    case "region":
      return doc.regionCode !== null && grant.regionCode === doc.regionCode;
    case "country":
      return doc.countryId !== null && grant.countryId === doc.countryId;
  }
}

export function hasRole(user: CurrentUser, role: Role): boolean {
  return user.grants.some((g) => g.role === role);
}

/** Roles the user holds on this document (through any covering grant). */
export function rolesOn(user: CurrentUser, doc: Pick<DocumentScope, "countryId" | "regionCode">): Set<Role> {
  return new Set(user.grants.filter((g) => grantCovers(g, doc)).map((g) => g.role));
}

export function canReadDocument(user: CurrentUser, doc: DocumentScope): boolean {
  return user.grants.some((g) => grantCovers(g, doc));
}

/** Who may type into the document's text in its current state (the room enforces it). */
export function canEditDocument(user: CurrentUser, doc: DocumentScope): boolean {
  return canEditInState(doc.state, rolesOn(user, doc));
}

/**
 * What goes with the text (a narrative's law-enforcement figures) is edited by the same people at
 * the same stages as the text: 403 when none of the caller's roles ever edits it, 409 when the
 * workflow does not allow it now (locked from clearance on).
 */
export function assertCanEditWithText(user: CurrentUser, doc: DocumentScope, what: string): void {
  if (canEditDocument(user, doc)) return;
  const roles = rolesOn(user, doc);
  if (!roles.has("drafter") && !roles.has("reviewer")) {
    throw forbidden(`Only the document's drafters and reviewers may edit ${what}.`, { rule: "Editing: drafters while drafting or returned; drafters and reviewers in review.", requiredRoles: ["drafter", "reviewer"] });
  }
  const state = doc.state.replace("_", " ");
  if (LOCKED_STATES.includes(doc.state)) {
    throw new ApiError(409, "text_locked", `The document is ${state}: its text and ${what} are locked until it is recalled or reopened.`, { state: doc.state });
  }
  throw new ApiError(409, "wrong_state", `You may not edit ${what} while the document is ${state}.`, { state: doc.state, rule: "Editing: drafters while drafting or returned; drafters and reviewers in review." });
}

export function assertCanRead(user: CurrentUser, doc: DocumentScope | null | undefined): asserts doc is DocumentScope {
  if (!doc || !canReadDocument(user, doc)) throw notFound("Document");
}

/** A SQL-ready description of what a user may list: everything, or these regions and countries. */
export type ListScope = { all: true } | { all: false; regionCodes: string[]; countryIds: string[] };

export function listScope(user: CurrentUser, roles?: readonly Role[]): ListScope {
  const grants = roles ? user.grants.filter((g) => roles.includes(g.role)) : user.grants;
  if (grants.some((g) => g.scopeType === "global")) return { all: true };
  return {
    all: false,
    regionCodes: [...new Set(grants.flatMap((g) => (g.scopeType === "region" && g.regionCode ? [g.regionCode] : [])))],
    countryIds: [...new Set(grants.flatMap((g) => (g.scopeType === "country" && g.countryId ? [g.countryId] : [])))],
  };
}

export function assertAdmin(user: CurrentUser): void {
  if (!user.grants.some((g) => g.role === "admin")) {
    throw forbidden("Only administrators may manage users and assignments.", { requiredRole: "admin" });
  }
}

/** 403 unless one of the caller's grants covering the document carries `role`. */
export function assertRoleOn(user: CurrentUser, doc: Pick<DocumentScope, "countryId" | "regionCode">, role: Role, doing: string): void {
  if (!rolesOn(user, doc).has(role)) throw forbidden(`Only the document's ${role} may ${doing}.`, { requiredRole: role });
}

/** Whole-trail readers: administrators and leadership, by a global grant. */
export function canReadWholeAudit(user: CurrentUser): boolean {
  return user.grants.some((g) => (g.role === "admin" || g.role === "leadership") && g.scopeType === "global");
}

export function assertCanReadWholeAudit(user: CurrentUser): void {
  if (!canReadWholeAudit(user)) {
    throw forbidden("Only administrators and leadership may read, verify or export the whole audit trail.", { rule: "audit.read-all", requiredRoles: ["admin", "leadership"] });
  }
}

/**
 * The audit trail shows who did what to every document, so others read it one document at a
 * time: `document` given (undefined = not filtered) and a document they can read.
 */
export function assertCanReadAudit(user: CurrentUser, document: { filtered: false } | { filtered: true; doc: DocumentScope | null | undefined }): void {
  if (canReadWholeAudit(user)) return;
  if (!document.filtered) {
    throw forbidden("Only administrators and leadership may read the whole audit trail; others must filter by a document they can read (?document=<id>).", {
      rule: "audit.read-all",
      requiredRoles: ["admin", "leadership"],
    });
  }
  assertCanRead(user, document.doc);
}

export function assertCanWriteAuditCheckpoint(user: CurrentUser): void {
  if (!user.grants.some((g) => g.role === "admin")) {
    throw forbidden("Only administrators may write an audit checkpoint on demand.", { rule: "audit.checkpoint", requiredRole: "admin" });
  }
}
