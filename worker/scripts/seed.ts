/**
 * Loads the reference data: regions, countries, 2024 tiers, the 2024 report as a published edition,
 * the 2025 cycle and its documents (its report sections starting from the 2024 text).
 *   npm run db:seed                 local D1, with demo users (what `npm start` runs)
 *   npm run db:seed -- --remote     the real D1 (wrangler.toml's database_id), without demo users
 * Idempotent: running it again adds and changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSeedStatements } from "../db/seed/seed-sql.ts";
import { ROOT, targetFlag, wrangler } from "./wrangler.ts";

export function seed(argv: string[]): void {
  const target = targetFlag(argv);
  const includeDemoUsers = target === "--local" && !argv.includes("--no-demo-users");
  const statements = buildSeedStatements({
    placementsCsv: readFileSync(join(ROOT, "shared/data/tip-2024-tier-placements.csv"), "utf8"),
    lawEnforcementCsv: readFileSync(join(ROOT, "shared/data/tip-2024-law-enforcement-data.csv"), "utf8"),
    reportText: readFileSync(join(ROOT, "shared/data/tip-2024-report.txt"), "utf8"),
    rfiText: readFileSync(join(ROOT, "shared/data/tip-2024-rfi.txt"), "utf8"),
    placementsYear: 2024,
    cycleYear: 2025,
    loadedOn: new Date().toISOString().slice(0, 10),
    includeDemoUsers,
  });
  const dir = mkdtempSync(join(tmpdir(), "tip-seed-"));
  const file = join(dir, "seed.sql");
  writeFileSync(file, `${statements.join("\n")}\n`);
  try {
    const persistAt = argv.indexOf("--persist-to");
    const persist = persistAt >= 0 && argv[persistAt + 1] ? ["--persist-to", argv[persistAt + 1]!] : [];
    wrangler(["d1", "execute", "DB", target, ...persist, `--file=${file}`, "--yes"], { quiet: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `Loaded reference data (${statements.length} idempotent statements) into the ${target.slice(2)} D1${includeDemoUsers ? ", with demo users" : ""}.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) seed(process.argv.slice(2));
