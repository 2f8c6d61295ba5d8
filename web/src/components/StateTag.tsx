/** A document's workflow state as a coloured USWDS tag. */
import { Tag } from "@trussworks/react-uswds";
import { workflowStateLabel, type WorkflowState } from "#shared/workflow-states.ts";

const COLOURS: Record<WorkflowState, string> = {
  drafting: "bg-base-dark",
  in_review: "bg-primary",
  returned: "bg-secondary-dark",
  in_clearance: "bg-accent-cool-darker",
  final_review: "bg-primary-darker",
  cleared: "bg-success-dark",
  published: "bg-success-darker",
};

export function StateTag({ state }: { state: WorkflowState }) {
  return (
    <Tag className={`${COLOURS[state] ?? ""} text-no-wrap`} data-testid="state-tag" data-state={state}>
      {workflowStateLabel(state)}
    </Tag>
  );
}
