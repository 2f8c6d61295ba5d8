/** Home: the current cycle, the filters and the documents the user may see. */
import { Alert, AlertText, Button, GridContainer } from "@trussworks/react-uswds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "wouter";
import type { Cycle, DocumentFilters as Filters } from "../api.ts";
import { CycleSummary } from "../components/CycleSummary.tsx";
import { DocumentFilters, filtersFromQuery, filtersToQuery } from "../components/DocumentFilters.tsx";
import { DocumentGroups } from "../components/DocumentGroups.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { RfiSummary } from "../components/RfiSummary.tsx";
import { plural } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queries } from "../query.ts";

export function DocumentListPage({ cycle }: { cycle: Cycle }) {
  usePageTitle(`${cycle.year} report documents`);
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromQuery(search);
  // While a new filter loads, the previous list stays (marked "Updating…") rather than flashing empty.
  const list = useQuery({ ...queries.documentList(cycle.year, filters), placeholderData: keepPreviousData });
  const setFilters = (next: Filters) => setSearch(filtersToQuery(next), { replace: true });
  const data = list.data;
  const loading = list.isFetching && (list.isPending || list.isPlaceholderData);

  return (
    <GridContainer>
      <h1 className="margin-top-4 margin-bottom-0">{cycle.year} Trafficking in Persons Report</h1>
      <CycleSummary cycle={cycle} />
      <RfiSummary year={cycle.year} />
      <p className="margin-y-1">
        <Link href={`/cycles/${cycle.year}/law-enforcement`} className="usa-link" data-testid="law-enforcement-link">
          Law-enforcement data
        </Link>
      </p>
      <DocumentFilters filters={filters} previousYear={cycle.year - 1} assignees={data?.assignees ?? []} onChange={setFilters} />
      <div aria-live="polite" aria-busy={loading}>
        {data ? (
          <p className="margin-top-3 text-bold" data-testid="document-count">
            {plural(data.counts?.total ?? data.documents.length, "document")}
            {loading ? <span className="text-normal text-base-dark margin-left-1">Updating…</span> : null}
          </p>
        ) : null}
      </div>
      {list.isPending ? <p className="margin-top-3 text-base-dark">Loading documents…</p> : null}
      {list.isError ? (
        <ErrorAlert error={list.error} heading="Could not load the documents">
          <Button type="button" outline className="margin-top-1" onClick={() => void list.refetch()}>
            Try again
          </Button>
        </ErrorAlert>
      ) : null}
      {data && data.documents.length === 0 ? (
        <Alert type="info" slim className="margin-top-2" data-testid="no-documents">
          <AlertText>
            {Object.keys(filters).length > 0 ? "No documents match these filters." : "There are no documents you can see in this cycle yet."}
          </AlertText>
        </Alert>
      ) : null}
      {data ? <DocumentGroups documents={data.documents} previousYear={cycle.year - 1} /> : null}
    </GridContainer>
  );
}
