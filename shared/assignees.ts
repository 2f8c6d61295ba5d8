/**
 * Who a document waits on now: the people holding the role whose turn it is. Drafters while it is
 * drafted or returned, reviewers in review, the clearers of each office still pending in
 * clearance, leadership in final review; nobody once it is cleared. Others may also act (a
 * reviewer may recall from clearance, leadership may proceed without an office), but the step is
 * not theirs to finish, so they are not who an overdue document is "with".
 */
import { grantCovers, type Role, type ScopeType } from "./roles.ts";
import type { WorkflowState } from "./workflow-states.ts";

export const TURN_OF: Record<WorkflowState, Role | null> = {
  drafting: "drafter",
  returned: "drafter",
  in_review: "reviewer",
  in_clearance: "clearer",
  final_review: "leadership",
  cleared: null,
  published: null,
};

export interface PersonWithGrants {
  id: string;
  name: string;
  grants: readonly { role: Role; scopeType: ScopeType; regionCode: string | null; countryId: string | null; officeCode: string | null }[];
}

export interface AssignmentScope {
  state: WorkflowState;
  countryId: string | null;
  regionCode: string | null;
  /** Offices that must still clear the current text (only in clearance). */
  pendingOffices: readonly string[];
}

export interface Assignee {
  userId: string;
  name: string;
  role: Role;
  /** For clearers: the pending office they clear for. */
  officeCode: string | null;
}

/** The people (active ones: the caller filters) whose turn it is, by name; a clearer once per pending office. */
export function assigneesOf(doc: AssignmentScope, people: readonly PersonWithGrants[]): Assignee[] {
  const role = TURN_OF[doc.state];
  if (!role) return [];
  const found: Assignee[] = [];
  for (const person of people) {
    const covering = person.grants.filter((g) => g.role === role && grantCovers(g, doc));
    if (role !== "clearer") {
      if (covering.length) found.push({ userId: person.id, name: person.name, role, officeCode: null });
      continue;
    }
    const offices = new Set(covering.map((g) => g.officeCode).filter((o): o is string => o !== null && doc.pendingOffices.includes(o)));
    for (const office of [...offices].sort()) found.push({ userId: person.id, name: person.name, role, officeCode: office });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name, "en") || (a.officeCode ?? "").localeCompare(b.officeCode ?? ""));
}

/** "cote" finds "Côte d'Ivoire", "turkiye" finds "Turkey (Türkiye)": case and accents do not matter. */
export function matchesName(name: string, search: string): boolean {
  const fold = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  const wanted = fold(search);
  return wanted === "" || fold(name).includes(wanted);
}
