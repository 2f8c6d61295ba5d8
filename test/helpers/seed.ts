import { env } from "cloudflare:workers";
import lawEnforcementCsv from "#shared/data/tip-2024-law-enforcement-data.csv?raw";
import reportText from "#shared/data/tip-2024-report.txt?raw";
import rfiText from "#shared/data/tip-2024-rfi.txt?raw";
import placementsCsv from "#shared/data/tip-2024-tier-placements.csv?raw";
import { buildSeedStatements } from "../../worker/db/seed/seed-sql.ts";

export const TEST_CYCLE_YEAR = 2025;

/** The same loader `npm start` and `npm run db:seed` run, applied to the test D1. */
export async function loadSeed(loadedOn = new Date().toISOString().slice(0, 10)): Promise<void> {
  const statements = buildSeedStatements({
    placementsCsv,
    lawEnforcementCsv,
    reportText,
    rfiText,
    placementsYear: 2024,
    cycleYear: TEST_CYCLE_YEAR,
    loadedOn,
    includeDemoUsers: true,
  });
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
}
