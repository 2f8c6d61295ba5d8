/**
 * Who each document waits on now (shared/assignees.ts), for a whole list at once: the active
 * people and their grants in two queries, the clearance picture of the documents in clearance in
 * three, all five in one batch (one D1 round trip). Never a query per document.
 */
import { eq } from "drizzle-orm";
import { assigneesOf, type Assignee, type PersonWithGrants } from "#shared/assignees.ts";
import type { Database } from "../db/client.ts";
import { roleAssignments, users } from "../db/schema.ts";
import type { DocumentSummary } from "./document-queries.ts";
import { type ClearanceState, cycleClearanceQueries } from "../workflow/clearance-state.ts";

/** The reads behind `assigneesFrom`, for a caller that batches them with its own. */
export function assigneeQueries(db: Database, cycleYear: number) {
  return [
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)),
    db
      .select({
        userId: roleAssignments.userId,
        role: roleAssignments.role,
        scopeType: roleAssignments.scopeType,
        regionCode: roleAssignments.regionCode,
        countryId: roleAssignments.countryId,
        officeCode: roleAssignments.officeCode,
      })
      .from(roleAssignments),
    ...cycleClearanceQueries(db, cycleYear),
  ] as const;
}

/** The rows of `assigneeQueries` read on their own (one round trip). */
function loadAssigneeRows(db: Database, cycleYear: number) {
  return db.batch(assigneeQueries(db, cycleYear));
}

type AssigneeRows = Awaited<ReturnType<typeof loadAssigneeRows>>;
type PeopleRows = [AssigneeRows[0], AssigneeRows[1]];

/**
 * Each document's assignees, by document id, from the people and grants of `assigneeQueries` and
 * the clearance pictures (`clearanceStatesFrom` on its other rows) of the documents in clearance.
 */
export function assigneesFrom(
  docs: readonly DocumentSummary[],
  [people, grants]: PeopleRows,
  clearance: ReadonlyMap<string, ClearanceState>,
): Map<string, Assignee[]> {
  const byUser = new Map<string, PersonWithGrants["grants"][number][]>();
  for (const { userId, ...g } of grants) byUser.set(userId, [...(byUser.get(userId) ?? []), g]);
  const withGrants: PersonWithGrants[] = people.map((p) => ({ ...p, grants: byUser.get(p.id) ?? [] }));
  return new Map(docs.map((doc) => [doc.id, assigneesOf({ ...doc, pendingOffices: clearance.get(doc.id)?.pending ?? [] }, withGrants)]));
}
