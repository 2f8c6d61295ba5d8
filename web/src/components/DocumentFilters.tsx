/** Filters above the document list. They live in the URL query string, so a filtered view can be shared or bookmarked. */
import { Button, Checkbox, FormGroup, Label, Select } from "@trussworks/react-uswds";
import type { DocumentFilters as Filters } from "../api.ts";
import { DOCUMENT_KINDS } from "#shared/documents.ts";
import { REGIONS, isRegionCode } from "#shared/regions.ts";
import { TIERS, TIER_CODES } from "#shared/tiers.ts";
import { WORKFLOW_STATES, WORKFLOW_STATE_CODES } from "#shared/workflow-states.ts";

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T => value !== null && (list as readonly string[]).includes(value);

export function filtersFromQuery(search: URLSearchParams): Filters {
  const filters: Filters = {};
  const region = search.get("region");
  if (region && isRegionCode(region)) filters.region = region;
  const kind = search.get("kind");
  if (isOneOf(DOCUMENT_KINDS, kind)) filters.kind = kind;
  const state = search.get("state");
  if (isOneOf(WORKFLOW_STATE_CODES, state)) filters.state = state;
  const tier = search.get("tier");
  if (isOneOf(TIER_CODES, tier)) filters.tier = tier;
  if (search.get("mine") === "true") filters.mine = true;
  return filters;
}

export function filtersToQuery(filters: Filters): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === true) query.set(key, "true");
    else if (typeof value === "string" && value) query.set(key, value);
  }
  const qs = query.toString();
  return qs ? `?${qs}` : "";
}

interface Props {
  filters: Filters;
  previousYear: number;
  onChange: (filters: Filters) => void;
}

export function DocumentFilters({ filters, previousYear, onChange }: Props) {
  const set = <K extends keyof Filters>(key: K, value: Filters[K] | "") => {
    const next = { ...filters };
    if (value === "" || value === false || value === undefined) delete next[key];
    else next[key] = value as Filters[K];
    onChange(next);
  };
  const active = Object.keys(filters).length > 0;

  return (
    <form className="tip-filters" aria-label="Filter documents" data-testid="document-filters" onSubmit={(e) => e.preventDefault()}>
      <FormGroup>
        <Label htmlFor="filter-region">Region</Label>
        <Select id="filter-region" name="region" value={filters.region ?? ""} onChange={(e) => set("region", e.target.value as Filters["region"])}>
          <option value="">All regions</option>
          {REGIONS.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </Select>
      </FormGroup>
      <FormGroup>
        <Label htmlFor="filter-state">Workflow state</Label>
        <Select id="filter-state" name="state" value={filters.state ?? ""} onChange={(e) => set("state", e.target.value as Filters["state"])}>
          <option value="">All states</option>
          {WORKFLOW_STATES.map((s) => (
            <option key={s.code} value={s.code}>
              {s.label}
            </option>
          ))}
        </Select>
      </FormGroup>
      <FormGroup>
        <Label htmlFor="filter-tier">{previousYear} tier</Label>
        <Select id="filter-tier" name="tier" value={filters.tier ?? ""} onChange={(e) => set("tier", e.target.value as Filters["tier"])}>
          <option value="">All tiers</option>
          {TIERS.map((t) => (
            <option key={t.code} value={t.code}>
              {t.label}
            </option>
          ))}
        </Select>
      </FormGroup>
      <FormGroup>
        <Checkbox id="filter-mine" name="mine" label="Only my assignments" checked={filters.mine === true} onChange={(e) => set("mine", e.target.checked)} />
      </FormGroup>
      {active ? (
        <FormGroup>
          <Button type="button" unstyled onClick={() => onChange({})}>
            Clear filters
          </Button>
        </FormGroup>
      ) : null}
    </form>
  );
}
