/**
 * The audit trail: filters (document, person, action, dates) in the address, newest first, a page
 * at a time; the same filters exported as JSON lines or CSV; and the chain's verification in words.
 * Administrators and leadership read the whole trail; others only one document they can read
 * (the API refuses the rest and the page says so).
 */
import { Button, ButtonGroup, FormGroup, GridContainer, Label, Select, Table } from "@trussworks/react-uswds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent, type InputHTMLAttributes } from "react";
import { Link, useSearchParams } from "wouter";
import { api, type AuditEvent, type AuditFilters, type Me } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { dateTime, shortHash } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { AUDIT_PAGE_SIZES, queries } from "../query.ts";
import { AuditVerdict } from "./AuditVerdict.tsx";

const FIELDS = ["document", "actor", "action", "from", "to"] as const;
type Field = (typeof FIELDS)[number];

/** Actions the app writes, offered as suggestions (any action, or a family such as workflow.*, may be typed). */
const ACTIONS = [
  "workflow.*",
  "tier.*",
  "comment.*",
  "clearance.list_set",
  "figures.update",
  "document.edit_session",
  "user.*",
  "grant.*",
  "auth.*",
  "tier_history.import",
  "cycle.release",
];

function filtersFrom(search: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const field of FIELDS) {
    const value = search.get(field)?.trim();
    if (value) filters[field] = value;
  }
  return filters;
}

function Subject({ event }: { event: AuditEvent }) {
  if (event.documentId) {
    return (
      <Link href={`/documents/${encodeURIComponent(event.documentId)}`} className="usa-link">
        {event.documentId}
      </Link>
    );
  }
  return (
    <>
      {event.subjectType} {event.subjectId}
    </>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  const details = Object.keys(event.details).length ? JSON.stringify(event.details) : "";
  return (
    <tr data-testid={`audit-event-${event.seq}`}>
      <td>{event.seq}</td>
      <td className="text-no-wrap">
        <time dateTime={event.at}>{dateTime(event.at)}</time>
      </td>
      <td>{event.actorEmail ?? "system"}</td>
      <th scope="row" className="text-no-wrap">
        {event.action}
      </th>
      <td>
        <Subject event={event} />
        {event.documentVersion !== null ? <span className="text-base-dark"> (version {event.documentVersion})</span> : null}
      </td>
      <td className="tip-audit__details">
        {event.comment ? <p className="margin-0">“{event.comment}”</p> : null}
        {details ? <code className="font-mono-3xs">{details.length > 160 ? `${details.slice(0, 160)}…` : details}</code> : null}
      </td>
      <td>
        <code className="font-mono-3xs" title={event.hash}>
          {shortHash(event.hash)}
        </code>
      </td>
    </tr>
  );
}

export function AuditPage({ me }: { me: Me }) {
  usePageTitle("Audit trail");
  const [search, setSearch] = useSearchParams();
  const filters = filtersFrom(search);
  const limitParam = Number(search.get("limit"));
  const limit = (AUDIT_PAGE_SIZES as readonly number[]).includes(limitParam) ? limitParam : 50;
  const key = [...FIELDS.map((f) => filters[f] ?? ""), limit].join("|");
  const [draft, setDraft] = useState<AuditFilters>(filters);
  // Each entry is the cursor a page starts after; the first page has none.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the filters' text, not the search object
  useEffect(() => {
    setDraft(filtersFrom(search));
    setCursors([undefined]);
    // Keyed by the filters' text: a new address (Apply, Back, a shared link) starts again at the newest page.
  }, [key]);
  const cursor = cursors[cursors.length - 1];
  const page = useQuery({ ...queries.auditPage(filters, limit, cursor), placeholderData: keepPreviousData });
  const wholeTrail = me.grants.some((g) => (g.role === "admin" || g.role === "leadership") && g.scopeType === "global");

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const field of FIELDS) if (draft[field]?.trim()) query.set(field, draft[field]!.trim());
    if (limit !== 50) query.set("limit", String(limit));
    setSearch(query, { replace: true });
  };
  const setLimit = (next: number) => {
    const query = new URLSearchParams(search);
    if (next === 50) query.delete("limit");
    else query.set("limit", String(next));
    setSearch(query, { replace: true });
  };
  const input = (field: Field, label: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <FormGroup>
      <Label htmlFor={`audit-${field}`}>{label}</Label>
      <input
        className="usa-input"
        id={`audit-${field}`}
        name={field}
        type="text"
        value={draft[field] ?? ""}
        onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
        {...props}
      />
    </FormGroup>
  );
  const pageNumber = cursors.length;

  return (
    <GridContainer>
      <h1 className="margin-top-4 margin-bottom-1">Audit trail</h1>
      <p className="margin-top-0">
        Every change, who made it and when, in a hash chain: each event's hash covers the one before it.{" "}
        {wholeTrail ? "" : "You can read the events of one document you can see: give its id."}
      </p>
      {wholeTrail ? <AuditVerdict /> : null}
      <h2 className="margin-bottom-0">Events</h2>
      <form className="tip-filters" aria-label="Filter the audit trail" onSubmit={apply} data-testid="audit-filters">
        {input("document", "Document id", { placeholder: "2025-kenya", maxLength: 120 })}
        {input("actor", "Person (email or id)", { maxLength: 254 })}
        {input("action", "Action", { list: "audit-actions", placeholder: "workflow.*", maxLength: 80 })}
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        {input("from", "From (day)", { type: "date" })}
        {input("to", "Before (day)", { type: "date" })}
        <FormGroup>
          <Button type="submit">Apply filters</Button>
          {Object.keys(filters).length ? (
            <Button type="button" unstyled className="margin-left-1" onClick={() => setSearch(new URLSearchParams(), { replace: true })}>
              Clear filters
            </Button>
          ) : null}
        </FormGroup>
      </form>
      {wholeTrail ? (
        <p className="margin-top-2" data-testid="audit-export">
          Export these events (oldest first, with their hashes):{" "}
          <a href={api.auditExportUrl(filters, "jsonl")} download className="usa-link">
            JSON lines
          </a>{" "}
          ·{" "}
          <a href={api.auditExportUrl(filters, "csv")} download className="usa-link">
            CSV
          </a>
          . Re-verify from the JSON lines.
        </p>
      ) : null}
      {page.isError ? <ErrorAlert error={page.error} heading="Could not read the audit trail" /> : null}
      {page.isPending ? <p className="text-base-dark">Loading events…</p> : null}
      {page.data ? (
        <div aria-live="polite" aria-busy={page.isFetching}>
          <p className="text-bold margin-bottom-1" data-testid="audit-page-summary">
            {page.data.events.length
              ? `Page ${pageNumber}: events #${page.data.events[0]!.seq} to #${page.data.events[page.data.events.length - 1]!.seq}, newest first`
              : "No event matches these filters."}
            {page.isFetching ? <span className="text-normal text-base-dark margin-left-1">Updating…</span> : null}
          </p>
          {page.data.events.length ? (
            <Table bordered compact fullWidth scrollable className="font-body-2xs">
              <caption className="usa-sr-only">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">About</th>
                  <th scope="col">Comment and details</th>
                  <th scope="col">Hash</th>
                </tr>
              </thead>
              <tbody>
                {page.data.events.map((e) => (
                  <EventRow key={e.seq} event={e} />
                ))}
              </tbody>
            </Table>
          ) : null}
          <ButtonGroup>
            <Button type="button" outline disabled={pageNumber === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Newer events
            </Button>
            <Button type="button" outline disabled={page.data.nextCursor === null} onClick={() => setCursors([...cursors, page.data.nextCursor ?? undefined])}>
              Older events
            </Button>
          </ButtonGroup>
          <div className="display-flex flex-align-center">
            <Label htmlFor="audit-limit" className="margin-top-0 margin-right-1">
              Events per page
            </Label>
            <Select id="audit-limit" name="limit" className="width-card margin-top-0" value={String(limit)} onChange={(e) => setLimit(Number(e.target.value))}>
              {AUDIT_PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </div>
        </div>
      ) : null}
    </GridContainer>
  );
}
