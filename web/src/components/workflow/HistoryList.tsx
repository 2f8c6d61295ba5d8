/** The document's recorded steps, newest first: when, who, what, why, and the text it bound to. */
import { Table } from "@trussworks/react-uswds";
import type { HistoryEvent } from "../../api.ts";
import { dateTime, shortHash } from "../../format.ts";
import { ACTION_RULES, WORKFLOW_ACTIONS, type WorkflowAction } from "#shared/workflow.ts";

const isWorkflowAction = (name: string): name is WorkflowAction => (WORKFLOW_ACTIONS as readonly string[]).includes(name);

/** "workflow.clear" -> "Cleared (DRL)", "tier.propose" -> "Proposed Tier 1", … */
export function historyLabel(event: HistoryEvent): string {
  const [kind, name = ""] = event.action.split(".", 2);
  const office = typeof event.details.office === "string" ? ` (${event.details.office})` : "";
  const tier = typeof event.details.tierLabel === "string" ? event.details.tierLabel : "a tier";
  if (kind === "workflow" && isWorkflowAction(name)) {
    if (name === "clear") return `Cleared${office}`;
    if (name === "proceed_without") return `Proceeded without${office}`;
    if (name === "final_clear" && typeof event.details.tierLabel === "string") return `${ACTION_RULES.final_clear.label} (${tier})`;
    return ACTION_RULES[name].label;
  }
  if (event.action === "tier.propose") return `Proposed ${tier}`;
  if (event.action === "tier.approve") return `Approved ${tier}`;
  if (event.action === "tier.reject") return `Rejected ${tier}`;
  if (event.action === "tier.final") return `Fixed the final tier: ${tier}`;
  if (event.action === "clearance.list_set") return "Set the clearance list";
  if (event.action === "figures.update") return "Updated the law-enforcement figures";
  if (event.action === "document.import_docx")
    return typeof event.details.fileName === "string" ? `Imported “${event.details.fileName}” from Word` : "Imported a Word document";
  return event.action;
}

export function HistoryList({ history }: { history: HistoryEvent[] }) {
  return (
    <section aria-labelledby="history-heading" className="tip-panel" data-testid="history">
      <h2 id="history-heading">History</h2>
      {history.length === 0 ? (
        <p className="text-base-dark">No workflow steps recorded yet.</p>
      ) : (
        <Table fullWidth compact striped>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Comment</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          <tbody>
            {history.map((e) => (
              <tr key={e.seq}>
                <td className="text-no-wrap">
                  <time dateTime={e.at}>{dateTime(e.at)}</time>
                </td>
                <td>{e.actorEmail ?? "System"}</td>
                <td>{historyLabel(e)}</td>
                <td className="tip-prewrap">{e.comment ?? ""}</td>
                <td>{e.snapshotHash ? <code title={e.snapshotHash}>{shortHash(e.snapshotHash)}</code> : null}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
