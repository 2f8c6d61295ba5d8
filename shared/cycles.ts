/**
 * Report-cycle arithmetic. The report of year Y covers April 1 of Y-1 through March 31 of Y
 * and is released in June of Y (DOMAIN.md).
 */
export const CYCLE_STATUSES = ["planning", "drafting", "review", "clearance", "final_clearance", "released"] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export interface CycleMilestones {
  draftingDue: string;
  reviewDue: string;
  clearanceDue: string;
  finalClearanceDue: string;
  releaseDate: string;
}

export function reportingPeriod(year: number): { start: string; end: string } {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` };
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Demo milestones placed relative to the day the demo is loaded, so every view shows a cycle in
 * progress: release about six months ahead, each deadline before it in workflow order.
 */
export function demoMilestones(loadedOn: string): CycleMilestones {
  return {
    draftingDue: addDays(loadedOn, 45),
    reviewDue: addDays(loadedOn, 90),
    clearanceDue: addDays(loadedOn, 130),
    finalClearanceDue: addDays(loadedOn, 160),
    releaseDate: addDays(loadedOn, 182),
  };
}

/**
 * A real cycle's calendar when it is opened (in November of the year before): drafting through
 * mid-January, review, clearance, final clearance by the end of May, release in late June.
 * An admin adjusts them with `npm run cycle:set`.
 */
export function standardMilestones(year: number): CycleMilestones {
  return {
    draftingDue: `${year}-01-15`,
    reviewDue: `${year}-03-01`,
    clearanceDue: `${year}-04-15`,
    finalClearanceDue: `${year}-05-30`,
    releaseDate: `${year}-06-24`,
  };
}

/** Milestones must run in workflow order and end on the release. Returns the first broken pair, if any. */
export function milestoneOrderProblem(m: CycleMilestones): string | null {
  const order: (keyof CycleMilestones)[] = ["draftingDue", "reviewDue", "clearanceDue", "finalClearanceDue", "releaseDate"];
  for (let i = 1; i < order.length; i++) {
    const a = order[i - 1]!;
    const b = order[i]!;
    if (m[a] > m[b]) return `${a} (${m[a]}) must not be after ${b} (${m[b]})`;
  }
  return null;
}
