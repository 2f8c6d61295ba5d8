/**
 * A narrative of its own for one test: a new country in a region, and its narrative in the test
 * cycle, so no test reserves a seeded country by convention ("Bahrain is mine") and no other test
 * can move it. The region's demo drafter, reviewer and bureau clearer act on it as on any other.
 */
import { env } from "cloudflare:workers";
import { countryDocumentId } from "#shared/documents.ts";
import type { RegionCode } from "#shared/regions.ts";
import type { TierCode } from "#shared/tiers.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";
import { TEST_CYCLE_YEAR } from "./seed.ts";

export interface FreshNarrative {
  /** The document id, `2025-fresh-…`. */
  id: string;
  countryId: string;
  /** The country's (and the document's) name, unique in the database. */
  name: string;
  regionCode: RegionCode;
}

export interface FreshNarrativeOptions {
  region?: RegionCode;
  state?: WorkflowState;
  /** The country's tier in the previous report (the seeded countries all have one). */
  previousTier?: TierCode;
  /** Position in the report's order; by default after every seeded narrative. */
  sortOrder?: number;
  /** Words in the id and name, to tell the test's documents apart. */
  label?: string;
}

let made = 0;

export async function freshNarrative(options: FreshNarrativeOptions = {}): Promise<FreshNarrative> {
  const regionCode = options.region ?? "NEA";
  const label = (options.label ?? "narrative").toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const unique = `${++made}-${crypto.randomUUID().slice(0, 8)}`;
  const countryId = `fresh-${label}-${unique}`;
  const name = `Fresh ${label} ${unique}`;
  const id = countryDocumentId(TEST_CYCLE_YEAR, countryId);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO countries (id, name, region_code) VALUES (?, ?, ?)").bind(countryId, name, regionCode),
    env.DB.prepare("INSERT INTO tier_history (country_id, report_year, tier) VALUES (?, ?, ?)").bind(countryId, TEST_CYCLE_YEAR - 1, options.previousTier ?? "tier2"),
    env.DB.prepare("INSERT INTO documents (id, cycle_year, kind, country_id, title, state, sort_order) VALUES (?, ?, 'country_narrative', ?, ?, ?, ?)").bind(
      id,
      TEST_CYCLE_YEAR,
      countryId,
      name,
      options.state ?? "drafting",
      options.sortOrder ?? 100_000 + made,
    ),
  ]);
  return { id, countryId, name, regionCode };
}
