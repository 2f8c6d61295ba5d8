/**
 * `POST /api/cycles` (admins): opens the next report cycle, every document starting from the
 * previous published edition's text. open-cycle-sql.ts builds the statements and says when a year
 * cannot be opened (409); the admin command (`npm run cycle:open`) runs the same ones.
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
import { openCycleRefusal, openCycleStatements, previousEditionYear } from "./open-cycle-sql.ts";

export interface OpenCycleResult {
  year: number;
  documents: number;
  carriedForward: number;
  fromEdition: number | null;
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
  const db = database(env);
  const { results: cycles } = await env.DB.prepare("SELECT year, status FROM report_cycles").all<{ year: number; status: string }>();
  const refusal = openCycleRefusal(year, cycles);
  if (refusal) throw new ApiError(409, refusal.code, refusal.message, refusal.details);
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
    if (text.includes("UNIQUE") && text.includes("report_cycles"))
      throw new ApiError(409, "cycle_exists", `The ${year} report cycle is already open.`, { year });
    throw error;
  }
  return openCycleSummary(db, year);
}
