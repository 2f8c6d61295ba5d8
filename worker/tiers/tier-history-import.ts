/**
 * The admin import of earlier years' tier placements (`POST /api/tier-history/import`): reads the
 * CSV with the shared rules, compares it with what is stored, and on a real run writes the inserted
 * and updated rows (source `import`) in one D1 batch with their one audit event.
 * Either every line is accepted and all of it is written, or nothing is written and every
 * rejected line is named (422), like the users import.
 */
import { inArray, max, or, sql, eq } from "drizzle-orm";
import { parseTierHistoryCsv, planTierHistoryImport, type PlannedRow, type TierHistoryImportPlan, type TierHistoryRow } from "#shared/tier-history-csv.ts";
import { commitWithAudit, type AuditContext } from "../audit/audit-log.ts";
import type { Database } from "../db/client.ts";
import { countries, reportCycles, tierHistory } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";

/** D1 binds at most 100 parameters per statement; an import row binds 5. */
const ROWS_PER_STATEMENT = 20;

export interface TierHistoryImportReport extends Omit<TierHistoryImportPlan, "writes"> {
  dryRun: boolean;
  applied: boolean;
  /** The newest year the file may name (the year before the newest report cycle). */
  maxYear: number;
  rejected: PlannedRow[];
}

/** The year before the newest cycle: that cycle's placements come from its own release, not an import. */
export async function newestImportableYear(db: Database): Promise<number> {
  const row = await db
    .select({ year: max(reportCycles.year) })
    .from(reportCycles)
    .get();
  return (row?.year ?? new Date().getUTCFullYear()) - 1;
}

export async function planImport(
  db: Database,
  csv: string,
): Promise<{ report: Omit<TierHistoryImportReport, "dryRun" | "applied">; writes: TierHistoryRow[] }> {
  const maxYear = await newestImportableYear(db);
  const known = await db.select({ id: countries.id, name: countries.name }).from(countries);
  const parsed = parseTierHistoryCsv(csv, { countries: known, maxYear });
  if (!parsed.ok) throw new ApiError(400, "malformed_csv", parsed.problem, { expectedHeader: "country,year,tier,waiver" });

  const years = [...new Set(parsed.rows.map((r) => r.year))];
  // The stored rows of the file's years, and every stored waiver (a country has one).
  const stored = await db
    .select({
      countryId: tierHistory.countryId,
      year: tierHistory.reportYear,
      tier: tierHistory.tier,
      waiverUsed: tierHistory.waiverUsed,
      source: tierHistory.source,
    })
    .from(tierHistory)
    .where(years.length ? or(inArray(tierHistory.reportYear, years), eq(tierHistory.waiverUsed, true)) : eq(tierHistory.waiverUsed, true));
  const plan = planTierHistoryImport(parsed, stored);
  const { writes, ...rest } = plan;
  return { report: { ...rest, maxYear, rejected: plan.rows.filter((r) => r.outcome === "rejected") }, writes };
}

function upserts(db: Database, writes: TierHistoryRow[]) {
  const statements = [];
  for (let i = 0; i < writes.length; i += ROWS_PER_STATEMENT) {
    const chunk = writes.slice(i, i + ROWS_PER_STATEMENT);
    statements.push(
      db
        .insert(tierHistory)
        .values(chunk.map((r) => ({ countryId: r.countryId, reportYear: r.year, tier: r.tier, waiverUsed: r.waiverUsed, source: "import" as const })))
        .onConflictDoUpdate({
          target: [tierHistory.countryId, tierHistory.reportYear],
          set: { tier: sql`excluded.tier`, waiverUsed: sql`excluded.waiver_used`, source: sql`excluded.source` },
        }),
    );
  }
  return statements;
}

/** Dry run: the report only. Real run: 422 if any line is rejected; else the writes and one audit event. */
export async function importTierHistory(db: Database, audit: AuditContext, csv: string, dryRun: boolean): Promise<TierHistoryImportReport> {
  const { report, writes } = await planImport(db, csv);
  if (dryRun) return { ...report, dryRun, applied: false };
  if (report.rejected.length) {
    throw new ApiError(422, "import_rejected", `${report.rejected.length} line(s) rejected; nothing was imported. Fix them and import the file again.`, {
      ...report,
      dryRun,
      applied: false,
    });
  }
  const changed = report.rows
    .filter((r) => r.outcome === "inserted" || r.outcome === "updated")
    .map((r) => ({ countryId: r.countryId, year: r.year, outcome: r.outcome, tier: r.tier, waiverUsed: r.waiverUsed, before: r.before }));
  // Audited even when nothing changed: the import itself is an administrator's act.
  await commitWithAudit(
    db,
    audit,
    {
      action: "tier_history.import",
      subjectType: "tier_history_import",
      subjectId: audit.requestId ?? crypto.randomUUID(),
      details: { counts: report.counts, changed },
    },
    () => upserts(db, writes),
  );
  return { ...report, dryRun, applied: true };
}
