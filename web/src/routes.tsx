/** Every page of a signed-in user, in one table. The document list and /tiers need the current cycle, loaded once and cached. */
import { Alert, AlertText, Button, GridContainer } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, type ReactNode } from "react";
import { Link, Redirect, Route, Switch } from "wouter";
import type { Cycle, Me } from "./api.ts";
import { ErrorAlert } from "./components/ErrorAlert.tsx";
import { usePageTitle } from "./page-title.ts";
import { DocumentListPage } from "./pages/DocumentListPage.tsx";
import { CycleCommentsPage } from "./pages/CycleCommentsPage.tsx";
import { DocumentPage } from "./pages/DocumentPage.tsx";
import { DocumentVersionsPage } from "./pages/DocumentVersionsPage.tsx";
import { InboxPage } from "./pages/InboxPage.tsx";
import { LawEnforcementPage } from "./pages/LawEnforcementPage.tsx";
import { ReportPage } from "./pages/ReportPage.tsx";
import { TierHistoryImportPage } from "./pages/TierHistoryImportPage.tsx";
import { TierPlacementsPage } from "./pages/TierPlacementsPage.tsx";
import { queries } from "./query.ts";
import { AdminUserPage } from "./admin/AdminUserPage.tsx";
import { AdminUsersPage } from "./admin/AdminUsersPage.tsx";
import { UserImportPage } from "./admin/UserImportPage.tsx";
import { AuditPage } from "./audit/AuditPage.tsx";
import { MapPage } from "./pages/MapPage.tsx";
import { SourcesPage } from "./sources/SourcesPage.tsx";

// The charts (recharts) load only with the dashboard, as the editor loads with the first document.
const DashboardPage = lazy(() => import("./dashboard/DashboardPage.tsx"));

export function SignedInRoutes({ me }: { me: Me }) {
  return (
    <Switch>
      <Route path="/">
        <WithCurrentCycle>{(cycle) => <DocumentListPage cycle={cycle} />}</WithCurrentCycle>
      </Route>
      <Route path="/documents/:id">{({ id }) => <DocumentPage id={decodeURIComponent(id)} me={me} />}</Route>
      <Route path="/documents/:id/versions">{({ id }) => <DocumentVersionsPage id={decodeURIComponent(id)} />}</Route>
      <Route path="/inbox">
        <InboxPage />
      </Route>
      <Route path="/cycles/:year/law-enforcement">{({ year }) => <ForYear year={year}>{(y) => <LawEnforcementPage year={y} />}</ForYear>}</Route>
      <Route path="/cycles/:year/comments">{({ year }) => <ForYear year={year}>{(y) => <CycleCommentsPage year={y} />}</ForYear>}</Route>
      <Route path="/cycles/:year/sources">{({ year }) => <ForYear year={year}>{(y) => <SourcesPage year={y} me={me} />}</ForYear>}</Route>
      <Route path="/cycles/:year/report">{({ year }) => <ForYear year={year}>{(y) => <ReportPage year={y} />}</ForYear>}</Route>
      <Route path="/report">
        <WithCurrentCycle>{(cycle) => <Redirect to={`/cycles/${cycle.year}/report`} replace />}</WithCurrentCycle>
      </Route>
      <Route path="/sources">
        <WithCurrentCycle>{(cycle) => <Redirect to={`/cycles/${cycle.year}/sources`} replace />}</WithCurrentCycle>
      </Route>
      <Route path="/comments">
        <WithCurrentCycle>{(cycle) => <Redirect to={`/cycles/${cycle.year}/comments`} replace />}</WithCurrentCycle>
      </Route>
      <Route path="/cycles/:year/tiers">{({ year }) => <ForYear year={year}>{(y) => <TierPlacementsPage year={y} me={me} />}</ForYear>}</Route>
      <Route path="/tiers">
        {/* The tier tables open on the last published report: the year before the current cycle. */}
        <WithCurrentCycle>{(cycle) => <Redirect to={`/cycles/${cycle.year - 1}/tiers`} replace />}</WithCurrentCycle>
      </Route>
      <Route path="/dashboard">
        <WithCurrentCycle>
          {(cycle) => (
            <Suspense fallback={<Loading what="the dashboard" />}>
              <DashboardPage cycle={cycle} />
            </Suspense>
          )}
        </WithCurrentCycle>
      </Route>
      <Route path="/map">
        <WithCurrentCycle>{(cycle) => <MapPage cycle={cycle} />}</WithCurrentCycle>
      </Route>
      <Route path="/audit">
        <AuditPage me={me} />
      </Route>
      <Route path="/admin/users">
        <AdminUsersPage />
      </Route>
      <Route path="/admin/users/import">
        <UserImportPage />
      </Route>
      <Route path="/admin/users/:id">{({ id }) => <AdminUserPage id={decodeURIComponent(id)} />}</Route>
      <Route path="/admin/tier-history">
        <TierHistoryImportPage />
      </Route>
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}

/** A report year in the path is four digits; anything else is no page. */
function ForYear({ year, children }: { year: string; children: (year: number) => ReactNode }) {
  return /^\d{4}$/.test(year) ? children(Number(year)) : <NotFound />;
}

/** The newest report cycle (the API lists them newest first), with the loading, error and no-cycle states. */
function WithCurrentCycle({ children }: { children: (cycle: Cycle) => ReactNode }) {
  const cycles = useQuery(queries.cycles());
  if (cycles.isPending) {
    return (
      <GridContainer>
        <p className="margin-top-4 text-base-dark">Loading the report cycle…</p>
      </GridContainer>
    );
  }
  if (cycles.isError) {
    return (
      <GridContainer>
        <ErrorAlert error={cycles.error} heading="Could not load the report cycle">
          <Button type="button" outline className="margin-top-1" onClick={() => void cycles.refetch()}>
            Try again
          </Button>
        </ErrorAlert>
      </GridContainer>
    );
  }
  const current = cycles.data[0];
  if (!current) {
    return (
      <GridContainer>
        <Alert type="info" className="margin-top-4" data-testid="no-cycle">
          <AlertText>No report cycle has been set up yet. An administrator needs to create one before documents appear here.</AlertText>
        </Alert>
      </GridContainer>
    );
  }
  return children(current);
}

function Loading({ what }: { what: string }) {
  return (
    <GridContainer>
      <p className="margin-top-4 text-base-dark">Loading {what}…</p>
    </GridContainer>
  );
}

function NotFound() {
  usePageTitle("Page not found");
  return (
    <GridContainer>
      <h1 className="margin-top-4">Page not found</h1>
      <p>
        There is no page at this address.{" "}
        <Link href="/" className="usa-link">
          Go to the document list
        </Link>
        .
      </p>
    </GridContainer>
  );
}
