/** When the document's current step is due, with an "Overdue" tag once that day has passed. */
import { Tag } from "@trussworks/react-uswds";
import { longDate } from "../../format.ts";

export function OverdueTag() {
  return (
    <Tag className="bg-secondary-dark margin-left-1 text-no-wrap" data-testid="overdue-tag">
      Overdue
    </Tag>
  );
}

export function DueDate({ dueDate, overdue }: { dueDate: string | null; overdue: boolean }) {
  if (!dueDate) return <span className="text-base-dark">No deadline</span>;
  return (
    <span data-testid="due-date">
      <time dateTime={dueDate}>{longDate(dueDate)}</time>
      {overdue ? <OverdueTag /> : null}
    </span>
  );
}
