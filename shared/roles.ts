/** Who does what in a report cycle (DOMAIN.md, "People and what they do"). */
export const ROLES = ["drafter", "reviewer", "clearer", "leadership", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  drafter: "Drafting officer",
  reviewer: "Reviewer",
  clearer: "Clearing office",
  leadership: "Leadership",
  admin: "Administrator",
};

/** A role applies to everything (global), to one region's narratives, or to one country's narrative. */
export const SCOPE_TYPES = ["global", "region", "country"] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** Offices that clear narratives. Regional bureaus are per region; functional offices clear everything. */
export const CLEARING_OFFICES = [
  { code: "AF", name: "Bureau of African Affairs" },
  { code: "EAP", name: "Bureau of East Asian and Pacific Affairs" },
  { code: "EUR", name: "Bureau of European and Eurasian Affairs" },
  { code: "NEA", name: "Bureau of Near Eastern Affairs" },
  { code: "SCA", name: "Bureau of South and Central Asian Affairs" },
  { code: "WHA", name: "Bureau of Western Hemisphere Affairs" },
  { code: "DRL", name: "Bureau of Democracy, Human Rights, and Labor" },
  { code: "L", name: "Office of the Legal Adviser" },
  { code: "J", name: "Under Secretary for Civilian Security, Democracy, and Human Rights" },
] as const;
export type ClearingOfficeCode = (typeof CLEARING_OFFICES)[number]["code"];
export const CLEARING_OFFICE_CODES = CLEARING_OFFICES.map((o) => o.code) as [ClearingOfficeCode, ...ClearingOfficeCode[]];

/** The uniqueness key of a role grant: one user cannot hold the same role, scope and office twice. */
export function grantKey(g: { role: Role; scopeType: ScopeType; regionCode?: string | null; countryId?: string | null; officeCode?: string | null }): string {
  const scope = g.scopeType === "global" ? "global" : g.scopeType === "region" ? `region:${g.regionCode}` : `country:${g.countryId}`;
  return `${g.role}|${scope}|${g.officeCode ?? ""}`;
}

/**
 * Whether a grant covers a document (README, "Who sees what"): a global grant covers everything,
 * a region grant that region's country narratives, a country grant that country's narrative.
 * Report sections belong to no region, so only global grants cover them.
 */
export function grantCovers(
  grant: { scopeType: ScopeType; regionCode?: string | null; countryId?: string | null },
  doc: { countryId: string | null; regionCode: string | null },
): boolean {
  switch (grant.scopeType) {
    case "global":
      return true;
    case "region":
      return doc.regionCode !== null && grant.regionCode === doc.regionCode;
    case "country":
      return doc.countryId !== null && grant.countryId === doc.countryId;
  }
}

export interface GrantSpec {
  role: Role;
  scopeType: ScopeType;
  regionCode?: string | null;
  countryId?: string | null;
  officeCode?: string | null;
}

/** Why a grant is not well-formed (empty when it is). Existence of the region/country/office is checked against the database. */
export function grantProblems(g: GrantSpec): string[] {
  const problems: string[] = [];
  if (g.scopeType === "global" && (g.regionCode || g.countryId)) problems.push("a global grant names no region or country");
  if (g.scopeType === "region" && (!g.regionCode || g.countryId)) problems.push("a region grant names exactly one region (regionCode)");
  if (g.scopeType === "country" && (!g.countryId || g.regionCode)) problems.push("a country grant names exactly one country (countryId)");
  if (g.role === "clearer" && !g.officeCode) problems.push("a clearer grant names the office they clear for (officeCode)");
  if (g.role !== "clearer" && g.officeCode) problems.push("only clearer grants name an office");
  if ((g.role === "admin" || g.role === "leadership") && g.scopeType !== "global") problems.push(`${g.role} grants are global`);
  return problems;
}
