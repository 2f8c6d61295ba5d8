/**
 * Leadership's one page: days to the release, the narratives by region and state, what is overdue
 * and with whom, this year's tiers against last year's with the moves, and the tier map. One
 * request per panel (progress, the overdue list, the placement tables, the map's narratives),
 * none per country. Loaded as its own chunk with the charting library; the map is another.
 */
import { Button, Grid, GridContainer } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, type ReactNode } from "react";
import { Link } from "wouter";
import { daysUntil } from "#shared/progress.ts";
import type { Cycle, CycleProgress } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { RfiSummary } from "../components/RfiSummary.tsx";
import { longDate, plural } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { useMapView } from "../map/map-view.ts";
import { queries } from "../query.ts";
import { OverduePanel } from "./OverduePanel.tsx";
import { ProgressChart } from "./ProgressChart.tsx";
import { TierComparison } from "./TierComparison.tsx";
import "./dashboard.css";

const TierMapPanel = lazy(() => import("../map/TierMapPanel.tsx"));

const MILESTONES: { key: keyof Cycle; label: string }[] = [
  { key: "draftingDue", label: "Drafting due" },
  { key: "reviewDue", label: "Review due" },
  { key: "clearanceDue", label: "Clearance due" },
  { key: "finalClearanceDue", label: "Final clearance due" },
];

function Panel({ id, title, children, wide = false }: { id: string; title: string; children: ReactNode; wide?: boolean }) {
  return (
    <Grid tablet={{ col: 12 }} desktop={{ col: wide ? 12 : 6 }} className="tip-panel-cell">
      <section aria-labelledby={`${id}-heading`} className="tip-panel" data-testid={`panel-${id}`}>
        <h2 id={`${id}-heading`} className="margin-top-0">
          {title}
        </h2>
        {children}
      </section>
    </Grid>
  );
}

function Countdown({ cycle, progress }: { cycle: Cycle; progress: CycleProgress }) {
  const days = progress.daysToRelease;
  const month = new Date(`${progress.releaseDate}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", timeZone: "UTC" });
  const next = MILESTONES.find((m) => String(cycle[m.key]) >= progress.today);
  return (
    <div data-testid="countdown">
      <p className="tip-countdown margin-0">
        <span className="tip-countdown__number" data-testid="countdown-days">
          {Math.abs(days)}
        </span>{" "}
        {days >= 0 ? `${days === 1 ? "day" : "days"} to the ${month} release` : `${Math.abs(days) === 1 ? "day" : "days"} past the planned release`}
      </p>
      <p className="margin-top-05">
        Release on <time dateTime={progress.releaseDate}>{longDate(progress.releaseDate)}</time>.
        {next ? (
          <>
            {" "}
            Next: {next.label.toLowerCase()} on <time dateTime={String(cycle[next.key])}>{longDate(String(cycle[next.key]))}</time> (in{" "}
            {plural(daysUntil(progress.today, String(cycle[next.key])), "day")}).
          </>
        ) : null}
      </p>
      <p className="margin-bottom-0" data-testid="countdown-overdue">
        {progress.overall.overdue > 0
          ? `${progress.overall.overdue} of ${plural(progress.overall.total, "document")} you can see ${progress.overall.overdue === 1 ? "is" : "are"} overdue.`
          : `None of the ${plural(progress.overall.total, "document")} you can see is overdue.`}
      </p>
    </div>
  );
}

function Failed({ error, what, retry }: { error: unknown; what: string; retry: () => void }) {
  return (
    <ErrorAlert error={error} heading={`Could not load ${what}`}>
      <Button type="button" outline className="margin-top-1" onClick={retry}>
        Try again
      </Button>
    </ErrorAlert>
  );
}

export default function DashboardPage({ cycle }: { cycle: Cycle }) {
  usePageTitle(`${cycle.year} dashboard`);
  const progress = useQuery(queries.progress(cycle.year));
  const placements = useQuery(queries.tierPlacements(cycle.year));
  const map = useMapView();
  return (
    <GridContainer>
      <h1 className="margin-top-4 margin-bottom-1">{cycle.year} report: where it stands</h1>
      <p className="margin-top-0">
        Everything here counts the documents you can see. The{" "}
        <Link href="/" className="usa-link">
          document list
        </Link>{" "}
        filters them further.
      </p>
      <Grid row gap="md">
        <Panel id="countdown" title="Release">
          {progress.data ? (
            <Countdown cycle={cycle} progress={progress.data} />
          ) : progress.isError ? (
            <Failed error={progress.error} what="the progress" retry={() => void progress.refetch()} />
          ) : (
            <p>Loading…</p>
          )}
          <RfiSummary year={cycle.year} />
        </Panel>
        <Panel id="tiers" title={`Tiers: ${cycle.year} against ${cycle.year - 1}`}>
          {placements.data ? (
            <TierComparison placements={placements.data} />
          ) : placements.isError ? (
            <Failed error={placements.error} what="the tier placements" retry={() => void placements.refetch()} />
          ) : (
            <p>Loading…</p>
          )}
        </Panel>
        <Panel id="overdue" title="Overdue, and with whom" wide>
          <OverduePanel year={cycle.year} today={progress.data?.today} />
        </Panel>
        <Panel id="progress" title="Narratives by region and state" wide>
          {progress.data ? (
            <ProgressChart progress={progress.data} />
          ) : progress.isError ? (
            <Failed error={progress.error} what="the progress" retry={() => void progress.refetch()} />
          ) : (
            <p>Loading…</p>
          )}
        </Panel>
        <Panel id="map" title="Tier map" wide>
          <Suspense fallback={<p className="text-base-dark">Loading the map…</p>}>
            <TierMapPanel year={cycle.year} region={map.region} showPrevious={map.showPrevious} onRegion={map.setRegion} onShowPrevious={map.setShowPrevious} />
          </Suspense>
          <p className="margin-bottom-0">
            <Link href="/map" className="usa-link">
              The map on its own page
            </Link>
          </p>
        </Panel>
      </Grid>
    </GridContainer>
  );
}
