/**
 * Opening a report cycle, as SQL: the cycle, its default clearance lists, one narrative per
 * country and one document per report section, each starting from the previous published
 * edition's text for the same country or section when there is one. Everything else is read by
 * the statements themselves (countries, the previous edition), so the same text serves the API
 * (`POST /api/cycles`), the admin command (`npm run cycle:open`, through `wrangler d1 execute`)
 * and the demo seed.
 *
 * Document ids follow shared/documents.ts: `<year>-<country id>` and `<year>-section-<key>`.
 */
import { STANDARD_CLEARANCE_DEFAULTS } from "#shared/clearance.ts";
import { reportingPeriod, type CycleMilestones, type CycleStatus } from "#shared/cycles.ts";
import { REPORT_SECTIONS } from "#shared/report-sections.ts";
import { insert, sqlValue } from "../db/seed/sql-text.ts";

export interface OpenCycleOptions {
  year: number;
  milestones: CycleMilestones;
  status: CycleStatus;
  /**
   * `new`: the cycle row must not exist yet (the API and the command: the batch fails on a second
   * open). `idempotent`: every statement does nothing where its row exists (the seed).
   */
  mode: "new" | "idempotent";
  /** False: the cycle and its clearance lists only (an imported edition brings its own documents). */
  documents?: boolean;
}

export interface OpenCycleRefusal {
  code: "cycle_exists" | "not_next_cycle" | "previous_not_released";
  message: string;
  details: Record<string, unknown>;
}

/**
 * Why `year` cannot be opened, given the cycles there are: it exists; it is not after the newest
 * (an older year would not become the current cycle); the newest is not released yet (one cycle at
 * a time, and it must have its published text to carry forward). A first cycle is always allowed.
 */
export function openCycleRefusal(year: number, cycles: readonly { year: number; status: string }[]): OpenCycleRefusal | null {
  if (cycles.some((c) => c.year === year)) return { code: "cycle_exists", message: `The ${year} report cycle is already open.`, details: { year } };
  const newest = [...cycles].sort((a, b) => b.year - a.year)[0];
  if (newest && newest.year > year)
    return { code: "not_next_cycle", message: `The ${newest.year} cycle is newer: only a year after it can be opened.`, details: { newest: newest.year } };
  if (newest && newest.status !== "released") {
    return {
      code: "previous_not_released",
      message: `The ${newest.year} report is not released yet: the ${year} cycle opens from its published text once it is.`,
      details: { previous: newest.year, status: newest.status },
    };
  }
  return null;
}

/** The edition a cycle starts from: the newest published edition of an earlier year (SQL expression). */
export const previousEditionYear = (year: number) => `(SELECT MAX(cycle_year) FROM published_editions WHERE cycle_year < ${year})`;
/** The cycle before it, whose default clearance lists it copies (SQL expression). */
const previousCycleYear = (year: number) => `(SELECT MAX(year) FROM report_cycles WHERE year < ${year})`;

export function openCycleStatements(options: OpenCycleOptions): string[] {
  const { year, milestones, status } = options;
  if (!Number.isInteger(year)) throw new Error(`not a year: ${year}`);
  const period = reportingPeriod(year);
  const statements: string[] = [];
  statements.push(
    insert(
      "report_cycles",
      {
        year,
        period_start: period.start,
        period_end: period.end,
        drafting_due: milestones.draftingDue,
        review_due: milestones.reviewDue,
        clearance_due: milestones.clearanceDue,
        final_clearance_due: milestones.finalClearanceDue,
        release_date: milestones.releaseDate,
        status,
      },
      options.mode === "new" ? "" : "ON CONFLICT DO NOTHING",
    ),
  );

  // The previous cycle's default lists; the standard ones when it has none (or there is none).
  statements.push(
    `INSERT INTO clearance_defaults (cycle_year, document_kind, office, mode) SELECT ${year}, document_kind, office, mode FROM clearance_defaults WHERE cycle_year = ${previousCycleYear(year)} ON CONFLICT DO NOTHING;`,
  );
  const standard = Object.entries(STANDARD_CLEARANCE_DEFAULTS).flatMap(([kind, list]) =>
    list.map((d) => `(${sqlValue(kind)}, ${sqlValue(d.office)}, ${sqlValue(d.mode)})`),
  );
  statements.push(
    `INSERT INTO clearance_defaults (cycle_year, document_kind, office, mode) SELECT ${year}, column1, column2, column3 FROM (VALUES ${standard.join(", ")}) ` +
      `WHERE NOT EXISTS (SELECT 1 FROM clearance_defaults WHERE cycle_year = ${previousCycleYear(year)}) ON CONFLICT DO NOTHING;`,
  );

  if (options.documents === false) return statements;

  // The previous edition's entries, by country and by section.
  const edition = `SELECT d.country_id, d.section_key, e.document_id, e.snapshot_hash FROM published_edition_documents e JOIN documents d ON d.id = e.document_id WHERE e.cycle_year = ${previousEditionYear(year)}`;
  statements.push(
    `INSERT INTO documents (id, cycle_year, kind, country_id, title, state, sort_order, starting_document_id, starting_snapshot_hash) ` +
      `SELECT '${year}-' || c.id, ${year}, 'country_narrative', c.id, c.name, 'drafting', ROW_NUMBER() OVER (ORDER BY c.name) - 1, p.document_id, p.snapshot_hash ` +
      `FROM countries c LEFT JOIN (${edition} AND d.country_id IS NOT NULL) p ON p.country_id = c.id WHERE true ON CONFLICT DO NOTHING;`,
  );
  const sections = REPORT_SECTIONS.map((s, i) => `(${sqlValue(s.key)}, ${sqlValue(s.title)}, ${i})`);
  statements.push(
    `INSERT INTO documents (id, cycle_year, kind, section_key, title, state, sort_order, starting_document_id, starting_snapshot_hash) ` +
      `SELECT '${year}-section-' || s.column1, ${year}, 'report_section', s.column1, s.column2, 'drafting', s.column3, p.document_id, p.snapshot_hash ` +
      `FROM (VALUES ${sections.join(", ")}) s LEFT JOIN (${edition} AND d.section_key IS NOT NULL) p ON p.section_key = s.column1 WHERE true ON CONFLICT DO NOTHING;`,
  );
  return statements;
}
