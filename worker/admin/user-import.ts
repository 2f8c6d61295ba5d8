/**
 * CSV import of users and their grants for a first deployment.
 * Columns: email,name,role,scope,office,active — one row per grant (role may be empty to create
 * a user without one). scope: `global`, `region:AF`, or `country:afghanistan`.
 * Either every row is valid and all of it is written, or nothing is written and every bad row is named.
 */
import Papa from "papaparse";
import { z } from "zod";
import { REGION_CODES } from "#shared/regions.ts";
import { CLEARING_OFFICE_CODES, grantProblems, ROLES, type GrantSpec } from "#shared/roles.ts";

export const IMPORT_COLUMNS = ["email", "name", "role", "scope", "office", "active"] as const;

export interface ImportRow {
  line: number;
  email: string;
  name: string;
  active: boolean;
  grant: GrantSpec | null;
}

export interface RejectedRow {
  line: number;
  email: string | null;
  reasons: string[];
}

export interface ImportReference {
  countryIds: Set<string>;
}

function parseScope(scope: string): Pick<GrantSpec, "scopeType" | "regionCode" | "countryId"> | null {
  if (scope === "global") return { scopeType: "global" };
  const [kind, value] = scope.split(":", 2);
  if (kind === "region" && value) return { scopeType: "region", regionCode: value.toUpperCase() };
  if (kind === "country" && value) return { scopeType: "country", countryId: value };
  return null;
}

const emailSchema = z.email();

export function parseUserImport(csv: string, reference: ImportReference): { rows: ImportRow[]; rejected: RejectedRow[] } {
  const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim().toLowerCase() });
  const header = parsed.meta.fields ?? [];
  const missing = IMPORT_COLUMNS.filter((c) => c !== "office" && c !== "active" && !header.includes(c));
  if (missing.length)
    return { rows: [], rejected: [{ line: 1, email: null, reasons: [`missing column(s): ${missing.join(", ")}; expected ${IMPORT_COLUMNS.join(",")}`] }] };

  const rows: ImportRow[] = [];
  const rejected: RejectedRow[] = [];
  parsed.data.forEach((raw, index) => {
    const line = index + 2;
    const reasons: string[] = [];
    const email = (raw.email ?? "").trim().toLowerCase();
    const name = (raw.name ?? "").trim();
    const role = (raw.role ?? "").trim().toLowerCase();
    const scope = (raw.scope ?? "").trim();
    const office = (raw.office ?? "").trim().toUpperCase();
    const activeText = (raw.active ?? "").trim().toLowerCase();
    if (!emailSchema.safeParse(email).success) reasons.push(`"${raw.email ?? ""}" is not an email address`);
    if (!name) reasons.push("name is empty");
    if (name.length > 200) reasons.push("name is longer than 200 characters");
    if (activeText && !["true", "false", "yes", "no", "1", "0"].includes(activeText)) reasons.push(`active must be true or false, not "${raw.active}"`);
    let grant: GrantSpec | null = null;
    if (role) {
      if (!(ROLES as readonly string[]).includes(role)) reasons.push(`role "${role}" is not one of ${ROLES.join(", ")}`);
      const parsedScope = parseScope(scope);
      if (!parsedScope) reasons.push(`scope "${scope}" must be global, region:<code> or country:<id>`);
      if (parsedScope?.regionCode && !(REGION_CODES as readonly string[]).includes(parsedScope.regionCode))
        reasons.push(`region "${parsedScope.regionCode}" does not exist`);
      if (parsedScope?.countryId && !reference.countryIds.has(parsedScope.countryId)) reasons.push(`country "${parsedScope.countryId}" does not exist`);
      if (office && !(CLEARING_OFFICE_CODES as readonly string[]).includes(office))
        reasons.push(`office "${office}" is not one of ${CLEARING_OFFICE_CODES.join(", ")}`);
      if (parsedScope && (ROLES as readonly string[]).includes(role)) {
        grant = { role: role as GrantSpec["role"], ...parsedScope, officeCode: office || null };
        reasons.push(...grantProblems(grant));
      }
    } else if (scope || office) {
      reasons.push("scope or office given without a role");
    }
    if (reasons.length) rejected.push({ line, email: email || null, reasons });
    else rows.push({ line, email, name, active: !["false", "no", "0"].includes(activeText), grant });
  });

  // One person, one name: rows for the same email must agree.
  const seen = new Map<string, ImportRow>();
  for (const row of rows) {
    const first = seen.get(row.email);
    if (first && (first.name !== row.name || first.active !== row.active)) {
      rejected.push({ line: row.line, email: row.email, reasons: [`name/active differ from line ${first.line} for the same email`] });
    } else if (!first) seen.set(row.email, row);
  }
  rejected.sort((a, b) => a.line - b.line);
  return { rows, rejected };
}
