/** Reads of report cycles: their period, milestones and status. */
import { desc, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { reportCycles } from "../db/schema.ts";
import { notFound } from "../http/api-error.ts";

export const cycleColumns = {
  year: reportCycles.year,
  periodStart: reportCycles.periodStart,
  periodEnd: reportCycles.periodEnd,
  draftingDue: reportCycles.draftingDue,
  reviewDue: reportCycles.reviewDue,
  clearanceDue: reportCycles.clearanceDue,
  finalClearanceDue: reportCycles.finalClearanceDue,
  releaseDate: reportCycles.releaseDate,
  status: reportCycles.status,
};

export async function listCycles(db: Database) {
  return db.select(cycleColumns).from(reportCycles).orderBy(desc(reportCycles.year));
}

/** The query for one cycle, for a caller that batches it with others (then `foundCycle` on its rows). */
export function cycleQuery(db: Database, year: number) {
  return db.select(cycleColumns).from(reportCycles).where(eq(reportCycles.year, year)).limit(1);
}

export type Cycle = Awaited<ReturnType<typeof cycleQuery>>[number];

/** The cycle of `cycleQuery`'s rows, or 404 with the year named. */
export function foundCycle(rows: Cycle[], year: number): Cycle {
  const cycle = rows[0];
  if (!cycle) throw notFound(`The ${year} report cycle`);
  return cycle;
}

/** The cycle, or 404 with the year named. */
export async function requireCycle(db: Database, year: number): Promise<Cycle> {
  return foundCycle(await cycleQuery(db, year), year);
}

/** Today as the calendar the milestones are written in (UTC dates). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
