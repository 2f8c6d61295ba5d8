/**
 * Filters above the document list. Every one, the name search included, lives in the URL query
 * string, so a filtered view can be shared, bookmarked and reloaded as it was.
 */
import { Button, Checkbox, FormGroup, Label, Select, TextInput } from "@trussworks/react-uswds";
import { useEffect, useRef, useState } from "react";
import type { DocumentFilters as Filters, DocumentList } from "../api.ts";
import { DOCUMENT_KINDS } from "#shared/documents.ts";
import { REGIONS, isRegionCode } from "#shared/regions.ts";
import { APPROVED_TIER_FILTERS, TIERS, TIER_CODES } from "#shared/tiers.ts";
import { WORKFLOW_STATES, WORKFLOW_STATE_CODES } from "#shared/workflow-states.ts";

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T => value !== null && (list as readonly string[]).includes(value);

/** Reads the filters from the address; anything unknown is left out rather than sent (the server would refuse it). */
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
  const approvedTier = search.get("approvedTier");
  if (isOneOf(APPROVED_TIER_FILTERS, approvedTier)) filters.approvedTier = approvedTier;
  const assignee = search.get("assignee");
  if (assignee && assignee.length <= 80) filters.assignee = assignee;
  const overdue = search.get("overdue");
  if (overdue === "true" || overdue === "false") filters.overdue = overdue === "true";
  const q = search.get("q")?.trim();
  if (q) filters.q = q.slice(0, 100);
  if (search.get("mine") === "true") filters.mine = true;
  return filters;
}

/** The same filters as an address query, in a fixed order so one view always has one address. */
export function filtersToQuery(filters: Filters): string {
  const query = new URLSearchParams();
  const order: (keyof Filters)[] = ["region", "kind", "state", "tier", "approvedTier", "assignee", "overdue", "q", "mine"];
  for (const key of order) {
    const value = filters[key];
    if (typeof value === "boolean") {
      if (key !== "mine" || value) query.set(key, String(value));
    } else if (typeof value === "string" && value) query.set(key, value);
  }
  const qs = query.toString();
  return qs ? `?${qs}` : "";
}

interface Props {
  filters: Filters;
  previousYear: number;
  /** Everyone a visible document waits on (from the list's answer). */
  assignees: DocumentList["assignees"];
  onChange: (filters: Filters) => void;
}

/** The name search: typed into freely, written to the address once typing pauses (or on Enter). */
function NameSearch({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The address changed from elsewhere (Clear filters, Back): show what it says.
  useEffect(() => setText(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const commit = (q: string) => {
    clearTimeout(timer.current);
    if (q.trim() !== value) onSearch(q.trim());
  };
  return (
    <FormGroup>
      <Label htmlFor="filter-q">Name</Label>
      <TextInput
        id="filter-q"
        name="q"
        type="text"
        enterKeyHint="search"
        maxLength={100}
        value={text}
        autoComplete="off"
        onChange={(e) => {
          const q = e.target.value;
          setText(q);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(q), 300);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit(text);
        }}
      />
    </FormGroup>
  );
}

export function DocumentFilters({ filters, previousYear, assignees, onChange }: Props) {
  const set = <K extends keyof Filters>(key: K, value: Filters[K] | "") => {
    const next = { ...filters };
    if (value === "" || value === undefined || (key === "mine" && value === false)) delete next[key];
    else next[key] = value as Filters[K];
    onChange(next);
  };
  const active = Object.keys(filters).length > 0;
  const knownAssignee = !filters.assignee || assignees.some((a) => a.userId === filters.assignee);

  return (
    <form className="tip-filters" aria-label="Filter documents" data-testid="document-filters" onSubmit={(e) => e.preventDefault()}>
      <NameSearch value={filters.q ?? ""} onSearch={(q) => set("q", q)} />
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
        <Label htmlFor="filter-overdue">Deadline</Label>
        <Select
          id="filter-overdue"
          name="overdue"
          value={filters.overdue === undefined ? "" : String(filters.overdue)}
          onChange={(e) => set("overdue", e.target.value === "" ? "" : e.target.value === "true")}
        >
          <option value="">Overdue or not</option>
          <option value="true">Overdue</option>
          <option value="false">On time</option>
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
        <Label htmlFor="filter-approved-tier">{previousYear + 1} tier</Label>
        <Select
          id="filter-approved-tier"
          name="approvedTier"
          value={filters.approvedTier ?? ""}
          onChange={(e) => set("approvedTier", e.target.value as Filters["approvedTier"])}
        >
          <option value="">All tiers</option>
          {TIERS.map((t) => (
            <option key={t.code} value={t.code}>
              {t.label}
            </option>
          ))}
          <option value="none">Not placed yet</option>
        </Select>
      </FormGroup>
      <FormGroup>
        <Label htmlFor="filter-assignee">Waiting on</Label>
        <Select id="filter-assignee" name="assignee" value={filters.assignee ?? ""} onChange={(e) => set("assignee", e.target.value)}>
          <option value="">Anyone</option>
          {assignees.map((a) => (
            <option key={a.userId} value={a.userId}>
              {a.name} ({a.documents})
            </option>
          ))}
          {knownAssignee ? null : <option value={filters.assignee}>Someone with nothing waiting</option>}
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
