/** Users and grants as administrators see them, plus the writes they make (each with its audit event). */
import { asc, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { grantKey, type GrantSpec } from "#shared/roles.ts";
import type { AuditContext, AuditEntry } from "../audit/audit-log.ts";
import { commitWithAudit } from "../audit/audit-log.ts";
import { databaseErrorText } from "../db/errors.ts";
import type { Database } from "../db/client.ts";
import { roleAssignments, users } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";

export async function listUsersWithGrants(db: Database, onlyUserId?: string) {
  const userRows = await db
    .select()
    .from(users)
    .where(onlyUserId ? eq(users.id, onlyUserId) : undefined)
    .orderBy(asc(users.name));
  const grantRows = await db
    .select()
    .from(roleAssignments)
    .where(onlyUserId ? eq(roleAssignments.userId, onlyUserId) : undefined);
  return userRows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    active: u.active,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    grants: grantRows
      .filter((g) => g.userId === u.id)
      .map((g) => ({ id: g.id, role: g.role, scopeType: g.scopeType, regionCode: g.regionCode, countryId: g.countryId, officeCode: g.officeCode })),
  }));
}

export function grantInsert(db: Database, userId: string, grant: GrantSpec, id = crypto.randomUUID()) {
  return db
    .insert(roleAssignments)
    .values({
      id,
      userId,
      role: grant.role,
      scopeType: grant.scopeType,
      regionCode: grant.regionCode ?? null,
      countryId: grant.countryId ?? null,
      officeCode: grant.officeCode ?? null,
      grantKey: grantKey(grant),
    })
    .onConflictDoNothing();
}

/** Runs an admin change with its audit event, translating the database's guards into readable 409s. */
export async function commitAdminChange(db: Database, context: AuditContext, entry: AuditEntry, changes: () => BatchItem<"sqlite">[]) {
  try {
    await commitWithAudit(db, context, entry, changes);
  } catch (error) {
    const text = databaseErrorText(error);
    if (text.includes("last_active_admin")) {
      throw new ApiError(409, "last_active_admin", "This would leave no active administrator. Make someone else an administrator first.");
    }
    if (text.includes("UNIQUE") && text.includes("users.email")) {
      throw new ApiError(409, "email_taken", "Another user already has this email address.");
    }
    if (text.includes("FOREIGN KEY")) {
      throw new ApiError(400, "unknown_reference", "The grant names a region, country or office that does not exist.");
    }
    throw error;
  }
}
