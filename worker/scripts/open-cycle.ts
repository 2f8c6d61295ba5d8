/**
 * Opens a report cycle, as `POST /api/cycles` does, straight in D1 (an operator command):
 *   npm run cycle:open -- 2026 [--remote]
 * Same refusals (the year exists, is older than the newest cycle, or the newest is not released)
 * and the same statements (worker/cycles/open-cycle-sql.ts), with a `cycle.open` audit event
 * chained onto the trail's head; all of it in one file run by `wrangler d1 execute`. Each document
 * starts from the previous published edition's text, imported by its room on first open.
 * Set the real dates afterwards with `npm run cycle:set`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { getTableColumns } from "drizzle-orm";
import { standardMilestones } from "#shared/cycles.ts";
import { auditEventFields, GENESIS_HASH, hashAuditEvent } from "../audit/audit-event.ts";
import { openCycleRefusal, openCycleStatements, previousEditionYear } from "../cycles/open-cycle-sql.ts";
import { auditEvents } from "../db/schema.ts";
import { insert, type SqlScalar } from "../db/seed/sql-text.ts";
import { targetFlag, wrangler } from "./wrangler.ts";

function fail(message: string): never {
  console.error(`cycle:open: ${message}`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const year = Number(argv.find((a) => /^\d{4}$/.test(a)));
if (!Number.isInteger(year) || year < 2000 || year > 2100) fail("give the year to open, e.g. npm run cycle:open -- 2026 [--remote]");
const target = targetFlag(argv);

function query<T>(sql: string): T[] {
  const out = wrangler(["d1", "execute", "DB", target, "--json", `--command=${sql}`], { quiet: true });
  return ((JSON.parse(out) as { results?: T[] }[])[0]?.results ?? []) as T[];
}

const refusal = openCycleRefusal(year, query<{ year: number; status: string }>("SELECT year, status FROM report_cycles"));
if (refusal) fail(refusal.message);

const milestones = standardMilestones(year);
const fromEdition = query<{ year: number | null }>(`SELECT ${previousEditionYear(year)} AS year`)[0]?.year ?? null;
const head = query<{ hash: string }>("SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1")[0]?.hash ?? GENESIS_HASH;
const event = auditEventFields(
  { actor: { id: null, email: null }, requestId: null },
  {
    action: "cycle.open",
    subjectType: "cycle",
    subjectId: String(year),
    details: { milestones, fromEdition, via: "npm run cycle:open", operator: userInfo().username },
  },
);
const hash = await hashAuditEvent(head, event);
// prev_hash is UNIQUE: if anything extended the chain since it was read, the file fails and nothing is opened.
const row: Record<string, SqlScalar> = {};
for (const [key, column] of Object.entries(getTableColumns(auditEvents))) {
  if (key === "seq") continue;
  const value = key === "prevHash" ? head : key === "hash" ? hash : (event as Record<string, unknown>)[key];
  row[column.name] = key === "details" ? JSON.stringify(value) : ((value ?? null) as SqlScalar);
}

const dir = mkdtempSync(join(tmpdir(), "tip-cycle-open-"));
const file = join(dir, "open-cycle.sql");
writeFileSync(file, `${[...openCycleStatements({ year, milestones, status: "drafting", mode: "new" }), insert("audit_events", row, "")].join("\n")}\n`);
try {
  wrangler(["d1", "execute", "DB", target, `--file=${file}`, "--yes"], { quiet: true });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const [counts] = query<{ documents: number; carried: number }>(
  `SELECT (SELECT COUNT(*) FROM documents WHERE cycle_year = ${year}) AS documents, (SELECT COUNT(*) FROM documents WHERE cycle_year = ${year} AND starting_snapshot_hash IS NOT NULL) AS carried`,
);
console.log(
  `Opened the ${year} cycle in the ${target.slice(2)} D1: ${counts?.documents ?? 0} documents, ${counts?.carried ?? 0} starting from the ${fromEdition ?? "(no)"} published edition. ` +
    `Release due ${milestones.releaseDate}; set the real dates with npm run cycle:set.`,
);
