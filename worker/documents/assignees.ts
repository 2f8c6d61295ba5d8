/**
 * Who each document waits on now (shared/assignees.ts), for a whole list at once: the active
 * people and their grants in two queries, the clearance picture of the documents in clearance in
 * three. Never a query per document.
 */
import { eq } from "drizzle-orm";
import { assigneesOf, type Assignee, type PersonWithGrants } from "#shared/assignees.ts";
import type { Database } from "../db/client.ts";
import { roleAssignments, users } from "../db/schema.ts";
import type { DocumentSummary } from "./document-queries.ts";
import { loadClearanceStates } from "../workflow/clearance-state.ts";

async function activePeople(db: Database): Promise<PersonWithGrants[]> {
  const [people, grants] = await Promise.all([
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
  ]);
  const byUser = new Map<string, PersonWithGrants["grants"][number][]>();
  for (const { userId, ...g } of grants) byUser.set(userId, [...(byUser.get(userId) ?? []), g]);
  return people.map((p) => ({ ...p, grants: byUser.get(p.id) ?? [] }));
}

/** Each document's assignees, by document id. */
export async function loadAssignees(db: Database, cycleYear: number, docs: DocumentSummary[]): Promise<Map<string, Assignee[]>> {
  if (!docs.length) return new Map();
  const [people, clearance] = await Promise.all([
    activePeople(db),
    loadClearanceStates(
      db,
      cycleYear,
      docs.filter((d) => d.state === "in_clearance"),
    ),
  ]);
  return new Map(docs.map((doc) => [doc.id, assigneesOf({ ...doc, pendingOffices: clearance.get(doc.id)?.pending ?? [] }, people)]));
}
