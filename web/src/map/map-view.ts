/** The map's view in the address (`?region=AF&tiers=previous`), so a map can be shared; the map page and the dashboard read the same. */
import { useSearchParams } from "wouter";
import { isRegionCode, type RegionCode } from "#shared/regions.ts";

/** The map's view as the address carries it; the dashboard's map reads the same parameters. */
export function useMapView(): {
  region: RegionCode | null;
  showPrevious: boolean;
  setRegion: (r: RegionCode | null) => void;
  setShowPrevious: (p: boolean) => void;
} {
  const [search, setSearch] = useSearchParams();
  const regionParam = search.get("region");
  const region = regionParam && isRegionCode(regionParam) ? regionParam : null;
  const showPrevious = search.get("tiers") === "previous";
  const update = (next: { region: RegionCode | null; showPrevious: boolean }) => {
    const query = new URLSearchParams();
    if (next.region) query.set("region", next.region);
    if (next.showPrevious) query.set("tiers", "previous");
    setSearch(query, { replace: true });
  };
  return { region, showPrevious, setRegion: (r) => update({ region: r, showPrevious }), setShowPrevious: (p) => update({ region, showPrevious: p }) };
}
