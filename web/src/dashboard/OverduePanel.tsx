/**
 * What is behind the cycle's calendar and with whom: one request, the list filtered to overdue.
 * First who holds how many, then the documents, those nearest the release first (final review,
 * clearance, review, drafting), each with who it waits on.
 */
import { Button, Table } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { daysUntil } from "#shared/progress.ts";
import { AssigneeNames } from "../components/AssigneeNames.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { StateTag } from "../components/StateTag.tsx";
import { longDate, plural, regionName } from "../format.ts";
import { queries } from "../query.ts";

const OVERDUE = { overdue: true } as const;
const SHOWN = 25;

export function OverduePanel({ year, today }: { year: number; today: string | undefined }) {
  const list = useQuery(queries.documentList(year, OVERDUE));
  if (list.isPending) return <p className="text-base-dark">Loading what is overdue…</p>;
  if (list.isError) {
    return (
      <ErrorAlert error={list.error} heading="Could not load the overdue documents">
        <Button type="button" outline className="margin-top-1" onClick={() => void list.refetch()}>
          Try again
        </Button>
      </ErrorAlert>
    );
  }
  const stage = (state: string) => -(["drafting", "returned", "in_review", "in_clearance", "final_review"] as string[]).indexOf(state);
  const overdue = [...list.data.documents].sort(
    (a, b) => stage(a.state) - stage(b.state) || (a.dueDate ?? "").localeCompare(b.dueDate ?? "") || a.title.localeCompare(b.title),
  );
  const holders = new Map<string, { userId: string; name: string; count: number }>();
  for (const d of overdue) {
    for (const a of new Map(d.assignees.map((x) => [x.userId, x])).values()) {
      const h = holders.get(a.userId) ?? { userId: a.userId, name: a.name, count: 0 };
      h.count++;
      holders.set(a.userId, h);
    }
  }
  const byCount = [...holders.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  if (!overdue.length) {
    return (
      <p className="margin-top-0" data-testid="overdue-none">
        Nothing you can see is overdue.
      </p>
    );
  }
  return (
    <div data-testid="overdue-list">
      <p className="margin-top-0 text-bold" data-testid="overdue-total">
        {plural(overdue.length, "document")} behind the cycle's calendar
      </p>
      <h3 className="margin-bottom-05 font-body-sm">With whom</h3>
      <ul className="usa-list usa-list--unstyled tip-holders" data-testid="overdue-holders">
        {byCount.map((h) => (
          <li key={h.userId} data-testid={`overdue-holder-${h.userId}`}>
            <Link href={`/?assignee=${encodeURIComponent(h.userId)}&overdue=true`} className="usa-link">
              {h.name}
            </Link>
            : {h.count} overdue
          </li>
        ))}
        {overdue.some((d) => !d.assignees.length) ? <li>Nobody: {overdue.filter((d) => !d.assignees.length).length} overdue (no one holds the role)</li> : null}
      </ul>
      <h3 className="margin-bottom-05 font-body-sm">Documents, nearest the release first</h3>
      <Table bordered compact fullWidth className="font-body-2xs" scrollable>
        <caption className="usa-sr-only">Overdue documents, the longest overdue first</caption>
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Region</th>
            <th scope="col">State</th>
            <th scope="col">Was due</th>
            <th scope="col">Waiting on</th>
          </tr>
        </thead>
        <tbody>
          {overdue.slice(0, SHOWN).map((d) => (
            <tr key={d.id} data-testid={`overdue-row-${d.id}`}>
              <th scope="row">
                <Link href={`/documents/${encodeURIComponent(d.id)}`} className="usa-link">
                  {d.title}
                </Link>
              </th>
              <td>{d.regionCode ? regionName(d.regionCode) : "Report section"}</td>
              <td>
                <StateTag state={d.state} />
              </td>
              <td>
                {d.dueDate ? longDate(d.dueDate) : ""}
                {d.dueDate && today ? <span className="text-base-dark"> ({plural(-daysUntil(today, d.dueDate), "day")} ago)</span> : null}
              </td>
              <td>
                <AssigneeNames assignees={d.assignees} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p className="margin-bottom-0">
        <Link href="/?overdue=true" className="usa-link">
          {overdue.length > SHOWN ? `All ${overdue.length} overdue documents in the list` : "The overdue documents in the list"}
        </Link>
      </p>
    </div>
  );
}
