/**
 * The workflow state machine: who may do what to a document, in which state, what it requires and
 * what it causes. Pure: the worker enforces it, the web uses it to offer exactly these actions.
 *
 * Main line: drafting -submit-> in_review -approve-> in_clearance -(every required office done)->
 * final_review -final_clear-> cleared -(cycle released)-> published. Way back: return (review ->
 * returned), recall by the reviewer or send_back by a clearing office (clearance -> review), reopen
 * (final review or cleared -> review).
 */
import type { ErrorCode } from "./api/error-codes.ts";
import type { DocumentKind } from "./documents.ts";
import type { Role } from "./roles.ts";
import { workflowStateLabel, type WorkflowState } from "./workflow-states.ts";

export const WORKFLOW_ACTIONS = ["submit", "return", "approve", "recall", "clear", "send_back", "proceed_without", "final_clear", "reopen", "publish"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** States in which the text is frozen: the room refuses every edit. */
export const LOCKED_STATES: readonly WorkflowState[] = ["in_clearance", "final_review", "cleared", "published"];

export interface ActionRule {
  action: WorkflowAction;
  label: string;
  roles: readonly Role[];
  from: readonly WorkflowState[];
  /** Where the action leads. `clear` and `proceed_without` lead on to final review once every required office is done. */
  to: WorkflowState;
  requiresComment: boolean;
  /** Names the clearing office it concerns. */
  requiresOffice: boolean;
  /** That office must be one the caller clears for. */
  officeIsCallers: boolean;
  /** A country narrative needs an approved tier recommendation first. */
  requiresApprovedTier: boolean;
  /** Records the room's snapshot hash, binding the action to the exact text. */
  recordsText: boolean;
  /** Clearances given before it no longer count (the text may change again). */
  makesClearancesStale: boolean;
  /** A country narrative's tier: `fix` makes the approved tier final, `unfix` makes a final tier approved again. */
  tierEffect: "fix" | "unfix" | null;
  /** Only the cycle's release publishes; no one takes it on a single document. */
  offeredToUsers: boolean;
  /** The rule in words, quoted when an action is refused. */
  rule: string;
}

const rule = (r: Partial<ActionRule> & Pick<ActionRule, "action" | "label" | "roles" | "from" | "to" | "rule">): ActionRule => ({
  requiresComment: false,
  requiresOffice: false,
  officeIsCallers: false,
  requiresApprovedTier: false,
  recordsText: false,
  makesClearancesStale: false,
  tierEffect: null,
  offeredToUsers: true,
  ...r,
});

export const ACTION_RULES: Record<WorkflowAction, ActionRule> = {
  submit: rule({
    action: "submit",
    label: "Submit for review",
    roles: ["drafter"],
    from: ["drafting", "returned"],
    to: "in_review",
    recordsText: true,
    rule: "A drafter submits a draft for review while it is being drafted or after it was returned.",
  }),
  return: rule({
    action: "return",
    label: "Return to drafters",
    roles: ["reviewer"],
    from: ["in_review"],
    to: "returned",
    requiresComment: true,
    rule: "A reviewer returns a draft in review to its drafters, saying why.",
  }),
  approve: rule({
    action: "approve",
    label: "Approve and send to clearance",
    roles: ["reviewer"],
    from: ["in_review"],
    to: "in_clearance",
    requiresApprovedTier: true,
    recordsText: true,
    rule: "A reviewer approves a draft in review; a country narrative needs an approved tier recommendation first. The text locks for clearance.",
  }),
  recall: rule({
    action: "recall",
    label: "Recall from clearance",
    roles: ["reviewer"],
    from: ["in_clearance"],
    to: "in_review",
    requiresComment: true,
    makesClearancesStale: true,
    rule: "A reviewer recalls a document from clearance back to review, saying why; clearances given so far become stale.",
  }),
  clear: rule({
    action: "clear",
    label: "Clear for my office",
    roles: ["clearer"],
    from: ["in_clearance"],
    to: "in_clearance",
    requiresOffice: true,
    officeIsCallers: true,
    recordsText: true,
    rule: "A clearer clears a document in clearance for their own office, when that office is on its clearance list and has not yet cleared this text; a comment may go with it.",
  }),
  send_back: rule({
    action: "send_back",
    label: "Send back with comments",
    roles: ["clearer"],
    from: ["in_clearance"],
    to: "in_review",
    requiresOffice: true,
    officeIsCallers: true,
    requiresComment: true,
    makesClearancesStale: true,
    rule: "A clearer whose office has not yet cleared may send the text back to review, saying what must change; clearances given so far become stale.",
  }),
  proceed_without: rule({
    action: "proceed_without",
    label: "Proceed without an office",
    roles: ["leadership"],
    from: ["in_clearance"],
    to: "in_clearance",
    requiresOffice: true,
    requiresComment: true,
    rule: "Leadership may proceed without the concurrence of an office that has not cleared, giving the reason; the office is recorded as not concurred.",
  }),
  final_clear: rule({
    action: "final_clear",
    label: "Give final clearance",
    roles: ["leadership"],
    from: ["final_review"],
    to: "cleared",
    recordsText: true,
    tierEffect: "fix",
    rule: "Leadership gives final clearance once every required office has cleared; the text stays locked and a country narrative's tier is fixed.",
  }),
  reopen: rule({
    action: "reopen",
    label: "Reopen",
    roles: ["leadership"],
    from: ["final_review", "cleared"],
    to: "in_review",
    requiresComment: true,
    makesClearancesStale: true,
    tierEffect: "unfix",
    rule: "Only leadership reopens a document in final review or cleared, giving the reason; it goes back to review and every earlier clearance becomes stale.",
  }),
  publish: rule({
    action: "publish",
    label: "Publish",
    roles: ["admin"],
    from: ["cleared"],
    to: "published",
    offeredToUsers: false,
    rule: "Cleared documents are published when the cycle is released, never one by one.",
  }),
};

/** Who may type into the text, by state: drafters while drafting, drafters and reviewers in review, nobody once clearance starts. */
export function canEditInState(state: WorkflowState, roles: ReadonlySet<Role>): boolean {
  if (state === "drafting" || state === "returned") return roles.has("drafter");
  if (state === "in_review") return roles.has("drafter") || roles.has("reviewer");
  return false;
}

/** What the caller's situation adds beyond role and state, for the actions that depend on it. */
export interface ActionContext {
  state: WorkflowState;
  kind: DocumentKind;
  /** The caller's roles on this document. */
  roles: ReadonlySet<Role>;
  hasApprovedTier: boolean;
  /** Offices the caller clears for (from their clearer grants covering the document). */
  callerOffices: readonly string[];
  /** Offices on the list with mode "clear" that have neither cleared the current text nor been proceeded without. */
  pendingOffices: readonly string[];
}

export interface ActionInput {
  action: WorkflowAction;
  comment?: string | null;
  office?: string | null;
}

export interface Refusal {
  status: 400 | 403 | 409;
  code: ErrorCode;
  message: string;
  rule: string;
}

export type ActionCheck = { ok: true; rule: ActionRule; office: string | null } | { ok: false; refusal: Refusal };

function refuse(status: Refusal["status"], code: ErrorCode, message: string, r: ActionRule): ActionCheck {
  return { ok: false, refusal: { status, code, message, rule: r.rule } };
}

/**
 * Whether this caller may take this action now. Role first (403: no state would allow it),
 * then state (409: the document is not where the action applies), then what the action needs.
 */
export function checkAction(context: ActionContext, input: ActionInput): ActionCheck {
  const r = ACTION_RULES[input.action];
  if (!r.offeredToUsers) return refuse(403, "action_not_offered", `"${r.label}" is not taken on a single document.`, r);
  if (!r.roles.some((role) => context.roles.has(role))) {
    return refuse(403, "role_not_allowed", `"${r.label}" needs the role ${r.roles.join(" or ")} on this document.`, r);
  }
  if (!r.from.includes(context.state)) {
    return refuse(409, "wrong_state", `"${r.label}" is not possible while the document is ${workflowStateLabel(context.state).toLowerCase()}.`, r);
  }
  const comment = input.comment?.trim() ?? "";
  if (r.requiresComment && !comment) return refuse(400, "comment_required", `"${r.label}" needs a comment saying why.`, r);
  if (r.requiresApprovedTier && context.kind === "country_narrative" && !context.hasApprovedTier) {
    return refuse(409, "approved_tier_required", "A country narrative enters clearance only with an approved tier recommendation.", r);
  }
  let office: string | null = null;
  if (r.requiresOffice) {
    const candidates = r.officeIsCallers ? context.pendingOffices.filter((o) => context.callerOffices.includes(o)) : [...context.pendingOffices];
    if (input.office) {
      if (r.officeIsCallers && !context.callerOffices.includes(input.office)) {
        return refuse(403, "not_your_office", `You clear for ${context.callerOffices.join(", ") || "no office"}, not ${input.office}.`, r);
      }
      if (!candidates.includes(input.office)) {
        return refuse(409, "office_not_pending", `${input.office} has no clearance pending on this text (not on the list as "clear", or already done).`, r);
      }
      office = input.office;
    } else if (candidates.length === 1) {
      office = candidates[0]!;
    } else if (candidates.length === 0) {
      return refuse(
        409,
        "office_not_pending",
        r.officeIsCallers ? "None of your offices has a clearance pending on this text." : "No office has a clearance pending.",
        r,
      );
    } else {
      return refuse(400, "office_required", `Name the office: one of ${candidates.join(", ")}.`, r);
    }
  }
  return { ok: true, rule: r, office };
}

/** The actions this caller may take now, in the order a screen offers them. */
export function availableActions(context: ActionContext): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => {
    // Comment and office are asked for by the form; availability is about everything else.
    const check = checkAction(context, { action, comment: "x", office: null });
    return check.ok || check.refusal.code === "office_required";
  });
}

/** Whether the (role, state, action) triple is allowed by the table alone (before comments, tiers and offices). */
export function tableAllows(role: Role, state: WorkflowState, action: WorkflowAction): boolean {
  const r = ACTION_RULES[action];
  return r.offeredToUsers && r.roles.includes(role) && r.from.includes(state);
}

/** The state a document reaches: clearing actions move on to final review when nothing required is left pending. */
export function nextState(r: ActionRule, pendingAfter: readonly string[]): WorkflowState {
  if ((r.action === "clear" || r.action === "proceed_without") && pendingAfter.length === 0) return "final_review";
  return r.to;
}

/** Tiers are proposed and decided before the text goes to clearance. */
export const TIER_OPEN_STATES: readonly WorkflowState[] = ["drafting", "returned", "in_review"];
/** The clearance list can change until the document leaves clearance. */
export const CLEARANCE_LIST_OPEN_STATES: readonly WorkflowState[] = ["drafting", "returned", "in_review", "in_clearance"];

/** What a caller may do beside the workflow actions; the server checks the same rules. */
export function sideRights(context: Pick<ActionContext, "state" | "kind" | "roles"> & { tierProposalPending: boolean }) {
  const narrative = context.kind === "country_narrative";
  const tierOpen = narrative && TIER_OPEN_STATES.includes(context.state);
  return {
    proposeTier: tierOpen && context.roles.has("drafter"),
    decideTier: tierOpen && context.roles.has("reviewer") && context.tierProposalPending,
    /** Leadership fixes the tier in final review, before giving final clearance. */
    fixTier: narrative && context.state === "final_review" && context.roles.has("leadership"),
    setClearanceList: CLEARANCE_LIST_OPEN_STATES.includes(context.state) && context.roles.has("reviewer"),
  };
}
