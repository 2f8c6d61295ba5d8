// The atlas is bundled from node_modules by Vite (no fetch at run time); typed here rather than
// inferred from 756 KB of JSON.
declare module "world-atlas/countries-50m.json" {
  const topology: import("topojson-specification").Topology<{
    countries: import("topojson-specification").GeometryCollection<{ name: string }>;
    land: import("topojson-specification").GeometryCollection;
  }>;
  export default topology;
}
