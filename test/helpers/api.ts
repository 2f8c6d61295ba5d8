/** One way to call the worker as a signed-in role in tests. */
import type { z } from "@hono/zod-openapi";
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createSessionToken, newSessionId, SESSION_TTL_MS } from "../../worker/auth/session-token.ts";
import { SESSION_COOKIE } from "../../worker/auth/identity.ts";

/** A loopback host: development sign-in works only there (worker/auth/dev-session.ts). */
export const ORIGIN = "http://localhost";

/** Demo users by the role and scope they stand for (worker/db/seed/demo-users.ts). */
export const AS = {
  admin: "demo-admin",
  leadership: "demo-ambassador",
  drafterAF: "demo-drafter-af",
  drafterEUR: "demo-drafter-eur",
  drafterSCA: "demo-drafter-sca",
  reviewerAF: "demo-reviewer-af",
  drafterNEA: "demo-drafter-nea",
  reviewerNEA: "demo-reviewer-nea",
  clearerBureauNEA: "demo-bureau-nea",
  clearerLegal: "demo-legal",
  embassyManama: "demo-embassy-manama",
  clearerDRL: "demo-drl",
  clearerBureauAF: "demo-bureau-af",
  embassyKabul: "demo-embassy-kabul-1",
} as const;

/** A new dev session for the user (its own `dev_sessions` row), as the demo sign-in would start it. */
export async function sessionCookie(userId: string, expiresAt = Date.now() + SESSION_TTL_MS): Promise<string> {
  const id = newSessionId();
  await env.DB.prepare("INSERT INTO dev_sessions (id, user_id, expires_at) VALUES (?, ?, ?)").bind(id, userId, new Date(expiresAt).toISOString()).run();
  return `${SESSION_COOKIE}=${await createSessionToken(env.SESSION_SECRET!, id, expiresAt)}`;
}

/** One session per user for `call`, started on first use (tests that sign out use `sessionCookie` for a session of their own). */
const callSessions = new Map<string, Promise<string>>();
function callCookie(userId: string): Promise<string> {
  let cookie = callSessions.get(userId);
  if (!cookie) {
    cookie = sessionCookie(userId);
    callSessions.set(userId, cookie);
  }
  return cookie;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the worker as `userId` (or anonymously with null), same-origin like the web app. */
export async function call(userId: string | null, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Origin: ORIGIN, ...options.headers };
  if (userId) headers.Cookie = await callCookie(userId);
  let body: BodyInit | undefined;
  // A string or a form (a file upload) goes as it is; fetch sets the multipart boundary.
  if (typeof options.body === "string" || options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] ??= "application/json";
  }
  return SELF.fetch(`${ORIGIN}${path}`, { method: options.method ?? (options.body !== undefined ? "POST" : "GET"), headers, body });
}

/**
 * The body as JSON. With a shared/api schema it is parsed with it: typed as the web app sees it, and
 * a body that lacks a declared field or mistypes one fails here. Without one the caller names the
 * type (`any` stays the default only for the error shapes and ad-hoc bodies older tests read).
 */
export async function json<S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>>;
export async function json<T = any>(response: Response): Promise<T>;
export async function json(response: Response, schema?: z.ZodType): Promise<unknown> {
  const body: unknown = await response.json();
  return schema ? schema.parse(body) : body;
}
