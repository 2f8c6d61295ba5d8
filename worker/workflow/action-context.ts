/** What the shared state machine needs to know about a caller and a document, and what it offers them. */
import { ACTION_RULES, availableActions, type ActionContext, type WorkflowAction } from "#shared/workflow.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import type { DocumentSummary } from "../documents/document-queries.ts";
import { grantCovers, rolesOn } from "../policy/policy.ts";
import type { ClearanceState } from "./clearance-state.ts";

export function actionContext(user: CurrentUser, doc: DocumentSummary, clearance: ClearanceState): ActionContext {
  return {
    state: doc.state,
    kind: doc.kind,
    roles: rolesOn(user, doc),
    hasApprovedTier: doc.approvedTier !== null,
    callerOffices: user.grants.filter((g) => g.role === "clearer" && g.officeCode && grantCovers(g, doc)).map((g) => g.officeCode!),
    pendingOffices: clearance.pending,
  };
}

export interface OfferedAction {
  action: WorkflowAction;
  label: string;
  requiresComment: boolean;
  /** For clearing actions: the offices it may name. */
  offices: string[];
}

/** The actions to offer this caller now, with what each form must ask for. */
export function offeredActions(context: ActionContext): OfferedAction[] {
  return availableActions(context).map((action) => {
    const rule = ACTION_RULES[action];
    const offices = !rule.requiresOffice
      ? []
      : rule.officeIsCallers
        ? context.pendingOffices.filter((o) => context.callerOffices.includes(o))
        : [...context.pendingOffices];
    return { action, label: rule.label, requiresComment: rule.requiresComment, offices };
  });
}
