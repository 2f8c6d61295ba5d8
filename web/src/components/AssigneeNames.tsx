/** Who a document waits on, as words: "AF Reviewer", "DRL Clearer (DRL), Lee Legal Adviser (L)"; a dash when nobody. */
import type { Assignee } from "../api.ts";

export function assigneeText(assignees: Assignee[]): string {
  return assignees.map((a) => (a.officeCode ? `${a.name} (${a.officeCode})` : a.name)).join(", ");
}

export function AssigneeNames({ assignees }: { assignees: Assignee[] }) {
  if (!assignees.length) return <span className="text-base-dark">—</span>;
  return <span className="font-body-2xs">{assigneeText(assignees)}</span>;
}
