/**
 * The tier map on a page of its own: the world or one region (`?region=AF`), this year's tier or
 * last year's (`?tiers=previous`), both in the address so a view can be shared.
 */
import { GridContainer } from "@trussworks/react-uswds";
import { lazy, Suspense } from "react";
import { Link } from "wouter";
import type { Cycle } from "../api.ts";
import { useMapView } from "../map/map-view.ts";
import { usePageTitle } from "../page-title.ts";

// d3-geo, topojson and the 50m atlas come only with the map.
const TierMapPanel = lazy(() => import("../map/TierMapPanel.tsx"));

export function MapPage({ cycle }: { cycle: Cycle }) {
  usePageTitle(`${cycle.year} tier map`);
  const view = useMapView();
  return (
    <GridContainer>
      <h1 className="margin-top-4 margin-bottom-1">Tier placements and regional maps</h1>
      <p className="margin-top-0">
        The {cycle.year} report's countries coloured by their tier, as in the report's own maps. The same countries as tables:{" "}
        <Link href={`/cycles/${cycle.year}/tiers`} className="usa-link">
          tier placements
        </Link>
        ; as a list:{" "}
        <Link href={`/?kind=country_narrative${view.region ? `&region=${view.region}` : ""}`} className="usa-link">
          the documents
        </Link>
        .
      </p>
      <Suspense fallback={<p className="text-base-dark">Loading the map…</p>}>
        <TierMapPanel year={cycle.year} region={view.region} showPrevious={view.showPrevious} onRegion={view.setRegion} onShowPrevious={view.setShowPrevious} />
      </Suspense>
    </GridContainer>
  );
}
