/**
 * How each tier is drawn on the map: a colour and a pattern (solid, diagonal lines, dots, cross-hatch,
 * horizontal lines), so the legend and the map never rely on colour alone. The legend shows the same
 * swatches beside the words.
 */
import type { TierCode } from "#shared/tiers.ts";

/** A tier, or a report country not placed yet, or land outside the view (not in the report, or not visible to the reader). */
export type MapFillKey = TierCode | "none" | "outside";

interface FillStyle {
  label: string;
  background: string;
  ink: string;
  pattern: "solid" | "diagonal" | "dots" | "crosshatch" | "horizontal" | "blank";
}

export const FILL_STYLES: Record<MapFillKey, FillStyle> = {
  tier1: { label: "Tier 1", background: "#1a4480", ink: "#1a4480", pattern: "solid" },
  tier2: { label: "Tier 2", background: "#97d4ea", ink: "#1a4480", pattern: "diagonal" },
  tier2wl: { label: "Tier 2 Watch List", background: "#ffbe2e", ink: "#5c4809", pattern: "dots" },
  tier3: { label: "Tier 3", background: "#d54309", ink: "#5c1111", pattern: "crosshatch" },
  special_case: { label: "Special Case", background: "#c3b4e6", ink: "#2e2c60", pattern: "horizontal" },
  none: { label: "Not placed yet", background: "#ffffff", ink: "#71767a", pattern: "blank" },
  outside: { label: "Not in this view", background: "#dfe1e2", ink: "#dfe1e2", pattern: "blank" },
};

export const patternId = (prefix: string, key: MapFillKey) => `${prefix}-fill-${key}`;

function PatternMarks({ style }: { style: FillStyle }) {
  switch (style.pattern) {
    case "diagonal":
      return <path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke={style.ink} strokeWidth="1.6" />;
    case "dots":
      return <circle cx="4" cy="4" r="1.6" fill={style.ink} />;
    case "crosshatch":
      return <path d="M0,0 L8,8 M8,0 L0,8" stroke={style.ink} strokeWidth="1.2" />;
    case "horizontal":
      return <path d="M0,2 H8 M0,6 H8" stroke={style.ink} strokeWidth="1.2" />;
    default:
      return null;
  }
}

function FillPattern({ id, style }: { id: string; style: FillStyle }) {
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill={style.background} />
      <PatternMarks style={style} />
    </pattern>
  );
}

/** One <pattern> per fill, ids prefixed so two maps on a page do not collide. */
export function FillPatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      {(Object.keys(FILL_STYLES) as MapFillKey[]).map((key) => (
        <FillPattern key={key} id={patternId(prefix, key)} style={FILL_STYLES[key]} />
      ))}
    </defs>
  );
}

/** The legend's sample of a fill: the same pattern, in its own small SVG. */
export function Swatch({ fill, prefix }: { fill: MapFillKey; prefix: string }) {
  const id = `${prefix}-swatch-${fill}`;
  return (
    <svg width="28" height="18" viewBox="0 0 28 18" aria-hidden="true" focusable="false" className="tip-map-legend__swatch">
      <defs>
        <FillPattern id={id} style={FILL_STYLES[fill]} />
      </defs>
      <rect x="0.5" y="0.5" width="27" height="17" fill={`url(#${id})`} stroke="#565c65" />
    </svg>
  );
}
