/**
 * Clearance as the Department runs it (Foreign Affairs Manual, 5 FAH-1 H-200): each office on a
 * document's clearance list is either *clear* (must concur before the text moves on) or *info*
 * (is told, never blocks). Leadership may proceed without an office that holds a document up; the
 * reason stays on the record and the office shows as not concurred.
 *
 * A clearance is given for one text: it records the hash of the recorded snapshot. When the text
 * reopens, the document's clearance round advances and every clearance of an earlier round is stale.
 */
import type { DocumentKind } from "./documents.ts";

export const CLEARANCE_MODES = ["clear", "info"] as const;
export type ClearanceMode = (typeof CLEARANCE_MODES)[number];

/** `concurred`: the office cleared. `not_concurred`: leadership proceeded without it. */
export const CLEARANCE_OUTCOMES = ["concurred", "not_concurred"] as const;
export type ClearanceOutcome = (typeof CLEARANCE_OUTCOMES)[number];

/** In a cycle's default list: stands for the country narrative's own regional bureau. */
export const REGIONAL_BUREAU = "REGIONAL_BUREAU";

export interface ClearanceListEntry {
  officeCode: string;
  mode: ClearanceMode;
}

export interface DefaultClearance {
  office: string;
  mode: ClearanceMode;
}

/** The built-in default lists a new cycle starts with. */
export const STANDARD_CLEARANCE_DEFAULTS: Record<DocumentKind, DefaultClearance[]> = {
  country_narrative: [
    { office: REGIONAL_BUREAU, mode: "clear" },
    { office: "DRL", mode: "clear" },
    { office: "L", mode: "clear" },
    { office: "J", mode: "info" },
  ],
  report_section: [
    { office: "DRL", mode: "clear" },
    { office: "L", mode: "clear" },
    { office: "J", mode: "info" },
  ],
};

/** A document's list from its cycle's defaults: the regional bureau of a narrative is its region's bureau (office code = region code). */
export function resolveDefaultClearances(defaults: DefaultClearance[], regionCode: string | null): ClearanceListEntry[] {
  return defaults.flatMap((d) => {
    if (d.office !== REGIONAL_BUREAU) return [{ officeCode: d.office, mode: d.mode }];
    return regionCode ? [{ officeCode: regionCode, mode: d.mode }] : [];
  });
}

export interface RecordedClearance {
  officeCode: string;
  round: number;
  outcome: ClearanceOutcome;
  snapshotHash: string;
}

/** `not_started`: the office will have to clear, but the document has not entered clearance. */
export type OfficeClearanceStatus = "not_started" | "pending" | "concurred" | "not_concurred" | "informed";

/** Where each listed office stands in the current round, for the current text. */
export function officeStatuses(
  list: ClearanceListEntry[],
  recorded: RecordedClearance[],
  current: { round: number; textHash: string | null },
): { officeCode: string; mode: ClearanceMode; status: OfficeClearanceStatus }[] {
  return list.map((entry) => {
    const given = recorded.find((r) => r.officeCode === entry.officeCode && r.round === current.round && r.snapshotHash === current.textHash);
    const status: OfficeClearanceStatus = given ? given.outcome : entry.mode === "info" ? "informed" : "pending";
    return { officeCode: entry.officeCode, mode: entry.mode, status };
  });
}

/** Every office that must clear has concurred (or leadership proceeded without it) for the current text. */
export function clearanceComplete(list: ClearanceListEntry[], recorded: RecordedClearance[], current: { round: number; textHash: string | null }): boolean {
  return officeStatuses(list, recorded, current).every((o) => o.mode === "info" || o.status === "concurred" || o.status === "not_concurred");
}

/** A clearance is stale when it was given in an earlier round or for other text than the current one. */
export function isStale(clearance: RecordedClearance, current: { round: number; textHash: string | null }): boolean {
  return clearance.round !== current.round || clearance.snapshotHash !== current.textHash;
}

/** Problems with a clearance list a reviewer submits (office existence is checked against the database). */
export function clearanceListProblems(list: ClearanceListEntry[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    if (seen.has(entry.officeCode)) problems.push(`${entry.officeCode} is listed twice`);
    seen.add(entry.officeCode);
  }
  if (!list.some((e) => e.mode === "clear")) problems.push('at least one office must clear (mode "clear"); a list of info offices only would clear nothing');
  return problems;
}
