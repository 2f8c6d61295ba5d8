/**
 * The worker as production runs it, with Cloudflare Access configured and no development sign-in.
 * The test runtime's own bindings are development mode (vitest.config.ts), so these calls pass the
 * Access variables in the env of one `worker.fetch`, the same app and bindings otherwise.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../worker/index.ts";
import type { Env } from "../../worker/env.ts";

export const TEST_ACCESS = { teamDomain: "tip-test.cloudflareaccess.com", audience: "tip-test-aud" };

/** The bindings with Access configured (AUTH_MODE unset unless `overrides` sets it). */
export const accessEnv = (overrides: Partial<Env> = {}): Env => ({
  ...env,
  AUTH_MODE: undefined,
  ACCESS_TEAM_DOMAIN: TEST_ACCESS.teamDomain,
  ACCESS_AUD: TEST_ACCESS.audience,
  ...overrides,
});

/** One request through the whole worker with these bindings. */
export async function fetchWith(bindings: Env, url: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(url, init), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
