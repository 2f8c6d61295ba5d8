/**
 * The map itself: every report country the reader can see, coloured and patterned by its tier,
 * each one a link named "Kenya: Tier 2, in review" (Enter opens its narrative). The map is one
 * stop in the Tab order, not 188: arrow keys move between its countries by name (a roving
 * tabindex), Home and End go to the first and last. Hover and focus show a tooltip with the name,
 * both years' tiers and the workflow state; Escape hides it. Countries too small to see or hit
 * get a round marker.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { RegionCode } from "#shared/regions.ts";
import { tierLabel, type TierCode } from "#shared/tiers.ts";
import { workflowStateLabel, type WorkflowState } from "#shared/workflow-states.ts";
import { COUNTRY_SHAPES, MAP_HEIGHT, MAP_WIDTH, UNCLAIMED_SHAPES, projectionFor, type CountryShapes } from "./map-geometry.ts";
import { FillPatterns, patternId, type MapFillKey } from "./tier-styles.tsx";

export interface MapCountry {
  documentId: string;
  countryId: string;
  name: string;
  regionCode: string | null;
  state: WorkflowState;
  tier: TierCode | null;
  tierFixed: boolean;
  previousTier: TierCode | null;
}

interface Props {
  countries: MapCountry[];
  region: RegionCode | null;
  showPrevious: boolean;
  year: number;
  onOpen: (documentId: string) => void;
  label: string;
}

/** Below this size (in map units) a country gets a marker: a shape that small cannot be seen or hit. */
const TINY = 6;

export function shownTier(country: MapCountry, showPrevious: boolean): TierCode | null {
  return showPrevious ? country.previousTier : country.tier;
}

/** The accessible name: "Kenya: Tier 2, in review"; "Kenya: Tier 2 in 2024, drafting" for last year's map. */
export function countryLabel(country: MapCountry, showPrevious: boolean, year: number): string {
  const tier = shownTier(country, showPrevious);
  const tierText = tier ? `${tierLabel(tier)}${showPrevious ? ` in ${year - 1}` : ""}` : showPrevious ? `no ${year - 1} tier` : "not placed yet";
  return `${country.name}: ${tierText}, ${workflowStateLabel(country.state).toLowerCase()}`;
}

interface Drawn {
  country: MapCountry;
  d: string;
  marker: [number, number] | null;
  anchor: [number, number];
}

export function TierMap({ countries, region, showPrevious, year, onOpen, label }: Props) {
  const prefix = useId().replace(/:/g, "");
  // Kept apart, so moving the mouse never takes away the keyboard's focus outline.
  const [hovered, setHovered] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState(false);
  /** The country that holds the map's one Tab stop: the last one focused. */
  const [active, setActive] = useState<string | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const inView = useMemo(() => countries.filter((c) => region === null || c.regionCode === region), [countries, region]);

  const drawn = useMemo(() => {
    const shapesInView = inView.map((c) => COUNTRY_SHAPES.get(c.countryId)).filter((s): s is CountryShapes => s !== undefined);
    const { projection, path } = projectionFor(region === null ? null : shapesInView, region);
    const interactive: Drawn[] = [];
    for (const country of [...inView].sort((a, b) => a.name.localeCompare(b.name, "en"))) {
      const shapes = COUNTRY_SHAPES.get(country.countryId);
      if (!shapes) continue;
      const collection = { type: "FeatureCollection" as const, features: shapes.shapes };
      const d = shapes.shapes.length ? (path(collection) ?? "") : "";
      const [[x0, y0], [x1, y1]] = shapes.shapes.length
        ? path.bounds(collection)
        : [
            [0, 0],
            [0, 0],
          ];
      const point = shapes.marker ? projection([...shapes.marker]) : null;
      const centre: [number, number] = point ? [point[0], point[1]] : [(x0 + x1) / 2, (y0 + y1) / 2];
      const tiny = !shapes.shapes.length || (x1 - x0 < TINY && y1 - y0 < TINY);
      interactive.push({ country, d, marker: tiny ? centre : null, anchor: centre });
    }
    // Land the reader does not work with here: other regions, shapes of no report country, narratives they cannot see.
    const context = [
      ...UNCLAIMED_SHAPES,
      ...[...COUNTRY_SHAPES.values()].filter((s) => !inView.some((c) => c.countryId === s.countryId)).flatMap((s) => s.shapes),
    ];
    return { interactive, context: path({ type: "FeatureCollection", features: context }) ?? "", sphere: path({ type: "Sphere" }) ?? "" };
  }, [inView, region]);

  const find = (id: string | null) => drawn.interactive.find((c) => c.country.countryId === id) ?? null;
  const tooltipFor = dismissed ? null : find(hovered ?? focused);
  const outlined = [find(focused), hovered !== focused ? find(hovered) : null].filter((c): c is Drawn => c !== null);
  const hover = (id: string | null) => {
    setHovered(id);
    setDismissed(false);
  };
  const fillOf = (country: MapCountry): MapFillKey => shownTier(country, showPrevious) ?? "none";
  const order = drawn.interactive.map((c) => c.country.countryId);
  const tabStop = active !== null && order.includes(active) ? active : (order[0] ?? null);
  const focusCountry = (index: number) => {
    const id = order[Math.min(Math.max(index, 0), order.length - 1)];
    if (id !== undefined) svg.current?.querySelector<SVGGElement>(`[data-country="${CSS.escape(id)}"]`)?.focus();
  };
  const onKey = (event: KeyboardEvent, country: MapCountry) => {
    const at = order.indexOf(country.countryId);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: order.length - 1 };
    const to = moves[event.key];
    if (to !== undefined) {
      // The page would scroll on arrows and Home/End otherwise.
      event.preventDefault();
      focusCountry(to);
    }
    if (event.key === "Enter") onOpen(country.documentId);
    if (event.key === "Escape") setDismissed(true);
  };
  const hintId = `${prefix}-keys`;

  return (
    <div className="tip-map" data-testid="tier-map" onMouseLeave={() => hover(null)}>
      <svg ref={svg} viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="group" aria-label={label} aria-describedby={hintId} className="tip-map__svg">
        <FillPatterns prefix={prefix} />
        <path d={drawn.sphere} className="tip-map__sphere" aria-hidden="true" />
        <path d={drawn.context} fill={`url(#${patternId(prefix, "outside")})`} className="tip-map__context" aria-hidden="true" />
        {drawn.interactive.map(({ country, d, marker }) => (
          <g
            key={country.countryId}
            role="link"
            tabIndex={country.countryId === tabStop ? 0 : -1}
            aria-label={countryLabel(country, showPrevious, year)}
            data-country={country.countryId}
            data-fill={fillOf(country)}
            className="tip-map__country"
            onMouseEnter={() => hover(country.countryId)}
            onFocus={() => {
              setFocused(country.countryId);
              setActive(country.countryId);
              setDismissed(false);
            }}
            onBlur={() => setFocused((f) => (f === country.countryId ? null : f))}
            onClick={() => onOpen(country.documentId)}
            onKeyDown={(e) => onKey(e, country)}
          >
            {d ? <path d={d} fill={`url(#${patternId(prefix, fillOf(country))})`} /> : null}
            {marker ? <circle cx={marker[0]} cy={marker[1]} r={5} fill={`url(#${patternId(prefix, fillOf(country))})`} className="tip-map__marker" /> : null}
          </g>
        ))}
        {outlined.map((c) => (
          // Drawn last, so the outline of the country in hand is never hidden under its neighbours.
          <g key={c.country.countryId} className="tip-map__highlight" aria-hidden="true" data-outline={c.country.countryId}>
            {c.d ? <path d={c.d} /> : null}
            {c.marker ? <circle cx={c.marker[0]} cy={c.marker[1]} r={6} /> : null}
          </g>
        ))}
      </svg>
      {tooltipFor ? <Tooltip drawn={tooltipFor} year={year} /> : null}
      <p id={hintId} className="tip-map__hint" data-testid="map-keys">
        Keyboard: Tab reaches the map, arrow keys move between countries by name, Enter opens a narrative, Escape hides the details.
      </p>
    </div>
  );
}

function Tooltip({ drawn, year }: { drawn: Drawn; year: number }) {
  const [x, y] = drawn.anchor;
  const live = drawn.country;
  const left = `${Math.min(Math.max((x / MAP_WIDTH) * 100, 10), 90)}%`;
  const below = y < MAP_HEIGHT * 0.3;
  const thisYear = live.tier ? `${tierLabel(live.tier)} (${live.tierFixed ? "final" : "approved"})` : "not placed yet";
  return (
    // The country's own name already says all of this to a screen reader; this is for the eye.
    <div
      className={`tip-map__tooltip${below ? " tip-map__tooltip--below" : ""}`}
      style={{ left, top: `${(y / MAP_HEIGHT) * 100}%` }}
      data-testid="map-tooltip"
      aria-hidden="true"
    >
      <strong>{live.name}</strong>
      <span>
        {year}: {thisYear}
      </span>
      <span>
        {year - 1}: {live.previousTier ? tierLabel(live.previousTier) : "no tier"}
      </span>
      <span>{workflowStateLabel(live.state)}</span>
    </div>
  );
}
