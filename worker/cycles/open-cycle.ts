/**
 * `POST /api/cycles` (admins): opens the next report cycle, every document starting from the
 * previous published edition's text (open-cycle-sql.ts builds the statements; the admin command
 * runs the same ones). Refused with 409 when the year exists (`cycle_exists`), when it is not
 * after the newest cycle (`not_next_cycle`: an older year would not be the current cycle), or
 * when the newest cycle is not released yet (`previous_not_released`: one cycle at a time; a
 * first cycle, with none before it, is allowed).
 */
import { sql } from "drizzle-orm";
import { standardMilestones } from "#shared/cycles.ts";
import { commitWithAudit } from "../audit/audit-log.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { database, type Database } from "../db/client.ts";
import { databaseErrorText } from "../db/errors.ts";
import type { Env } from "../env.ts";
import { ApiError } from "../http/api-error.ts";
import { assertAdmin } from "../policy/policy.ts";
import { openCycleStatements, previousEditionYear } from "./open-cycle-sql.ts";

export interface OpenCycleResult {
  year: number;
  documents: number;
  carriedForward: number;
  fromEdition: number | null;
}

/** Why a year cannot be opened now, or null. Read before building, and again by the batch (the cycle row is new or the batch fails). */
export async function openCycleRefusal(db: D1Database, year: number): Promise<ApiError | null> {
  const newest = await db.prepare("SELECT year, status FROM report_cycles ORDER BY year DESC LIMIT 1").first<{ year: number; status: string }>();
  const exists = await db.prepare("SELECT 1 AS x FROM report_cycles WHERE year = ?").bind(year).first();
  if (exists) return new ApiError(409, "cycle_exists", `The ${year} report cycle is already open.`, { year });
  if (newest && newest.year > year) return new ApiError(409, "not_next_cycle", `The ${newest.year} cycle is newer: only a year after it can be opened.`, { newest: newest.year });
  if (newest && newest.status !== "released") {
    return new ApiError(409, "previous_not_released", `The ${newest.year} report is not released yet: the ${year} cycle opens from its published text once it is.`, {
      previous: newest.year,
      status: newest.status,
    });
  }
  return null;
}

export async function openCycleSummary(db: Database, year: number): Promise<OpenCycleResult> {
  const row = await db.get<{ documents: number; carried: number; fromEdition: number | null }>(
    sql.raw(
      `SELECT (SELECT COUNT(*) FROM documents WHERE cycle_year = ${year}) AS documents, ` +
        `(SELECT COUNT(*) FROM documents WHERE cycle_year = ${year} AND starting_snapshot_hash IS NOT NULL) AS carried, ` +
        `${previousEditionYear(year)} AS fromEdition`,
    ),
  );
  return { year, documents: row.documents, carriedForward: row.carried, fromEdition: row.fromEdition };
}

export async function openCycle(env: Env, actor: { user: CurrentUser; requestId: string | null }, year: number): Promise<OpenCycleResult> {
  assertAdmin(actor.user);
  const refusal = await openCycleRefusal(env.DB, year);
  if (refusal) throw refusal;
  const db = database(env);
  const milestones = standardMilestones(year);
  const statements = openCycleStatements({ year, milestones, status: "drafting", mode: "new" });
  const from = await env.DB.prepare(`SELECT ${previousEditionYear(year)} AS year`).first<{ year: number | null }>();
  try {
    await commitWithAudit(
      db,
      { actor: { id: actor.user.id, email: actor.user.email }, requestId: actor.requestId },
      { action: "cycle.open", subjectType: "cycle", subjectId: String(year), details: { milestones, fromEdition: from?.year ?? null } },
      () => statements.map((s) => db.run(sql.raw(s))),
    );
  } catch (error) {
    const text = databaseErrorText(error);
    if (text.includes("UNIQUE") && text.includes("report_cycles")) throw new ApiError(409, "cycle_exists", `The ${year} report cycle is already open.`, { year });
    throw error;
  }
  return openCycleSummary(db, year);
}
