/** The opening of every `/{year}/…` handler: who asks, the database, and a cycle that exists. */
import type { Context } from "hono";
import type { CurrentUser } from "../auth/current-user.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { requireCycle } from "./cycle-queries.ts";

/**
 * 401 without a user; then `allowed` (a policy assertion), so a caller who may not act hears 403
 * whatever the year; then 404 for a year with no cycle.
 */
export async function cycleCaller(c: Context<AppEnv>, year: number, allowed?: (user: CurrentUser) => void) {
  const user = await requireUser(c);
  allowed?.(user);
  const db = database(c.env);
  await requireCycle(db, year);
  return { user, db };
}
