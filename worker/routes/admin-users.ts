/** /api/admin/users — people and their role grants, administered (admins only, every change audited). */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { and, eq } from "drizzle-orm";
import { grantKey } from "#shared/roles.ts";
import {
  AdminUserListSchema,
  AdminUserSchema,
  GrantInputSchema as GrantInput,
  NewUserSchema,
  UserImportReportSchema as ImportReport,
  UserPatchSchema,
} from "#shared/api/users.ts";
import { parseUserImport } from "../admin/user-import.ts";
import { closeRoomsOf } from "../rooms/room-access.ts";
import { commitAdminChange, grantInsert, listUsersWithGrants } from "../admin/user-store.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { requireUser } from "../auth/identity.ts";
import type { AuditContext } from "../audit/audit-log.ts";
import { database } from "../db/client.ts";
import { countries, roleAssignments, users } from "../db/schema.ts";
import type { AppEnv } from "../env.ts";
import { ApiError, badRequest, notFound } from "../http/api-error.ts";
import { createRouter, errorResponses, jsonContent } from "../http/router.ts";
import { assertAdmin } from "../policy/policy.ts";

export const adminUserRoutes = createRouter();

async function requireAdmin(c: Context<AppEnv>): Promise<{ admin: CurrentUser; audit: AuditContext }> {
  const admin = await requireUser(c);
  assertAdmin(admin);
  return { admin, audit: { actor: { id: admin.id, email: admin.email }, requestId: c.get("requestId") } };
}

const UserIdParam = z.object({
  userId: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: "userId", in: "path" } }),
});
const GrantIdParam = UserIdParam.extend({
  grantId: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: "grantId", in: "path" } }),
});
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const adminErrors = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: { ...errorResponses[400], description: "Conflict (e.g. last active admin, email taken)" },
};

async function oneUser(c: Context<AppEnv>, userId: string) {
  const [user] = await listUsersWithGrants(database(c.env), userId);
  if (!user) throw notFound("User");
  return user;
}

async function assertCountryExists(c: Context<AppEnv>, countryId: string | null | undefined) {
  if (!countryId) return;
  const found = await database(c.env).select({ id: countries.id }).from(countries).where(eq(countries.id, countryId)).get();
  if (!found) throw badRequest(`Country "${countryId}" does not exist.`, { countryId });
}

adminUserRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    summary: "All users, active or not, with their grants",
    tags: ["Admin"],
    responses: { 200: jsonContent(AdminUserListSchema, "Users"), ...adminErrors },
  }),
  async (c) => {
    await requireAdmin(c);
    return c.json({ users: await listUsersWithGrants(database(c.env)) }, 200);
  },
);

adminUserRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    summary: "Add a user, optionally with grants",
    tags: ["Admin"],
    request: body(NewUserSchema),
    responses: { 201: jsonContent(AdminUserSchema, "Created"), ...adminErrors },
  }),
  async (c) => {
    const { audit } = await requireAdmin(c);
    const input = c.req.valid("json");
    for (const g of input.grants) await assertCountryExists(c, g.countryId);
    const db = database(c.env);
    const id = crypto.randomUUID();
    const email = input.email.toLowerCase();
    await commitAdminChange(
      db,
      audit,
      { action: "user.create", subjectType: "user", subjectId: id, details: { email, name: input.name, grants: input.grants.map(grantKey) } },
      () => [db.insert(users).values({ id, email, name: input.name, active: true }), ...input.grants.map((g) => grantInsert(db, id, g))],
    );
    return c.json(await oneUser(c, id), 201);
  },
);

adminUserRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{userId}",
    summary: "Edit a user's name or email, or (de)activate them; the change applies on their next request",
    tags: ["Admin"],
    request: { params: UserIdParam, ...body(UserPatchSchema) },
    responses: { 200: jsonContent(AdminUserSchema, "Updated"), ...adminErrors },
  }),
  async (c) => {
    const { audit } = await requireAdmin(c);
    const { userId } = c.req.valid("param");
    const patch = c.req.valid("json");
    const before = await oneUser(c, userId);
    const db = database(c.env);
    const changes = {
      ...(patch.email !== undefined ? { email: patch.email.toLowerCase() } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    };
    if (Object.keys(changes).length === 0) throw badRequest("Nothing to change: give email, name or active.");
    const action = patch.active === false && before.active ? "user.deactivate" : patch.active === true && !before.active ? "user.reactivate" : "user.update";
    await commitAdminChange(
      db,
      audit,
      { action, subjectType: "user", subjectId: userId, details: { before: { email: before.email, name: before.name, active: before.active }, changes } },
      () => [
        db
          .update(users)
          .set({ ...changes, updatedAt: new Date().toISOString() })
          .where(eq(users.id, userId)),
      ],
    );
    // Any change to a person (email, name, active) ends their room connections: reconnecting asks afresh.
    await closeRoomsOf(c.env, db, userId, action);
    return c.json(await oneUser(c, userId), 200);
  },
);

adminUserRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{userId}/grants",
    summary: "Grant a role (with scope, and office for clearers)",
    tags: ["Admin"],
    request: { params: UserIdParam, ...body(GrantInput) },
    responses: { 201: jsonContent(AdminUserSchema, "Granted"), ...adminErrors },
  }),
  async (c) => {
    const { audit } = await requireAdmin(c);
    const { userId } = c.req.valid("param");
    const grant = c.req.valid("json");
    const user = await oneUser(c, userId);
    await assertCountryExists(c, grant.countryId);
    const key = grantKey(grant);
    if (user.grants.some((g) => grantKey(g) === key)) throw new ApiError(409, "grant_exists", "The user already holds this grant.", { grant: key });
    const db = database(c.env);
    await commitAdminChange(db, audit, { action: "grant.add", subjectType: "user", subjectId: userId, details: { grant: key } }, () => [
      grantInsert(db, userId, grant),
    ]);
    await closeRoomsOf(c.env, db, userId, "grant.add");
    return c.json(await oneUser(c, userId), 201);
  },
);

adminUserRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{userId}/grants/{grantId}",
    summary: "Revoke a grant; it stops applying on the user's next request",
    tags: ["Admin"],
    request: { params: GrantIdParam },
    responses: { 200: jsonContent(AdminUserSchema, "Revoked"), ...adminErrors },
  }),
  async (c) => {
    const { audit } = await requireAdmin(c);
    const { userId, grantId } = c.req.valid("param");
    const user = await oneUser(c, userId);
    const grant = user.grants.find((g) => g.id === grantId);
    if (!grant) throw notFound("Grant");
    const db = database(c.env);
    await commitAdminChange(db, audit, { action: "grant.revoke", subjectType: "user", subjectId: userId, details: { grant: grantKey(grant) } }, () => [
      db.delete(roleAssignments).where(and(eq(roleAssignments.id, grantId), eq(roleAssignments.userId, userId))),
    ]);
    await closeRoomsOf(c.env, db, userId, "grant.revoke");
    return c.json(await oneUser(c, userId), 200);
  },
);

adminUserRoutes.openapi(
  createRoute({
    method: "post",
    path: "/import",
    summary: "Import users and grants from CSV (email,name,role,scope,office,active)",
    description:
      "With ?dryRun=true nothing is written and the report lists every change and every rejected row. Without it, any rejected row makes the import fail with 422 and nothing is written.",
    tags: ["Admin"],
    request: {
      query: z.object({ dryRun: z.enum(["true", "false"]).optional() }).strict(),
      body: {
        required: true,
        content: {
          "text/csv": { schema: z.string().openapi({ example: "email,name,role,scope,office,active\njane@state.gov,Jane Doe,drafter,region:AF,,true" }) },
        },
      },
    },
    responses: {
      200: jsonContent(ImportReport, "Import report"),
      422: { ...errorResponses[400], description: "Rows rejected; nothing written" },
      ...adminErrors,
    },
  }),
  async (c) => {
    const { audit } = await requireAdmin(c);
    const dryRun = c.req.valid("query").dryRun === "true";
    const csv = await c.req.text();
    if (!csv.trim()) throw badRequest("The CSV body is empty.");
    const db = database(c.env);
    const knownCountries = new Set((await db.select({ id: countries.id }).from(countries)).map((r) => r.id));
    const { rows, rejected } = parseUserImport(csv, { countryIds: knownCountries });

    const emails = [...new Set(rows.map((r) => r.email))];
    const existing = emails.length ? await listUsersWithGrants(db).then((all) => all.filter((u) => emails.includes(u.email))) : [];
    const byEmail = new Map(existing.map((u) => [u.email, u]));
    const usersToCreate = emails.filter((e) => !byEmail.has(e));
    const usersToUpdate = emails.filter((e) => {
      const u = byEmail.get(e);
      const row = rows.find((r) => r.email === e)!;
      return u && (u.name !== row.name || u.active !== row.active);
    });
    const grantsToAdd = rows
      .filter((r) => r.grant && !byEmail.get(r.email)?.grants.some((g) => grantKey(g) === grantKey(r.grant!)))
      .map((r) => ({ email: r.email, grant: grantKey(r.grant!) }));
    const report = { dryRun, applied: false, rows: rows.length + rejected.length, rejected, usersToCreate, usersToUpdate, grantsToAdd };

    if (dryRun) return c.json(report, 200);
    if (rejected.length) throw new ApiError(422, "import_rejected", `${rejected.length} row(s) rejected; nothing was imported.`, report);

    const ids = new Map(emails.map((e) => [e, byEmail.get(e)?.id ?? crypto.randomUUID()]));
    await commitAdminChange(
      db,
      audit,
      { action: "user.import", subjectType: "user_import", subjectId: c.get("requestId"), details: { usersToCreate, usersToUpdate, grantsToAdd } },
      () => [
        ...usersToCreate.map((email) => {
          const row = rows.find((r) => r.email === email)!;
          return db.insert(users).values({ id: ids.get(email)!, email, name: row.name, active: row.active });
        }),
        ...usersToUpdate.map((email) => {
          const row = rows.find((r) => r.email === email)!;
          return db
            .update(users)
            .set({ name: row.name, active: row.active, updatedAt: new Date().toISOString() })
            .where(eq(users.id, ids.get(email)!));
        }),
        ...rows.filter((r) => r.grant).map((r) => grantInsert(db, ids.get(r.email)!, r.grant!)),
      ],
    );
    // Everyone existing the import changed (account or grants) reconnects with their current rights.
    const changed = new Set([...usersToUpdate, ...grantsToAdd.map((g) => g.email)].filter((email) => byEmail.has(email)));
    for (const email of changed) await closeRoomsOf(c.env, db, ids.get(email)!, "user.import");
    return c.json({ ...report, applied: true }, 200);
  },
);
