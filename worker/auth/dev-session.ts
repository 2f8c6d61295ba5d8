/**
 * Development sign-in (AUTH_MODE=dev), allowed only where it is safe: a loopback host (127.0.0.0/8,
 * localhost, [::1], judged by the request URL), no Cloudflare Access configured (ACCESS_TEAM_DOMAIN
 * and ACCESS_AUD unset), and a SESSION_SECRET of at least 32 bytes. Sessions are rows in
 * `dev_sessions`: the cookie is a signed session id, and signing out ends the row.
 */
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { devSessions, users } from "../db/schema.ts";
import { activeUserQueries, currentUserFrom, type CurrentUser } from "./current-user.ts";
import type { Env } from "../env.ts";
import {
  createSessionToken,
  MIN_SESSION_SECRET_BYTES,
  newSessionId,
  secretBytes,
  SESSION_TTL_MS,
  verifySessionToken,
  verifySessionTokenClaims,
} from "./session-token.ts";

export type DevAuthStatus = { mode: "off" } | { mode: "refused"; problems: string[] } | { mode: "on"; secret: string };

/** 127.0.0.0/8, localhost and [::1]: the only hosts on which a password-less sign-in may exist. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host === "[::1]") return true;
  const octets = host.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

export function devAuthStatus(env: Pick<Env, "AUTH_MODE" | "SESSION_SECRET" | "ACCESS_TEAM_DOMAIN" | "ACCESS_AUD">, requestUrl: string): DevAuthStatus {
  if (env.AUTH_MODE !== "dev") return { mode: "off" };
  const problems: string[] = [];
  const hostname = new URL(requestUrl).hostname;
  if (!isLoopbackHost(hostname)) problems.push(`the host ${hostname} is not a loopback address (127.0.0.0/8, localhost, [::1])`);
  if (env.ACCESS_TEAM_DOMAIN?.trim() || env.ACCESS_AUD?.trim()) problems.push("Cloudflare Access is configured (ACCESS_TEAM_DOMAIN or ACCESS_AUD is set)");
  const bytes = secretBytes(env.SESSION_SECRET);
  if (bytes < MIN_SESSION_SECRET_BYTES) {
    problems.push(
      bytes === 0
        ? "SESSION_SECRET is not set (npm start writes one into .dev.vars)"
        : `SESSION_SECRET is ${bytes} bytes; it must be at least ${MIN_SESSION_SECRET_BYTES}`,
    );
  }
  return problems.length ? { mode: "refused", problems } : { mode: "on", secret: env.SESSION_SECRET! };
}

/** Starts a session for the user and returns the cookie's token. */
export async function startDevSession(db: Database, secret: string, userId: string, now = Date.now()): Promise<string> {
  const id = newSessionId();
  const expiresAt = now + SESSION_TTL_MS;
  await db.insert(devSessions).values({ id, userId, expiresAt: new Date(expiresAt).toISOString() });
  return createSessionToken(secret, id, expiresAt);
}

/**
 * For a token whose session is signed, unexpired and not ended: the session's expiry (ms) and its
 * person with their grants (`user` null when that person is deactivated); null otherwise. One D1
 * round trip for the session and the person, as every authenticated request starts with this.
 */
export async function devSessionUser(
  db: Database,
  secret: string,
  token: string,
  now = Date.now(),
): Promise<{ expiresAt: number; user: CurrentUser | null } | null> {
  const claims = await verifySessionTokenClaims(secret, token, now);
  if (!claims) return null;
  const { sessionId, expiresAt } = claims;
  const openSession = db
    .select({ userId: devSessions.userId })
    .from(devSessions)
    .where(and(eq(devSessions.id, sessionId), isNull(devSessions.endedAt), gt(devSessions.expiresAt, new Date(now).toISOString())));
  const [sessions, ...userRows] = await db.batch([openSession, ...activeUserQueries(db, inArray(users.id, openSession))]);
  return sessions.length ? { expiresAt, user: currentUserFrom(userRows) } : null;
}

/** Ends the token's session (sign-out): the same cookie is refused from now on. */
export async function endDevSession(db: Database, secret: string, token: string, now = Date.now()): Promise<void> {
  const sessionId = await verifySessionToken(secret, token, now);
  if (!sessionId) return;
  await db
    .update(devSessions)
    .set({ endedAt: new Date(now).toISOString() })
    .where(and(eq(devSessions.id, sessionId), isNull(devSessions.endedAt)));
}
