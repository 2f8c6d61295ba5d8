/**
 * Builds the reference-data load as plain SQL, so the same statements run through
 * `wrangler d1 execute` (local or --remote) and inside tests. Every statement is idempotent
 * (ON CONFLICT DO NOTHING): a second load adds nothing and changes nothing already there,
 * including a cycle's milestones once an admin has set them.
 */
import Papa from "papaparse";
import { demoMilestones } from "#shared/cycles.ts";
import { slugify } from "#shared/documents.ts";
import { REGIONS, isRegionCode } from "#shared/regions.ts";
import { CLEARING_OFFICES, grantKey } from "#shared/roles.ts";
import { tierFromLabel } from "#shared/tiers.ts";
import { openCycleStatements } from "../../cycles/open-cycle-sql.ts";
import { demoSourceStatements, rfiStatements } from "./demo-sources.ts";
import { DEMO_USERS } from "./demo-users.ts";
import { importedEdition, importedEditionStatements } from "./imported-edition.ts";
import { insert } from "./sql-text.ts";

export interface SeedOptions {
  /** `tip-2024-tier-placements.csv` as text. */
  placementsCsv: string;
  /** `tip-2024-law-enforcement-data.csv` as text: the report's global and regional tables of earlier years. */
  lawEnforcementCsv: string;
  /** `tip-2024-report.txt`: the 2024 report's front matter and chapters, loaded as the published 2024 edition. */
  reportText: string;
  /** `tip-2024-rfi.txt`: the 2024 request for information, the notice of the cycle's request. */
  rfiText: string;
  /** The report year of the placements file. */
  placementsYear: number;
  /** The cycle to open (the report after the placements). */
  cycleYear: number;
  /** YYYY-MM-DD the demo is loaded on; milestones are placed relative to it. */
  loadedOn: string;
  includeDemoUsers: boolean;
}

export interface PlacementRow {
  country: string;
  countryId: string;
  regionCode: string;
  tier: string;
  note: string;
}

export function parsePlacements(csv: string): PlacementRow[] {
  const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`placements CSV: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  return parsed.data.map((r, i) => {
    const regionCode = r.region_code ?? "";
    const tier = tierFromLabel(r.tier_2024 ?? "");
    if (!r.country || !isRegionCode(regionCode) || !tier)
      throw new Error(`placements CSV row ${i + 2} is not a country, region and tier: ${JSON.stringify(r)}`);
    return { country: r.country, countryId: slugify(r.country), regionCode, tier, note: r.note ?? "" };
  });
}

const LAW_ENFORCEMENT_COLUMNS = [
  "prosecutions",
  "prosecutions_labor",
  "convictions",
  "convictions_labor",
  "victims_identified",
  "victims_identified_labor",
  "new_or_amended_legislation",
] as const;

export function parseLawEnforcementTables(csv: string): Record<string, string | number | null>[] {
  const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`law-enforcement CSV: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  return parsed.data.map((r, i) => {
    const scope = r.scope ?? "";
    const year = Number(r.year);
    if (!(scope === "GLOBAL" || isRegionCode(scope)) || !Number.isInteger(year))
      throw new Error(`law-enforcement CSV row ${i + 2} has no scope and year: ${JSON.stringify(r)}`);
    const row: Record<string, string | number | null> = { scope, year, note: r.note || null };
    for (const column of LAW_ENFORCEMENT_COLUMNS) {
      const value = Number(r[column]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`law-enforcement CSV row ${i + 2}: ${column} is not a count`);
      row[column] = value;
    }
    return row;
  });
}

export function buildSeedStatements(options: SeedOptions): string[] {
  const placements = parsePlacements(options.placementsCsv);
  const statements: string[] = [];

  REGIONS.forEach((region, i) => statements.push(insert("regions", { code: region.code, name: region.name, sort_order: i })));
  for (const office of CLEARING_OFFICES) statements.push(insert("clearing_offices", { code: office.code, name: office.name }));

  for (const p of placements) {
    statements.push(insert("countries", { id: p.countryId, name: p.country, region_code: p.regionCode }));
    statements.push(
      insert("tier_history", {
        country_id: p.countryId,
        report_year: options.placementsYear,
        tier: p.tier,
        waiver_used: false,
        note: p.note || null,
      }),
    );
  }

  for (const row of parseLawEnforcementTables(options.lawEnforcementCsv))
    statements.push(insert("law_enforcement_tables", row as Record<string, string | number | null>));

  // Last year's report as a published edition; the new cycle's documents start from it.
  statements.push(...importedEditionStatements(importedEdition(options.reportText)));
  statements.push(...openCycleStatements({ year: options.cycleYear, milestones: demoMilestones(options.loadedOn), status: "drafting", mode: "idempotent" }));
  statements.push(...rfiStatements(options.cycleYear, options.loadedOn, options.rfiText));

  if (options.includeDemoUsers) {
    for (const user of DEMO_USERS) {
      statements.push(insert("users", { id: user.id, email: user.email, name: user.name, active: true }));
      user.grants.forEach((g, i) =>
        statements.push(
          insert("role_assignments", {
            id: `${user.id}-grant-${i}`,
            user_id: user.id,
            role: g.role,
            scope_type: g.scopeType,
            region_code: g.regionCode ?? null,
            country_id: g.countryId ?? null,
            office_code: g.officeCode ?? null,
            grant_key: grantKey(g),
          }),
        ),
      );
    }
    // Filed by the demo admin, so after the users.
    statements.push(...demoSourceStatements(options.cycleYear, options.loadedOn, "demo-admin"));
  }
  return statements;
}
