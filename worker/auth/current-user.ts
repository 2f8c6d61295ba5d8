/** The signed-in person as every route sees them: read from D1 on every request, never from the cookie. */
import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { Role, ScopeType } from "#shared/roles.ts";
import type { Database } from "../db/client.ts";
import { roleAssignments, users } from "../db/schema.ts";

export interface RoleGrant {
  id: string;
  role: Role;
  scopeType: ScopeType;
  regionCode: string | null;
  countryId: string | null;
  officeCode: string | null;
}

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  grants: RoleGrant[];
}

export type UserLookup = { by: "id"; id: string } | { by: "email"; email: string };

/** The reads behind a `CurrentUser`: the active user matching `where`, and their grants. */
export function activeUserQueries(db: Database, where: SQL) {
  const matching = db
    .select({ id: users.id })
    .from(users)
    .where(and(where, eq(users.active, true)));
  return [
    db
      .select()
      .from(users)
      .where(and(where, eq(users.active, true))),
    db
      .select({
        id: roleAssignments.id,
        role: roleAssignments.role,
        scopeType: roleAssignments.scopeType,
        regionCode: roleAssignments.regionCode,
        countryId: roleAssignments.countryId,
        officeCode: roleAssignments.officeCode,
      })
      .from(roleAssignments)
      .where(inArray(roleAssignments.userId, matching)),
  ] as const;
}

function loadActiveUserRows(db: Database, where: SQL) {
  return db.batch(activeUserQueries(db, where));
}

/** The `CurrentUser` of `activeUserQueries`' rows, or null when there is none. */
export function currentUserFrom([found, grants]: Awaited<ReturnType<typeof loadActiveUserRows>>): CurrentUser | null {
  const user = found[0];
  if (!user) return null;
  return { id: user.id, email: user.email, name: user.name, grants };
}

/**
 * Returns the user and their grants, or null when there is no such user or they are deactivated.
 * One D1 round trip (a batch of both reads): every authenticated request starts with this.
 */
export async function loadActiveUser(db: Database, lookup: UserLookup): Promise<CurrentUser | null> {
  const where = lookup.by === "id" ? eq(users.id, lookup.id) : eq(users.email, lookup.email.toLowerCase());
  return currentUserFrom(await loadActiveUserRows(db, where));
}
