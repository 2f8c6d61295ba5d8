/**
 * Every permission question the worker asks, answered in one place.
 *
 * Visibility rule (docs/access-and-roles.md): a user sees a document when one of their grants
 * covers it. A global grant covers every document; a region grant covers that region's country
 * narratives; a country grant covers that country's narrative. Report sections belong to no
 * region, so only global grants cover them. A drafter scoped to Africa therefore neither lists
 * nor opens Europe's narratives: a narrative's content is pre-decisional until cleared.
 *
 * Denials: 404 for what the user may not even see, 403 for what they see but may not do.
 */
import { grantCovers as grantCoversDocument, type Role } from "#shared/roles.ts";
import type { DocumentKind } from "#shared/documents.ts";
import { workflowStateLabel, type WorkflowState } from "#shared/workflow-states.ts";
import { canEditInState, LOCKED_STATES } from "#shared/workflow.ts";
import { mayFileSubmissionsWith } from "#shared/sources.ts";
import type { CurrentUser, RoleGrant } from "../auth/current-user.ts";
import { ApiError, forbidden, notFound } from "../http/api-error.ts";

export interface DocumentScope {
  id: string;
  kind: DocumentKind;
  countryId: string | null;
  regionCode: string | null;
  state: WorkflowState;
}

/** The coverage rule itself is pure (shared/roles.ts): the assignee lists apply it to other people's grants too. */
export function grantCovers(grant: RoleGrant, doc: Pick<DocumentScope, "countryId" | "regionCode">): boolean {
  return grantCoversDocument(grant, doc);
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
    throw forbidden(`Only the document's drafters and reviewers may edit ${what}.`, {
      rule: "Editing: drafters while drafting or returned; drafters and reviewers in review.",
      requiredRoles: ["drafter", "reviewer"],
    });
  }
  const state = workflowStateLabel(doc.state).toLowerCase();
  if (LOCKED_STATES.includes(doc.state)) {
    throw new ApiError(409, "text_locked", `The document is ${state}: its text and ${what} are locked until it is recalled or reopened.`, { state: doc.state });
  }
  throw new ApiError(409, "wrong_state", `You may not edit ${what} while the document is ${state}.`, {
    state: doc.state,
    rule: "Editing: drafters while drafting or returned; drafters and reviewers in review.",
  });
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

/** Whether a listed document falls in `scope`: the same rule as `scopeCondition` in SQL, on rows already read. */
export function inListScope(scope: ListScope, doc: { regionCode: string | null; countryId: string | null }): boolean {
  if (scope.all) return true;
  return (doc.regionCode !== null && scope.regionCodes.includes(doc.regionCode)) || (doc.countryId !== null && scope.countryIds.includes(doc.countryId));
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
    throw forbidden("Only administrators and leadership may read, verify or export the whole audit trail.", {
      rule: "audit.read-all",
      requiredRoles: ["admin", "leadership"],
    });
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

// ---- Comment threads and suggested edits (docs/comments.md) ----

/** What a permission question about a thread needs to know of it. */
export interface ThreadScope {
  kind: "comment" | "suggestion";
  state: "open" | "resolved" | "reopened" | "accepted" | "rejected" | "outdated";
  authorId: string;
}

const THREAD_OPEN = (thread: Pick<ThreadScope, "state">) => thread.state === "open" || thread.state === "reopened";

/** Anyone who may read the document in its current state comments and replies, read-only roles included. */
export function canCommentOn(user: CurrentUser, doc: DocumentScope): boolean {
  return canReadDocument(user, doc);
}

/** Only clearers and leadership mark a thread blocking (final clearance waits for it). */
export function canMarkBlocking(user: CurrentUser, doc: DocumentScope): boolean {
  const roles = rolesOn(user, doc);
  return roles.has("clearer") || roles.has("leadership");
}

/** The document's drafters and reviewers, and whoever wrote the thread, settle it. */
function mayDecideThread(user: CurrentUser, doc: DocumentScope, thread: ThreadScope): boolean {
  if (!canReadDocument(user, doc)) return false;
  const roles = rolesOn(user, doc);
  return roles.has("drafter") || roles.has("reviewer") || thread.authorId === user.id;
}

/** Resolving: a comment still open, by the document's drafters, reviewers or the thread's author. */
export function canResolveThread(user: CurrentUser, doc: DocumentScope, thread: ThreadScope): boolean {
  return thread.kind === "comment" && THREAD_OPEN(thread) && mayDecideThread(user, doc, thread);
}

/** Reopening: a resolved comment, by the same people. */
export function canReopenThread(user: CurrentUser, doc: DocumentScope, thread: ThreadScope): boolean {
  return thread.kind === "comment" && thread.state === "resolved" && mayDecideThread(user, doc, thread);
}

/** Accepting a suggestion still open: whoever may edit the text now (the same rule the room applies to typing). */
export function canAcceptSuggestion(user: CurrentUser, doc: DocumentScope, thread: ThreadScope): boolean {
  return thread.kind === "suggestion" && THREAD_OPEN(thread) && canEditDocument(user, doc);
}

/** Rejecting a suggestion still open (with a reason): the document's drafters and reviewers; its author withdraws it the same way. */
export function canRejectSuggestion(user: CurrentUser, doc: DocumentScope, thread: ThreadScope): boolean {
  return thread.kind === "suggestion" && THREAD_OPEN(thread) && mayDecideThread(user, doc, thread);
}

/** The thread's `youMay`: the same questions the routes ask before they act. */
export function threadRights(user: CurrentUser, doc: DocumentScope, thread: ThreadScope) {
  return {
    reply: canCommentOn(user, doc),
    resolve: canResolveThread(user, doc, thread),
    reopen: canReopenThread(user, doc, thread),
    accept: canAcceptSuggestion(user, doc, thread),
    reject: canRejectSuggestion(user, doc, thread),
  };
}

export type ThreadDecision = "resolve" | "reopen" | "accept" | "reject";

const PAST: Record<ThreadDecision, string> = { resolve: "resolved", reopen: "reopened", accept: "accepted", reject: "rejected" };

const DECISION_RULES: Record<ThreadDecision, string> = {
  resolve: "Resolving a comment: the document's drafters and reviewers, and the thread's author.",
  reopen: "Reopening a resolved comment: the document's drafters and reviewers, and the thread's author.",
  accept: "Accepting a suggestion: whoever may edit the text now (drafters while drafting or returned; drafters and reviewers in review).",
  reject: "Rejecting a suggestion (with a reason): the document's drafters and reviewers; its author may withdraw it.",
};

/**
 * Refuses a decision on a thread: 409 when the thread's kind or state does not allow it (whoever
 * asks), 403 when the caller is not among those who may take it, and for `accept` the text's own
 * refusals (403 for roles that never edit, 409 `text_locked`/`wrong_state` for the stage).
 */
export function assertThreadDecision(user: CurrentUser, doc: DocumentScope, thread: ThreadScope, decision: ThreadDecision): void {
  const rule = DECISION_RULES[decision];
  const wantsKind = decision === "resolve" || decision === "reopen" ? "comment" : "suggestion";
  if (thread.kind !== wantsKind) {
    throw new ApiError(409, "wrong_thread_kind", `Only a ${wantsKind} can be ${PAST[decision]}; this thread is a ${thread.kind}.`, { rule, kind: thread.kind });
  }
  const stateOk = decision === "reopen" ? thread.state === "resolved" : THREAD_OPEN(thread);
  if (!stateOk) {
    throw new ApiError(409, "thread_state", `This ${thread.kind} is ${thread.state}; it cannot be ${PAST[decision]} now.`, { rule, state: thread.state });
  }
  if (decision === "accept") {
    assertCanEditWithText(user, doc, "the text");
    return;
  }
  if (!mayDecideThread(user, doc, thread)) {
    throw forbidden(`Only the document's drafters and reviewers, or the thread's author, may ${decision} it.`, {
      rule,
      requiredRoles: ["drafter", "reviewer"],
    });
  }
}

/** 403 for `blocking: true` from anyone but a clearer or leadership. */
export function assertCanMarkBlocking(user: CurrentUser, doc: DocumentScope): void {
  if (!canMarkBlocking(user, doc)) {
    throw forbidden("Only clearers and leadership may mark a comment as blocking.", {
      rule: "Blocking comments: clearers and leadership.",
      requiredRoles: ["clearer", "leadership"],
    });
  }
}

// ---- The request for information and its submissions (docs/sources.md) ----

/** What a permission question about a submission needs: the countries it concerns, with their regions. */
export type SubmissionScope = readonly { countryId: string; regionCode: string }[];

/** Whoever may read the narrative of at least one concerned country sees the submission (and its files). */
export function canReadSubmission(user: CurrentUser, concerns: SubmissionScope): boolean {
  return concerns.some((c) => user.grants.some((g) => grantCovers(g, c)));
}

export function assertCanReadSubmission(user: CurrentUser, concerns: SubmissionScope | null | undefined): asserts concerns is SubmissionScope {
  if (!concerns || !canReadSubmission(user, concerns)) throw notFound("Submission");
}

/**
 * Filing: administrators, and "regional staff": a drafter or reviewer whose region grant (or a
 * global one) covers every country the submission concerns. Embassy officers (country grants),
 * clearers and leadership read submissions but do not file them.
 */
export function canFileSubmissionFor(user: CurrentUser, concerns: SubmissionScope): boolean {
  if (hasRole(user, "admin")) return true;
  const staff = user.grants.filter((g) => (g.role === "drafter" || g.role === "reviewer") && (g.scopeType === "region" || g.scopeType === "global"));
  return concerns.length > 0 && concerns.every((c) => staff.some((g) => grantCovers(g, c)));
}

/** Whether the caller may file submissions at all (for some country): the form is shown to them. */
export const mayFileSubmissions = (user: CurrentUser): boolean => mayFileSubmissionsWith(user.grants);

export function assertMayFileSubmissions(user: CurrentUser): void {
  if (!mayFileSubmissions(user)) {
    throw forbidden("Only administrators and regional drafting officers or reviewers may file submissions.", {
      rule: "Filing submissions: admins, and drafters or reviewers with a region grant covering every concerned country.",
    });
  }
}

export function assertCanFileSubmission(user: CurrentUser, concerns: SubmissionScope): void {
  if (canFileSubmissionFor(user, concerns)) return;
  const outside = concerns.filter((c) => !canFileSubmissionFor(user, [c])).map((c) => c.countryId);
  throw forbidden(
    mayFileSubmissions(user)
      ? `You may file submissions only for countries of your own region; not for: ${outside.join(", ")}.`
      : "Only administrators and regional drafting officers or reviewers may file submissions.",
    { rule: "Filing submissions: admins, and drafters or reviewers with a region grant covering every concerned country.", outside },
  );
}

/** The request for information's dates and notice: administrators. */
export function assertCanEditRfi(user: CurrentUser): void {
  if (!hasRole(user, "admin")) throw forbidden("Only administrators may open or change the request for information.", { requiredRole: "admin" });
}

// ---- The compiled report (docs/report.md) ----

/**
 * The preview (every document's current text, drafts included) and where the release stands:
 * leadership and administrators with a global grant. Drafts are pre-decisional, and a preview
 * holds all of them, so no regional or country grant is enough.
 */
export function canPreviewReport(user: CurrentUser): boolean {
  return user.grants.some((g) => (g.role === "leadership" || g.role === "admin") && g.scopeType === "global");
}

export function assertCanPreviewReport(user: CurrentUser): void {
  if (!canPreviewReport(user)) {
    throw forbidden("Only leadership and administrators may preview the report or see where its release stands.", {
      rule: "report.preview",
      requiredRoles: ["leadership", "admin"],
    });
  }
}

/**
 * The published edition is the released report: public text, so any signed-in user may download
 * it, whatever their grants. Its tables are the report's own, computed over every narrative: this
 * is the reader they are computed for (a read scope only; never used to decide an action).
 */
export function publishedTablesReader(user: CurrentUser): CurrentUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    grants: [{ id: "published-edition", role: "leadership", scopeType: "global", regionCode: null, countryId: null, officeCode: null }],
  };
}
