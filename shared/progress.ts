/**
 * Whether a document is behind the cycle's calendar: each milestone says which states a document
 * must have left by that day (drafting by the drafting deadline, review by the review deadline, ...).
 */
import type { CycleMilestones } from "./cycles.ts";
import type { WorkflowState } from "./workflow-states.ts";

/** The milestones in calendar order, with the states a document must be past by then. */
const DEADLINES: { milestone: keyof CycleMilestones; label: string; mustBePast: WorkflowState[] }[] = [
  { milestone: "draftingDue", label: "drafting", mustBePast: ["drafting", "returned"] },
  { milestone: "reviewDue", label: "review", mustBePast: ["drafting", "returned", "in_review"] },
  { milestone: "clearanceDue", label: "clearance", mustBePast: ["drafting", "returned", "in_review", "in_clearance"] },
  { milestone: "finalClearanceDue", label: "final clearance", mustBePast: ["drafting", "returned", "in_review", "in_clearance", "final_review"] },
];

/** The latest missed deadline for a document in this state on this day, or null when on time. */
export function missedDeadline(state: WorkflowState, milestones: CycleMilestones, today: string): { label: string; due: string } | null {
  let missed: { label: string; due: string } | null = null;
  for (const d of DEADLINES) {
    const due = milestones[d.milestone];
    if (today > due && d.mustBePast.includes(state)) missed = { label: d.label, due };
  }
  return missed;
}

const DUE_MILESTONE: Record<WorkflowState, keyof CycleMilestones | null> = {
  drafting: "draftingDue",
  returned: "draftingDue",
  in_review: "reviewDue",
  in_clearance: "clearanceDue",
  final_review: "finalClearanceDue",
  cleared: null,
  published: null,
};

/** When the document's current step is due (null once cleared), and whether that day has passed. */
export function deadlineOf(state: WorkflowState, milestones: CycleMilestones, today: string): { dueDate: string | null; overdue: boolean } {
  const milestone = DUE_MILESTONE[state];
  const dueDate = milestone ? milestones[milestone] : null;
  return { dueDate, overdue: dueDate !== null && today > dueDate };
}

/** Whole days from `today` to the release date (negative once it has passed). */
export function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
