/**
 * The CSV import of a batch of submissions (no files: a link per row): read with the shared rules,
 * checked against what is filed and what the importer may file, and on a real run written in one
 * batch with one audit event. Either every row is accepted and all are filed, or nothing is filed
 * and every rejected row is named (422), like the users and tier-history imports.
 */
import { eq, sql } from "drizzle-orm";
import type { SubmissionImportReport } from "#shared/api/sources.ts";
import { duplicateKey, parseSubmissionsCsv } from "#shared/submissions-csv.ts";
import type { AuditContext } from "../audit/audit-log.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { today } from "../cycles/cycle-queries.ts";
import type { Database } from "../db/client.ts";
import { countries, submissions } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { canFileSubmissionFor } from "../policy/policy.ts";
import { fileSubmissionBatch } from "./submission-store.ts";

/** One D1 batch holds every row: a file larger than this is split. */
export const MAX_IMPORT_ROWS = 300;

async function existingKeys(db: Database, cycleYear: number): Promise<Set<string>> {
  const rows = await db
    .select({
      organisation: submissions.organisation,
      receivedOn: submissions.receivedOn,
      summary: submissions.summary,
      countryIds: sql<string>`(SELECT json_group_array(country_id) FROM submission_countries WHERE submission_id = ${submissions.id})`,
    })
    .from(submissions)
    .where(eq(submissions.cycleYear, cycleYear));
  return new Set(rows.map((r) => duplicateKey({ ...r, countryIds: JSON.parse(r.countryIds) as string[] })));
}

export async function importSubmissions(
  db: Database,
  audit: AuditContext,
  user: CurrentUser,
  cycleYear: number,
  csv: string,
  dryRun: boolean,
): Promise<SubmissionImportReport> {
  const known = await db.select({ id: countries.id, name: countries.name, regionCode: countries.regionCode }).from(countries);
  const parsed = parseSubmissionsCsv(csv, { countries: known, today: today(), existing: await existingKeys(db, cycleYear) });
  if (!parsed.ok)
    throw new ApiError(400, "malformed_csv", parsed.problem, { expectedHeader: "organisation,contact,received_on,countries,topics,summary,link" });
  const total = parsed.accepted.length + parsed.rejected.length;
  if (total > MAX_IMPORT_ROWS)
    throw new ApiError(400, "too_many_rows", `The file has ${total} submissions; import at most ${MAX_IMPORT_ROWS} at a time.`, { maxRows: MAX_IMPORT_ROWS });

  const regionOf = new Map(known.map((c) => [c.id, c.regionCode]));
  const accepted = [];
  const rejected = [...parsed.rejected];
  for (const row of parsed.accepted) {
    const scope = row.countryIds.map((countryId) => ({ countryId, regionCode: regionOf.get(countryId)! }));
    if (canFileSubmissionFor(user, scope)) accepted.push(row);
    else
      rejected.push({
        ...row,
        reasons: [
          `you may not file for ${row.countryIds.filter((id) => !canFileSubmissionFor(user, [{ countryId: id, regionCode: regionOf.get(id)! }])).join(", ")} (outside your region)`,
        ],
      });
  }
  rejected.sort((a, b) => a.line - b.line);
  const strip = ({ line, organisation, receivedOn, countryIds, topics, reasons }: (typeof rejected)[number]) => ({
    line,
    organisation,
    receivedOn,
    countryIds,
    topics,
    reasons,
  });
  const report: SubmissionImportReport = {
    dryRun,
    applied: false,
    counts: { accepted: accepted.length, rejected: rejected.length },
    accepted: accepted.map(strip),
    rejected: rejected.map(strip),
    created: [],
  };
  if (dryRun) return report;
  if (rejected.length)
    throw new ApiError(422, "import_rejected", `${rejected.length} row(s) rejected; nothing was filed. Fix them and import the file again.`, report);
  const created = await fileSubmissionBatch(
    db,
    audit,
    accepted.map((row) => ({ cycleYear, fields: row.fields, files: [] })),
  );
  return { ...report, applied: true, created };
}
