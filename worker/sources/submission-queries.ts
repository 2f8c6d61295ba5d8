/**
 * Reads of submissions with what every view shows beside them (countries, files, who filed it),
 * limited to what the caller may see: a submission is visible when one of its countries is
 * (policy.ts canReadSubmission; the SQL here is the same rule over a ListScope).
 */
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Submission } from "#shared/api/sources.ts";
import { citationLabel, type SourceTopic } from "#shared/sources.ts";
import type { Database } from "../db/client.ts";
import { ApiError } from "../http/api-error.ts";
import { countries, submissionCountries, submissions, users } from "../db/schema.ts";
import type { ListScope, SubmissionScope } from "../policy/policy.ts";

/** SQL: the submission concerns at least one country inside `scope`. */
export function visibleCondition(scope: ListScope): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.regionCodes.length) parts.push(inArray(countries.regionCode, scope.regionCodes));
  if (scope.countryIds.length) parts.push(inArray(countries.id, scope.countryIds));
  if (!parts.length) return sql`0`;
  return sql`EXISTS (SELECT 1 FROM ${submissionCountries} JOIN ${countries} ON ${countries.id} = ${submissionCountries.countryId} WHERE ${submissionCountries.submissionId} = ${submissions.id} AND (${or(...parts)}))`;
}

const countriesJson = sql<string>`(SELECT json_group_array(json_object('id', c.id, 'name', c.name, 'regionCode', c.region_code)) FROM (SELECT c.id, c.name, c.region_code FROM submission_countries sc JOIN countries c ON c.id = sc.country_id WHERE sc.submission_id = ${submissions.id} ORDER BY c.name) c)`;
const filesJson = sql<string>`(SELECT json_group_array(json_object('id', f.id, 'fileName', f.file_name, 'contentType', f.content_type, 'bytes', f.bytes, 'sha256', f.sha256)) FROM (SELECT * FROM submission_files f WHERE f.submission_id = ${submissions.id} ORDER BY f.position) f)`;

const columns = {
  id: submissions.id,
  cycleYear: submissions.cycleYear,
  organisation: submissions.organisation,
  contact: submissions.contact,
  receivedOn: submissions.receivedOn,
  topics: submissions.topics,
  summary: submissions.summary,
  link: submissions.link,
  filedAt: submissions.filedAt,
  filedById: submissions.filedBy,
  filedByName: users.name,
  countries: countriesJson,
  files: filesJson,
};

type Row = { [K in keyof typeof columns]: unknown } & { id: string; topics: string[] };

function toSubmission(row: Row): Submission {
  const files = JSON.parse(String(row.files)) as Omit<Submission["files"][number], "href">[];
  const organisation = String(row.organisation);
  const receivedOn = String(row.receivedOn);
  return {
    id: row.id,
    cycleYear: Number(row.cycleYear),
    organisation,
    contact: String(row.contact),
    receivedOn,
    countries: JSON.parse(String(row.countries)),
    topics: row.topics as SourceTopic[],
    summary: String(row.summary),
    link: (row.link as string | null) ?? null,
    files: files.map((f) => ({ ...f, href: `/api/submissions/${row.id}/files/${f.id}` })),
    filedBy: { id: String(row.filedById), name: String(row.filedByName ?? row.filedById) },
    filedAt: String(row.filedAt),
    citationLabel: citationLabel({ organisation, receivedOn }),
  };
}

export interface SubmissionFilters {
  cycleYear: number;
  visible: ListScope;
  countryId?: string;
  topic?: SourceTopic;
  limit?: number;
  offset?: number;
}

/** Newest first (received date, then filing time). */
export async function listSubmissions(db: Database, filters: SubmissionFilters): Promise<{ submissions: Submission[]; total: number }> {
  const where = and(
    eq(submissions.cycleYear, filters.cycleYear),
    visibleCondition(filters.visible),
    filters.countryId
      ? sql`EXISTS (SELECT 1 FROM ${submissionCountries} WHERE ${submissionCountries.submissionId} = ${submissions.id} AND ${submissionCountries.countryId} = ${filters.countryId})`
      : undefined,
    filters.topic ? sql`EXISTS (SELECT 1 FROM json_each(${submissions.topics}) WHERE value = ${filters.topic})` : undefined,
  );
  const [rows, count] = await Promise.all([
    db
      .select(columns)
      .from(submissions)
      .leftJoin(users, eq(users.id, submissions.filedBy))
      .where(where)
      .orderBy(desc(submissions.receivedOn), desc(submissions.filedAt), desc(submissions.id))
      .limit(filters.limit ?? 100)
      .offset(filters.offset ?? 0),
    db.select({ n: sql<number>`count(*)` }).from(submissions).where(where).get(),
  ]);
  return { submissions: (rows as Row[]).map(toSubmission), total: Number(count?.n ?? 0) };
}

export async function findSubmission(db: Database, id: string): Promise<Submission | undefined> {
  const row = await db.select(columns).from(submissions).leftJoin(users, eq(users.id, submissions.filedBy)).where(eq(submissions.id, id)).get();
  return row ? toSubmission(row as Row) : undefined;
}

/** The countries a submission concerns, as the policy asks about them. */
export const scopeOf = (submission: Pick<Submission, "countries">): SubmissionScope =>
  submission.countries.map((c) => ({ countryId: c.id, regionCode: c.regionCode }));

/** The named countries as they are stored (id, name, region), in the order given; unknown ids are left out. */
export async function countriesById(db: Database, ids: readonly string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: countries.id, name: countries.name, regionCode: countries.regionCode })
    .from(countries)
    .where(inArray(countries.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The named countries as the policy asks about them; 400 `unknown_country` naming any id that does not exist. */
export async function namedCountriesScope(db: Database, ids: readonly string[]): Promise<SubmissionScope> {
  const known = await countriesById(db, ids);
  const unknown = ids.filter((id) => !known.some((k) => k.id === id));
  if (unknown.length) throw new ApiError(400, "unknown_country", `No such country: ${unknown.join(", ")}. Use the ids of the countries list.`, { unknown });
  return known.map((k) => ({ countryId: k.id, regionCode: k.regionCode }));
}
