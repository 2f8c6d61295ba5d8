/// <reference path="./worker-configuration.d.ts" />
import type { CurrentUser } from "./auth/current-user.ts";

/**
 * Secrets and development-only variables: declared in worker/secrets.example.env, set in `.dev.vars`
 * locally and with `wrangler secret put` in production, and possibly absent (production has no
 * AUTH_MODE or SESSION_SECRET), so optional here whatever the generated types say.
 */
type MaybeUnset = "AUTH_MODE" | "SESSION_SECRET" | "AUDIT_SIGNING_KEY" | "AUDIT_VERIFY_KEYS";

/**
 * The Worker's bindings and variables: `WorkerBindings` is generated from wrangler.toml by
 * `npm run types` (worker/worker-configuration.d.ts; `npm test` fails when it is out of date).
 * The same generated file makes the runtime's global `Cloudflare.Env` (what Durable Objects and
 * `cloudflare:workers` see) these bindings.
 */
export interface Env extends Omit<WorkerBindings, MaybeUnset>, Partial<Pick<WorkerBindings, MaybeUnset>> {}

export interface AppVariables {
  requestId: string;
  /** Memoised identity of this request: undefined until resolved, null when there is none. */
  currentUser: CurrentUser | null | undefined;
  /** When the identity that resolved `currentUser` expires (ms since epoch), once resolved. */
  identityExpiresAt: number | null | undefined;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
