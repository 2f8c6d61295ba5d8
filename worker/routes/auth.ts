/** /auth: the demo sign-in (AUTH_MODE=dev only) and sign-out. Production sign-in is Cloudflare Access. */
import { createRoute, type z } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { DemoUserListSchema, DevLoginRequestSchema, DevLoginResponseSchema, LogoutResponseSchema, type DemoUserSchema } from "#shared/api/users.ts";
import { loadActiveUser } from "../auth/current-user.ts";
import { endDevSession, startDevSession } from "../auth/dev-session.ts";
import { devAuth, getUser, SESSION_COOKIE } from "../auth/identity.ts";
import { SESSION_TTL_MS } from "../auth/session-token.ts";
import { commitWithAudit } from "../audit/audit-log.ts";
import { database } from "../db/client.ts";
import { roleAssignments, users } from "../db/schema.ts";
import { ApiError, notFound } from "../http/api-error.ts";
import { createRouter, errorResponse, errorResponses, jsonContent } from "../http/router.ts";

export const authRoutes = createRouter();

const devRefused = {
  503: errorResponse(
    "AUTH_MODE=dev where it is not safe: not a loopback host, Cloudflare Access configured, or SESSION_SECRET shorter than 32 bytes (`dev_auth_refused`)",
  ),
};

authRoutes.use("/dev/*", async (c, next) => {
  const dev = devAuth(c);
  if (dev.mode === "off") throw notFound(`${c.req.method} ${c.req.path}`);
  if (dev.mode === "refused") {
    throw new ApiError(503, "dev_auth_refused", `Development sign-in is refused here: ${dev.problems.join("; ")}.`, {
      problems: dev.problems,
      rule: "AUTH_MODE=dev works only on a loopback host, with Cloudflare Access not configured and a SESSION_SECRET of at least 32 bytes.",
    });
  }
  await next();
});

authRoutes.openapi(
  createRoute({
    method: "get",
    path: "/dev/users",
    summary: "List the users one can sign in as (development only; 404 unless AUTH_MODE=dev, 503 where dev sign-in is not safe)",
    tags: ["Auth"],
    responses: { 200: jsonContent(DemoUserListSchema, "Active users and their grants"), 404: errorResponses[404], ...devRefused },
  }),
  async (c) => {
    const db = database(c.env);
    const rows = await db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: roleAssignments.role,
        scopeType: roleAssignments.scopeType,
        regionCode: roleAssignments.regionCode,
        countryId: roleAssignments.countryId,
        officeCode: roleAssignments.officeCode,
      })
      .from(users)
      .leftJoin(roleAssignments, eq(roleAssignments.userId, users.id))
      .where(eq(users.active, true))
      .orderBy(asc(users.name));
    const byId = new Map<string, z.infer<typeof DemoUserSchema>>();
    for (const row of rows) {
      const user = byId.get(row.id) ?? { email: row.email, name: row.name, grants: [] };
      if (row.role && row.scopeType)
        user.grants.push({ role: row.role, scopeType: row.scopeType, regionCode: row.regionCode, countryId: row.countryId, officeCode: row.officeCode });
      byId.set(row.id, user);
    }
    return c.json({ users: [...byId.values()] }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/dev/login",
    summary: "Sign in as a user without a password (development only; 404 unless AUTH_MODE=dev, 503 where dev sign-in is not safe)",
    tags: ["Auth"],
    request: { body: { required: true, content: { "application/json": { schema: DevLoginRequestSchema } } } },
    responses: {
      200: jsonContent(DevLoginResponseSchema, "Signed in; session cookie set"),
      400: errorResponses[400],
      403: errorResponses[403],
      404: errorResponses[404],
      ...devRefused,
    },
  }),
  async (c) => {
    const { email } = c.req.valid("json");
    const dev = devAuth(c);
    // The /dev/* guard above lets only a usable dev mode through.
    if (dev.mode !== "on") throw new ApiError(503, "dev_auth_refused", "Development sign-in is not available.");
    const db = database(c.env);
    const user = await loadActiveUser(db, { by: "email", email });
    if (!user) throw new ApiError(403, "not_a_user", `${email} is not an active user.`);
    const token = await startDevSession(db, dev.secret, user.id);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      secure: new URL(c.req.url).protocol === "https:",
      path: "/",
      maxAge: SESSION_TTL_MS / 1000,
    });
    await commitWithAudit(
      db,
      { actor: { id: user.id, email: user.email }, requestId: c.get("requestId") },
      { action: "auth.login", subjectType: "user", subjectId: user.id, details: { method: "dev" } },
    );
    return c.json({ user: { id: user.id, email: user.email, name: user.name } }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/logout",
    summary: "Sign out: ends the development session on the server and clears its cookie",
    tags: ["Auth"],
    responses: { 200: jsonContent(LogoutResponseSchema, "Signed out") },
  }),
  async (c) => {
    const user = await getUser(c).catch(() => null);
    const dev = devAuth(c);
    const token = getCookie(c, SESSION_COOKIE);
    if (dev.mode === "on" && token) await endDevSession(database(c.env), dev.secret, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/", sameSite: "Strict", httpOnly: true, secure: new URL(c.req.url).protocol === "https:" });
    if (user) {
      await commitWithAudit(
        database(c.env),
        { actor: { id: user.id, email: user.email }, requestId: c.get("requestId") },
        { action: "auth.logout", subjectType: "user", subjectId: user.id },
      );
    }
    return c.json({ signedOut: true as const }, 200);
  },
);
