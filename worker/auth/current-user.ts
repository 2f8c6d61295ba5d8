/** The signed-in person as every route sees them: read from D1 on every request, never from the cookie. */
import { and, eq } from "drizzle-orm";
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

/** Returns the user and their grants, or null when there is no such user or they are deactivated. */
export async function loadActiveUser(db: Database, lookup: UserLookup): Promise<CurrentUser | null> {
  const where = lookup.by === "id" ? eq(users.id, lookup.id) : eq(users.email, lookup.email.toLowerCase());
  const user = await db.select().from(users).where(and(where, eq(users.active, true))).get();
  if (!user) return null;
  const grants = await db
    .select({
      id: roleAssignments.id,
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      regionCode: roleAssignments.regionCode,
      countryId: roleAssignments.countryId,
      officeCode: roleAssignments.officeCode,
    })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, user.id));
  return { id: user.id, email: user.email, name: user.name, grants };
}
