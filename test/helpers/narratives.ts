/**
 * A narrative of its own for one test: a new country in a region, and its narrative in the test
 * cycle, so no test reserves a seeded country by convention ("Bahrain is mine") and no other test
 * can move it. The region's demo drafter, reviewer and bureau clearer act on it as on any other.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { countryDocumentId } from "#shared/documents.ts";
import type { RegionCode } from "#shared/regions.ts";
import type { TierCode } from "#shared/tiers.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";
import { AS } from "./api.ts";
import { RoomClient, waitFor } from "./room-client.ts";
import { TEST_CYCLE_YEAR } from "./seed.ts";
import { actOk, approveTier } from "./workflow.ts";

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
    env.DB.prepare("INSERT INTO tier_history (country_id, report_year, tier) VALUES (?, ?, ?)").bind(
      countryId,
      TEST_CYCLE_YEAR - 1,
      options.previousTier ?? "tier2",
    ),
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

/**
 * A fresh NEA narrative taken into clearance the way people do it: the drafter types `drafted` and
 * submits, the reviewer adds `reviewed` and approves (a tier approved first). Returns the two
 * recorded texts' hashes.
 */
export async function narrativeInClearance(
  drafted: string,
  reviewed: string,
  label = "clearance",
): Promise<FreshNarrative & { submitted: string; approved: string }> {
  const narrative = await freshNarrative({ label });
  await typeAndSave(AS.drafterNEA, narrative.id, drafted);
  await approveTier(narrative.id, AS.drafterNEA, AS.reviewerNEA);
  const submitted = (await actOk(AS.drafterNEA, narrative.id, "submit")).textHash!;
  await typeAndSave(AS.reviewerNEA, narrative.id, reviewed);
  const approved = (await actOk(AS.reviewerNEA, narrative.id, "approve")).textHash!;
  return { ...narrative, submitted, approved };
}

/** Types at the end of the summary as `userId` and waits until the room has answered every update. */
export async function typeAndSave(userId: string, documentId: string, text: string): Promise<void> {
  const client = await RoomClient.open(userId, documentId);
  try {
    client.type("summary", text);
    await waitFor(() => client.answers().length === client.updateMessagesSent, `${userId} saved in ${documentId}`);
    expect(
      client.answers().every((n) => n.type === "saved"),
      `${userId} may type in ${documentId}`,
    ).toBe(true);
  } finally {
    client.close();
  }
}
