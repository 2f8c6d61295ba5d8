/**
 * The states a document moves through. The transitions between them (who may do what, when)
 * belong to the workflow state machine; this file only names the states so every layer agrees.
 */
export const WORKFLOW_STATES = [
  { code: "drafting", label: "Drafting" },
  { code: "in_review", label: "In review" },
  { code: "returned", label: "Returned to drafters" },
  { code: "in_clearance", label: "In clearance" },
  { code: "final_review", label: "Final review" },
  { code: "cleared", label: "Cleared" },
  { code: "published", label: "Published" },
] as const;

export type WorkflowState = (typeof WORKFLOW_STATES)[number]["code"];
export const WORKFLOW_STATE_CODES = WORKFLOW_STATES.map((s) => s.code) as [WorkflowState, ...WorkflowState[]];
export const INITIAL_WORKFLOW_STATE: WorkflowState = "drafting";

export function workflowStateLabel(code: WorkflowState): string {
  return WORKFLOW_STATES.find((s) => s.code === code)!.label;
}
