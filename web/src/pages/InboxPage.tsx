/** What waits on the signed-in user: every document where they have a workflow action now, overdue first (the API's order). */
import { Alert, AlertText, Button, GridContainer, Table } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import type { InboxItem } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { StateTag } from "../components/StateTag.tsx";
import { DueDate } from "../components/workflow/DueDate.tsx";
import { plural } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queries } from "../query.ts";
import { tierLabel } from "#shared/tiers.ts";

function InboxRow({ item }: { item: InboxItem }) {
  return (
    <tr data-testid={`inbox-row-${item.id}`}>
      <th scope="row">
        <Link href={`/documents/${encodeURIComponent(item.id)}`} className="usa-link">
          {item.title}
        </Link>
        {item.kind === "country_narrative" && item.approvedTier ? <span className="font-body-2xs text-base-dark">: {tierLabel(item.approvedTier)}</span> : null}
        {item.regionName ? <span className="display-block font-body-3xs text-normal text-base-dark">{item.regionName}</span> : null}
      </th>
      <td>
        <StateTag state={item.state} />
      </td>
      <td>
        <DueDate dueDate={item.dueDate} overdue={item.overdue} />
      </td>
      <td>
        <ul className="usa-list usa-list--unstyled">
          {item.actions.map((a) => (
            <li key={a.action}>{a.label}</li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

export function InboxPage() {
  usePageTitle("Inbox");
  const inbox = useQuery(queries.inbox());
  const data = inbox.data;
  return (
    <GridContainer>
      <h1 className="margin-top-4 margin-bottom-1">Your inbox</h1>
      {data ? (
        <p className="margin-top-0 text-bold" data-testid="inbox-summary">
          {data.year} report · {plural(data.total, "document")} waiting on you{data.overdue ? `, ${data.overdue} overdue` : ""}
        </p>
      ) : null}
      {inbox.isPending ? <p className="text-base-dark">Loading your inbox…</p> : null}
      {inbox.isError ? (
        <ErrorAlert error={inbox.error} heading="Could not load your inbox">
          <Button type="button" outline className="margin-top-1" onClick={() => void inbox.refetch()}>
            Try again
          </Button>
        </ErrorAlert>
      ) : null}
      {data && data.items.length === 0 ? (
        <Alert type="info" slim data-testid="inbox-empty">
          <AlertText>Nothing waits on you right now.</AlertText>
        </Alert>
      ) : null}
      {data && data.items.length > 0 ? (
        <Table fullWidth striped>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">State</th>
              <th scope="col">Due</th>
              <th scope="col">You can</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <InboxRow key={item.id} item={item} />
            ))}
          </tbody>
        </Table>
      ) : null}
    </GridContainer>
  );
}
