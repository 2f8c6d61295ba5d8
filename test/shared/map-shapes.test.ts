/**
 * The country-to-shape table against its two sources: every one of the report's 188 countries
 * (the placements CSV) is drawn, by a shape the world-atlas 50m file really has or by a marker
 * listed with its coordinates, and no shape is coloured for two countries.
 */
import Papa from "papaparse";
import atlas from "world-atlas/countries-50m.json";
import { describe, expect, it } from "vitest";
import placementsCsv from "#shared/data/tip-2024-tier-placements.csv?raw";
import { slugify } from "#shared/documents.ts";
import { MAP_SHAPES, NO_SHAPE, SHARED_SHAPES, mapEntriesByCountryId, shapeKey } from "#shared/map-shapes.ts";

const reportCountries = Papa.parse<{ country: string }>(placementsCsv.trim(), { header: true, skipEmptyLines: true }).data.map((r) => r.country);
const atlasKeys = new Set((atlas.objects.countries.geometries as { id?: string; properties: { name: string } }[]).map(shapeKey));

describe("map shapes of the report's countries", () => {
  it("reads the 188 countries of the report", () => {
    expect(reportCountries).toHaveLength(188);
  });

  it.each(reportCountries)("%s is matched to a shape or listed with a marker", (country) => {
    const shapes = MAP_SHAPES[country] ?? [];
    expect(shapes.length > 0 || NO_SHAPE[country] !== undefined, `${country}: no shape and no marker`).toBe(true);
    for (const key of shapes) expect(atlasKeys.has(key), `${country}: the atlas has no shape "${key}"`).toBe(true);
  });

  it("names no country the report does not have", () => {
    const known = new Set(reportCountries);
    expect([...Object.keys(MAP_SHAPES), ...Object.keys(NO_SHAPE)].filter((name) => !known.has(name))).toEqual([]);
  });

  it("gives every marker a longitude and latitude on the globe", () => {
    for (const [name, [lon, lat]] of Object.entries(NO_SHAPE)) {
      expect(Math.abs(lon), name).toBeLessThanOrEqual(180);
      expect(Math.abs(lat), name).toBeLessThanOrEqual(90);
    }
  });

  it("colours no shape for two countries unless it is listed as shared", () => {
    const claims = new Map<string, string[]>();
    for (const [country, shapes] of Object.entries(MAP_SHAPES)) for (const key of shapes) claims.set(key, [...(claims.get(key) ?? []), country]);
    const doubled = [...claims].filter(([key, countries]) => countries.length > 1 && !SHARED_SHAPES.includes(key));
    expect(doubled).toEqual([]);
  });

  it("finds every country by the id the database gives it", () => {
    const byId = mapEntriesByCountryId();
    expect(byId.size).toBe(188);
    for (const country of reportCountries) expect(byId.get(slugify(country))?.name).toBe(country);
  });
});
