/**
 * Which countries have submissions: per region, every country the caller may see with its count,
 * and those with none yet (what leadership checks before the deadline).
 */
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { SourceCoverage } from "#shared/api/sources.ts";
import { daysUntil } from "#shared/sources.ts";
import { today } from "../cycles/cycle-queries.ts";
import type { Database } from "../db/client.ts";
import { countries, regions, requestsForInformation, submissions } from "../db/schema.ts";
import type { ListScope } from "../policy/policy.ts";
import { visibleCondition } from "./submission-queries.ts";

export async function sourceCoverage(db: Database, cycleYear: number, visible: ListScope): Promise<SourceCoverage> {
  const inScope = visible.all
    ? undefined
    : (or(
        visible.regionCodes.length ? inArray(countries.regionCode, visible.regionCodes) : undefined,
        visible.countryIds.length ? inArray(countries.id, visible.countryIds) : undefined,
      ) ?? sql`0`);
  const rows = await db
    .select({
      id: countries.id,
      name: countries.name,
      regionCode: regions.code,
      regionName: regions.name,
      submissions: sql<number>`(SELECT count(*) FROM submission_countries sc JOIN submissions s ON s.id = sc.submission_id WHERE sc.country_id = ${countries.id} AND s.cycle_year = ${cycleYear})`,
    })
    .from(countries)
    .innerJoin(regions, eq(regions.code, countries.regionCode))
    .where(inScope)
    .orderBy(asc(regions.sortOrder), asc(countries.name));
  const rfi = await db
    .select({ deadline: requestsForInformation.deadline })
    .from(requestsForInformation)
    .where(eq(requestsForInformation.cycleYear, cycleYear))
    .get();
  const total = await db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .where(and(eq(submissions.cycleYear, cycleYear), visibleCondition(visible)))
    .get();
  const byRegion = new Map<string, SourceCoverage["regions"][number]>();
  for (const r of rows) {
    let region = byRegion.get(r.regionCode);
    if (!region) byRegion.set(r.regionCode, (region = { code: r.regionCode, name: r.regionName, countries: 0, covered: 0, without: [], counts: [] }));
    const n = Number(r.submissions);
    region.countries++;
    if (n > 0) region.covered++;
    else region.without.push({ id: r.id, name: r.name });
    region.counts.push({ id: r.id, name: r.name, submissions: n });
  }
  for (const region of byRegion.values()) region.counts.sort((a, b) => b.submissions - a.submissions || a.name.localeCompare(b.name));
  return {
    cycleYear,
    deadline: rfi?.deadline ?? null,
    daysLeft: rfi ? daysUntil(rfi.deadline, today()) : null,
    totalSubmissions: Number(total?.n ?? 0),
    regions: [...byRegion.values()],
  };
}
