/** Every comment thread of a cycle the reader may see, by region and state, in the URL so a view can be shared. */
import { Checkbox, GridContainer, Label, Select, Table } from "@trussworks/react-uswds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "wouter";
import { REGIONS } from "#shared/regions.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { dateTime } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queries } from "../query.ts";
import { THREAD_STATE_LABELS } from "../workspace/comments/thread-labels.ts";

export function CycleCommentsPage({ year }: { year: number }) {
  usePageTitle(`Comments, ${year} report`);
  const [params, setParams] = useSearchParams();
  const region = REGIONS.some((r) => r.code === params.get("region")) ? params.get("region")! : undefined;
  const open = params.get("state") !== "all";
  const threads = useQuery({ ...queries.cycleComments(year, region, open), placeholderData: keepPreviousData });
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return (
    <GridContainer>
      <h1 className="margin-top-4">Comments on the {year} report</h1>
      <form className="tip-filters" aria-label="Filter comments" onSubmit={(e) => e.preventDefault()}>
        <div>
          <Label htmlFor="comments-region">Region</Label>
          <Select id="comments-region" name="region" value={region ?? ""} onChange={(e) => set("region", e.target.value || null)}>
            <option value="">All regions you can see</option>
            {REGIONS.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </Select>
        </div>
        <Checkbox
          id="comments-open"
          name="open"
          label="Open comments only"
          checked={open}
          onChange={(e) => set("state", e.target.checked ? null : "all")}
          className="margin-top-2"
        />
      </form>
      {threads.isError ? <ErrorAlert error={threads.error} heading="Could not load the comments" /> : null}
      {threads.isPending ? <p className="text-base-dark">Loading comments…</p> : null}
      {threads.data ? (
        threads.data.length === 0 ? (
          <p data-testid="no-comments">No {open ? "open " : ""}comments here.</p>
        ) : (
          <Table bordered fullWidth caption={`${threads.data.length} ${open ? "open " : ""}comment${threads.data.length === 1 ? "" : "s"}`}>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Words</th>
                <th scope="col">Comment</th>
                <th scope="col">By</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {threads.data.map((t) => (
                <tr key={t.id} data-testid={`cycle-thread-${t.id}`}>
                  <td>
                    <Link href={`/documents/${encodeURIComponent(t.documentId)}`} className="usa-link">
                      {t.documentTitle}
                    </Link>
                  </td>
                  <td>“{t.quote}”</td>
                  <td>
                    {t.kind === "suggestion" ? `Suggests “${t.replacement}”. ` : ""}
                    {t.body}
                  </td>
                  <td>
                    {t.author.name}
                    <br />
                    <span className="text-base-dark font-body-3xs">{dateTime(t.createdAt)}</span>
                  </td>
                  <td>
                    {THREAD_STATE_LABELS[t.state]}
                    {t.blocking ? " · blocking" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )
      ) : null}
    </GridContainer>
  );
}
