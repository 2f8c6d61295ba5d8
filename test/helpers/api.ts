/** One way to call the worker as a signed-in role in tests. */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createSessionToken, SESSION_TTL_MS } from "../../worker/auth/session-token.ts";
import { SESSION_COOKIE } from "../../worker/auth/identity.ts";

export const ORIGIN = "http://tip.test";

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

export async function sessionCookie(userId: string, expiresAt = Date.now() + SESSION_TTL_MS): Promise<string> {
  return `${SESSION_COOKIE}=${await createSessionToken(env.SESSION_SECRET!, userId, expiresAt)}`;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the worker as `userId` (or anonymously with null), same-origin like the web app. */
export async function call(userId: string | null, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Origin: ORIGIN, ...options.headers };
  if (userId) headers.Cookie = await sessionCookie(userId);
  let body: BodyInit | undefined;
  if (typeof options.body === "string") body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] ??= "application/json";
  }
  return SELF.fetch(`${ORIGIN}${path}`, { method: options.method ?? (options.body !== undefined ? "POST" : "GET"), headers, body });
}

export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
