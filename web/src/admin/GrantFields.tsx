/**
 * The fields of one role grant: role, scope (everything, a region, a country) and, for clearers,
 * the office. The choices follow the rules the API checks (leadership and admin are global;
 * only clearers name an office), so the form cannot build a grant the server would refuse.
 */
import { FormGroup, Label, Select } from "@trussworks/react-uswds";
import { mapEntriesByCountryId } from "#shared/map-shapes.ts";
import { REGIONS, type RegionCode } from "#shared/regions.ts";
import { CLEARING_OFFICES, ROLE_LABELS, ROLES, type ClearingOfficeCode, type Role, type ScopeType } from "#shared/roles.ts";
import type { GrantInput } from "../api.ts";

/** The report's countries by name, for the country scope (the table keyed by the report's names). */
const COUNTRIES = [...mapEntriesByCountryId()].map(([id, e]) => ({ id, name: e.name })).sort((a, b) => a.name.localeCompare(b.name, "en"));

export const EMPTY_GRANT: GrantInput = { role: "drafter", scopeType: "region", regionCode: "AF" };

/** Keeps the grant well-formed as one field changes: global-only roles, the office only for clearers. */
function normalise(g: GrantInput): GrantInput {
  const scopeType: ScopeType = g.role === "admin" || g.role === "leadership" ? "global" : g.scopeType;
  return {
    role: g.role,
    scopeType,
    ...(scopeType === "region" ? { regionCode: g.regionCode ?? "AF" } : {}),
    ...(scopeType === "country" ? { countryId: g.countryId ?? COUNTRIES[0]!.id } : {}),
    ...(g.role === "clearer" ? { officeCode: g.officeCode ?? "DRL" } : {}),
  };
}

export function GrantFields({ idPrefix, grant, onChange }: { idPrefix: string; grant: GrantInput; onChange: (g: GrantInput) => void }) {
  const set = (patch: Partial<GrantInput>) => onChange(normalise({ ...grant, ...patch }));
  const globalOnly = grant.role === "admin" || grant.role === "leadership";
  return (
    <div className="tip-filters">
      <FormGroup>
        <Label htmlFor={`${idPrefix}-role`}>Role</Label>
        <Select id={`${idPrefix}-role`} name="role" value={grant.role} onChange={(e) => set({ role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
      </FormGroup>
      <FormGroup>
        <Label htmlFor={`${idPrefix}-scope`}>Covers</Label>
        <Select
          id={`${idPrefix}-scope`}
          name="scopeType"
          value={grant.scopeType}
          disabled={globalOnly}
          onChange={(e) => set({ scopeType: e.target.value as ScopeType })}
        >
          <option value="global">Every document</option>
          <option value="region">One region</option>
          <option value="country">One country</option>
        </Select>
      </FormGroup>
      {grant.scopeType === "region" ? (
        <FormGroup>
          <Label htmlFor={`${idPrefix}-region`}>Region</Label>
          <Select
            id={`${idPrefix}-region`}
            name="regionCode"
            value={grant.regionCode ?? ""}
            onChange={(e) => set({ regionCode: e.target.value as RegionCode })}
          >
            {REGIONS.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </Select>
        </FormGroup>
      ) : null}
      {grant.scopeType === "country" ? (
        <FormGroup>
          <Label htmlFor={`${idPrefix}-country`}>Country</Label>
          <Select id={`${idPrefix}-country`} name="countryId" value={grant.countryId ?? ""} onChange={(e) => set({ countryId: e.target.value })}>
            {COUNTRIES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </FormGroup>
      ) : null}
      {grant.role === "clearer" ? (
        <FormGroup>
          <Label htmlFor={`${idPrefix}-office`}>Clears for</Label>
          <Select
            id={`${idPrefix}-office`}
            name="officeCode"
            value={grant.officeCode ?? ""}
            onChange={(e) => set({ officeCode: e.target.value as ClearingOfficeCode })}
          >
            {CLEARING_OFFICES.map((o) => (
              <option key={o.code} value={o.code}>
                {o.code}: {o.name}
              </option>
            ))}
          </Select>
        </FormGroup>
      ) : null}
    </div>
  );
}
