/**
 * The cycle's law-enforcement data as the report's tables print it: this cycle's reporting year
 * summed from the narratives' figures (per region and global, with how many countries reported),
 * and the earlier years from the published tables, each checked for regions that do not add up.
 * The narratives' figures are pre-decisional: only the narratives the caller may read are summed
 * (the policy's `canReadDocument`, as the placement tables), and `partial` says when some are left out.
 */
import { and, asc, eq } from "drizzle-orm";
import { checkPublishedYear, FIGURE_FIELD_KEYS, sumByRegion, type Figures, type PublishedRow } from "#shared/law-enforcement.ts";
import { REGIONS, type RegionCode } from "#shared/regions.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import type { Database } from "../db/client.ts";
import { countries, documents, lawEnforcementFigures, lawEnforcementTables } from "../db/schema.ts";
import { canReadDocument } from "../policy/policy.ts";
import { requireCycle } from "./cycle-queries.ts";

const regionName = (code: RegionCode) => REGIONS.find((r) => r.code === code)!.name;

export async function lawEnforcementData(db: Database, cycleYear: number, user: CurrentUser) {
  await requireCycle(db, cycleYear);
  // The cycle Y report covers the government efforts of year Y - 1.
  const reportingYear = cycleYear - 1;

  const narratives = await db
    .select({
      id: documents.id,
      kind: documents.kind,
      state: documents.state,
      countryId: documents.countryId,
      regionCode: countries.regionCode,
      figures: lawEnforcementFigures,
    })
    .from(documents)
    .innerJoin(countries, eq(countries.id, documents.countryId))
    .leftJoin(lawEnforcementFigures, eq(lawEnforcementFigures.documentId, documents.id))
    .where(and(eq(documents.cycleYear, cycleYear), eq(documents.kind, "country_narrative")));
  const visible = narratives.filter((n) => canReadDocument(user, n));
  const hidden = narratives.length - visible.length;
  const sums = sumByRegion(
    visible.map((n) => ({
      regionCode: n.regionCode,
      figures: n.figures ? (Object.fromEntries(FIGURE_FIELD_KEYS.map((k) => [k, n.figures![k]])) as Figures) : null,
    })),
  );

  const tableRows = await db.select().from(lawEnforcementTables).orderBy(asc(lawEnforcementTables.year));
  const years = [...new Set(tableRows.map((r) => r.year))].filter((y) => y < reportingYear).sort((a, b) => b - a);
  const published = years.map((year) => {
    const rows: PublishedRow[] = tableRows
      .filter((r) => r.year === year)
      .map((r) => ({
        scope: r.scope as PublishedRow["scope"],
        values: {
          prosecutions: r.prosecutions,
          prosecutionsLabor: r.prosecutionsLabor,
          convictions: r.convictions,
          convictionsLabor: r.convictionsLabor,
          victimsIdentified: r.victimsIdentified,
          victimsIdentifiedLabor: r.victimsIdentifiedLabor,
          newOrAmendedLaws: r.newOrAmendedLegislation,
        },
        note: r.note,
      }));
    const check = checkPublishedYear(year, rows);
    return { ...check, regions: check.regions.map((r) => ({ ...r, regionName: regionName(r.regionCode) })) };
  });

  return {
    cycleYear,
    reportingYear,
    /** True when some of the cycle's narratives are not visible to the caller and are left out of the sums. */
    partial: hidden > 0,
    hiddenCountries: hidden,
    current: {
      year: reportingYear,
      global: sums.global,
      regions: sums.regions.map((r) => ({ ...r, regionName: regionName(r.regionCode) })),
    },
    published,
  };
}
