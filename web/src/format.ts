/** Display helpers shared by the pages. */
import type { Grant } from "./api.ts";
import { REGIONS } from "#shared/regions.ts";
import { CLEARING_OFFICES, ROLE_LABELS, ROLES, type Role } from "#shared/roles.ts";

export function regionName(code: string | null | undefined): string {
  return REGIONS.find((r) => r.code === code)?.name ?? code ?? "No region";
}

/** "afghanistan" -> "Afghanistan", "cote-d-ivoire" -> "Cote D Ivoire" (best effort; ids are slugs). */
export function countryName(countryId: string): string {
  return countryId
    .split("-")
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(" ");
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

/** "Drafting officer — Afghanistan", "Reviewer — Africa", "Clearing office — Office of the Legal Adviser". */
export function describeGrant(grant: Grant): string {
  const parts: string[] = [];
  if (grant.scopeType === "region") parts.push(regionName(grant.regionCode));
  if (grant.scopeType === "country" && grant.countryId) parts.push(countryName(grant.countryId));
  if (grant.officeCode) parts.push(CLEARING_OFFICES.find((o) => o.code === grant.officeCode)?.name ?? grant.officeCode);
  if (grant.scopeType === "global" && parts.length === 0) parts.push("all documents");
  return `${roleLabel(grant.role)} — ${parts.join(", ")}`;
}

/** The distinct roles a user holds, in the canonical role order. */
export function distinctRoles(grants: Grant[]): Role[] {
  return ROLES.filter((role) => grants.some((g) => g.role === role));
}

/** "2025-06-15" -> "June 15, 2025" (dates are calendar dates; formatted in UTC so they never shift a day). */
export function longDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** An ISO timestamp as "Jun 3, 2025, 2:05 PM" in the reader's time zone. */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString("en-US", { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

/** "Bureau of Democracy, Human Rights, and Labor" for "DRL"; the code itself when unknown. */
export function officeName(code: string): string {
  return CLEARING_OFFICES.find((o) => o.code === code)?.name ?? code;
}

/** The first characters of a snapshot hash, enough to tell texts apart on screen. */
export function shortHash(hash: string): string {
  return hash.slice(0, 8);
}
