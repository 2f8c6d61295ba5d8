/**
 * Who is calling. Production: Cloudflare Access JWT. Development (`AUTH_MODE=dev`, and only where
 * that is safe: worker/auth/dev-session.ts): the signed session cookie set by the demo sign-in, whose
 * session row must still be open. Identity and grants are re-read from D1 on every request.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../env.ts";
import { database } from "../db/client.ts";
import { ApiError, unauthenticated } from "../http/api-error.ts";
import { verifyAccessJwtClaims } from "./access-jwt.ts";
import { loadActiveUser, type CurrentUser } from "./current-user.ts";
import { devAuthStatus, devSessionUser, type DevAuthStatus } from "./dev-session.ts";

export const SESSION_COOKIE = "tip_session";
export const ACCESS_JWT_HEADER = "Cf-Access-Jwt-Assertion";

/** Whether dev sign-in is off (AUTH_MODE unset), refused (set where it is not safe) or on. */
export function devAuth(c: Context<AppEnv>): DevAuthStatus {
  return devAuthStatus(c.env, c.req.url);
}

async function resolve(c: Context<AppEnv>): Promise<CurrentUser | null> {
  const db = database(c.env);
  const accessToken = c.req.header(ACCESS_JWT_HEADER);
  const { ACCESS_TEAM_DOMAIN: teamDomain, ACCESS_AUD: audience } = c.env;
  if (accessToken && teamDomain && audience) {
    const claims = await verifyAccessJwtClaims(accessToken, { teamDomain, audience });
    if (!claims) return null;
    const { email } = claims;
    c.set("identityExpiresAt", claims.expiresAt);
    const user = await loadActiveUser(db, { by: "email", email });
    if (!user) throw new ApiError(403, "not_a_user", `${email} is not an active user of TIP Clearance. Ask an administrator for access.`);
    return user;
  }
  const dev = devAuth(c);
  if (dev.mode === "on") {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) return null;
    const session = await devSessionUser(db, dev.secret, token);
    if (!session) return null;
    // The room closes the socket when the session would have expired.
    c.set("identityExpiresAt", session.expiresAt);
    const { user } = session;
    if (!user) throw new ApiError(403, "not_a_user", "This account is deactivated. Ask an administrator for access.");
    return user;
  }
  return null;
}

/** The caller, or null when the request carries no valid identity. Throws 403 for a verified identity that is not an active user. */
export async function getUser(c: Context<AppEnv>): Promise<CurrentUser | null> {
  const cached = c.get("currentUser");
  if (cached !== undefined) return cached;
  const user = await resolve(c);
  c.set("currentUser", user);
  return user;
}

/** When the caller's sign-in ends (Access token or dev session expiry, ms since epoch); null when unknown. Call after getUser. */
export function identityExpiresAt(c: Context<AppEnv>): number | null {
  return c.get("identityExpiresAt") ?? null;
}

export async function requireUser(c: Context<AppEnv>): Promise<CurrentUser> {
  const user = await getUser(c);
  if (!user) throw unauthenticated();
  return user;
}
