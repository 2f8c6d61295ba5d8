/**
 * The tier map with its controls: world or one region, this year's or last year's tier, and the
 * legend (pattern, words and count for each tier). Its data is one request: the cycle's country
 * narratives, which carry both years' tiers and the workflow state. Loaded as its own chunk
 * (the atlas and d3-geo come with it).
 */
import { Button, Checkbox, Label, Select } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import { useId, useMemo } from "react";
import { useLocation } from "wouter";
import { REGIONS, type RegionCode } from "#shared/regions.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { plural } from "../format.ts";
import { queries } from "../query.ts";
import { shownTier, TierMap, type MapCountry } from "./TierMap.tsx";
import { FILL_STYLES, Swatch, type MapFillKey } from "./tier-styles.tsx";
import "./map.css";

interface Props {
  year: number;
  region: RegionCode | null;
  showPrevious: boolean;
  onRegion: (region: RegionCode | null) => void;
  onShowPrevious: (showPrevious: boolean) => void;
}

const NARRATIVES = { kind: "country_narrative" } as const;

export default function TierMapPanel({ year, region, showPrevious, onRegion, onShowPrevious }: Props) {
  const ids = useId();
  const [, navigate] = useLocation();
  const list = useQuery(queries.documentList(year, NARRATIVES));
  const countries = useMemo<MapCountry[]>(
    () =>
      (list.data?.documents ?? [])
        .filter((d) => d.countryId)
        .map((d) => ({
          documentId: d.id,
          countryId: d.countryId!,
          name: d.title,
          regionCode: d.regionCode,
          state: d.state,
          tier: d.approvedTier,
          tierFixed: d.tierFixed,
          previousTier: d.previousTier,
        })),
    [list.data],
  );
  const inView = countries.filter((c) => region === null || c.regionCode === region);
  const counts = new Map<MapFillKey, number>();
  for (const c of inView) counts.set(shownTier(c, showPrevious) ?? "none", (counts.get(shownTier(c, showPrevious) ?? "none") ?? 0) + 1);
  const shownYear = showPrevious ? year - 1 : year;
  const where = region === null ? "World" : REGIONS.find((r) => r.code === region)!.name;

  return (
    <div data-testid="tier-map-panel">
      <div className="tip-map-controls">
        <div>
          <Label htmlFor={`${ids}-region`} className="margin-top-0">
            Map of
          </Label>
          <Select id={`${ids}-region`} name="region" value={region ?? ""} onChange={(e) => onRegion((e.target.value || null) as RegionCode | null)}>
            <option value="">The world</option>
            {REGIONS.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </Select>
        </div>
        <Checkbox
          id={`${ids}-previous`}
          name="previous"
          label={`Last year's tier (${year - 1})`}
          checked={showPrevious}
          onChange={(e) => onShowPrevious(e.target.checked)}
        />
      </div>
      <p className="font-body-2xs text-base-dark margin-y-1" id={`${ids}-hint`}>
        {showPrevious ? `Coloured by the ${year - 1} report's tier.` : `Coloured by the ${year} tier approved by the reviewer or fixed by leadership.`}
      </p>
      {list.isError ? (
        <ErrorAlert error={list.error} heading="Could not load the map's countries">
          <Button type="button" outline className="margin-top-1" onClick={() => void list.refetch()}>
            Try again
          </Button>
        </ErrorAlert>
      ) : null}
      {list.isPending ? <p className="text-base-dark">Loading the map…</p> : null}
      {list.data ? (
        <>
          <TierMap
            countries={countries}
            region={region}
            showPrevious={showPrevious}
            year={year}
            onOpen={(id) => navigate(`/documents/${encodeURIComponent(id)}`)}
            label={`${where}: ${plural(inView.length, "country", "countries")} by ${shownYear} tier`}
          />
          <ul className="tip-map-legend" aria-label={`Legend: ${shownYear} tiers`} data-testid="map-legend">
            {(["tier1", "tier2", "tier2wl", "tier3", "special_case", "none", "outside"] as MapFillKey[]).map((key) => (
              <li key={key} data-fill={key}>
                <Swatch fill={key} prefix={ids.replace(/:/g, "")} />
                <span>
                  {key === "none" && showPrevious ? `No ${year - 1} tier` : FILL_STYLES[key].label}
                  {key === "outside" ? null : <span className="text-base-dark"> ({counts.get(key) ?? 0})</span>}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
