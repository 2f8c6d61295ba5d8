/**
 * The world-atlas shapes grouped by report country (shared/map-shapes.ts), and the projection for
 * the world or one region: Equal Earth, rotated to the region's middle and fitted to the main
 * landmass of each of its countries (so France's overseas departments, Alaska's Aleutians or
 * Norway's Svalbard do not shrink the regional map).
 */
import { geoArea, geoBounds, geoEqualEarth, geoPath, type GeoPath, type GeoProjection } from "d3-geo";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import atlas from "world-atlas/countries-50m.json";
import { mapEntriesByCountryId, shapeKey } from "#shared/map-shapes.ts";

export type Shape = Feature<Polygon | MultiPolygon, { name: string }>;

export interface CountryShapes {
  countryId: string;
  name: string;
  shapes: Shape[];
  /** Where the marker goes for a country without a shape ([lon, lat]). */
  marker: readonly [number, number] | null;
}

const collection = feature(atlas, atlas.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
const ALL_SHAPES: Shape[] = collection.features.filter((f) => f.geometry);

const entries = mapEntriesByCountryId();
const claimed = new Set([...entries.values()].flatMap((e) => e.shapes));

/** Every report country with its shapes, by country id. */
export const COUNTRY_SHAPES: ReadonlyMap<string, CountryShapes> = new Map(
  [...entries].map(([countryId, e]) => [
    countryId,
    { countryId, name: e.name, marker: e.marker, shapes: ALL_SHAPES.filter((s) => e.shapes.includes(shapeKey(s))) },
  ]),
);

/** Shapes no report country claims (drawn as "not in the report", never focusable). */
export const UNCLAIMED_SHAPES: Shape[] = ALL_SHAPES.filter((s) => !claimed.has(shapeKey(s)) && s.properties.name !== "Antarctica");

/** The largest polygon of a shape: what the regional fit looks at. */
function mainPolygon(shape: Shape): Feature<Polygon> {
  const polygons = shape.geometry.type === "Polygon" ? [shape.geometry.coordinates] : shape.geometry.coordinates;
  let best: Feature<Polygon> | null = null;
  let bestArea = -1;
  for (const coordinates of polygons) {
    const candidate: Feature<Polygon> = { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates } };
    const area = geoArea(candidate);
    if (area > bestArea) {
      best = candidate;
      bestArea = area;
    }
  }
  return best!;
}

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 500;
const MARGIN = 12;

/**
 * Where a region's fit is not its countries' landmasses: Russia's mainland reaches the Pacific and
 * would shrink Europe to a corner, so Europe is framed as the report's own map frames it (to the Urals
 * and a little beyond); the rest of Russia runs off the edge.
 */
const FIT_FRAMES: Partial<Record<string, [[number, number], [number, number]]>> = {
  EUR: [
    [-25, 34],
    [62, 71],
  ],
};

function frame([[west, south], [east, north]]: [[number, number], [number, number]]): Feature {
  return {
    type: "Feature",
    properties: {},
    geometry: {
      type: "MultiPoint",
      coordinates: [
        [west, south],
        [east, south],
        [west, north],
        [east, north],
        [(west + east) / 2, north],
        [(west + east) / 2, south],
      ],
    },
  };
}

/** The projection and path generator for the world (no region) or for a region's countries' main landmasses. */
export function projectionFor(countries: CountryShapes[] | null, region: string | null = null): { projection: GeoProjection; path: GeoPath } {
  const extent: [[number, number], [number, number]] = [
    [MARGIN, MARGIN],
    [MAP_WIDTH - MARGIN, MAP_HEIGHT - MARGIN],
  ];
  const projection = geoEqualEarth();
  if (!countries) {
    projection.fitExtent(extent, { type: "Sphere" });
  } else {
    const fixed = region ? FIT_FRAMES[region] : undefined;
    const mains: FeatureCollection = {
      type: "FeatureCollection",
      features: fixed
        ? [frame(fixed)]
        : countries.flatMap((c) => [
            ...c.shapes.map(mainPolygon),
            ...(c.marker ? [{ type: "Feature" as const, properties: {}, geometry: { type: "Point" as const, coordinates: [...c.marker] } }] : []),
          ]),
    };
    const [[west], [east]] = geoBounds(mains);
    // geoBounds gives west > east when the region spans the antimeridian (the Pacific): centre on the wrapped middle.
    const middle = west <= east ? (west + east) / 2 : (west + east + 360) / 2;
    projection.rotate([-middle, 0]).fitExtent(extent, mains);
  }
  return { projection, path: geoPath(projection) };
}
