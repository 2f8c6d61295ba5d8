/**
 * Releasing a cycle publishes it: every document must have final clearance, then all of them move
 * to published in one batch with the release's audit event, the cycle is marked released, and the
 * tiers leadership fixed become the countries' tier history for that year.
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { commitWithAudit } from "../audit/audit-log.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { requireCycle } from "../cycles/cycle-queries.ts";
import { writeAuditCheckpoint } from "../audit/audit-checkpoints.ts";
import { database } from "../db/client.ts";
import type { Env } from "../env.ts";
import { log } from "../http/log.ts";
import { documents, reportCycles, tierHistory, tierRecommendations } from "../db/schema.ts";
import { ApiError, forbidden } from "../http/api-error.ts";
import { hasRole } from "../policy/policy.ts";

export interface ReleaseResult {
  year: number;
  published: number;
  /** The signed checkpoint of the audit chain taken at the release (or why it could not be). */
  checkpoint: { written: boolean; seq: number | null; error: string | null };
}

export async function releaseCycle(env: Env, actor: { user: CurrentUser; requestId: string | null }, year: number): Promise<ReleaseResult> {
  const db = database(env);
  if (!hasRole(actor.user, "leadership")) throw forbidden("Only leadership releases a report cycle.", { requiredRole: "leadership" });
  const cycle = await requireCycle(db, year);
  if (cycle.status === "released") throw new ApiError(409, "already_released", `The ${year} report was already released.`);
  const byState = await db
    .select({ state: documents.state, n: sql<number>`count(*)` })
    .from(documents)
    .where(eq(documents.cycleYear, year))
    .groupBy(documents.state);
  const notCleared = byState.filter((s) => s.state !== "cleared");
  if (notCleared.length) {
    const count = notCleared.reduce((a, s) => a + s.n, 0);
    throw new ApiError(409, "not_all_cleared", `${count} document(s) of the ${year} report have no final clearance yet; the report is released only when every document is cleared.`, {
      byState: Object.fromEntries(notCleared.map((s) => [s.state, s.n])),
    });
  }
  const published = byState.find((s) => s.state === "cleared")?.n ?? 0;
  const at = new Date().toISOString();
  await commitWithAudit(
    db,
    { actor: { id: actor.user.id, email: actor.user.email }, requestId: actor.requestId },
    { action: "cycle.release", subjectType: "cycle", subjectId: String(year), details: { published } },
    () => [
      db
        .update(documents)
        .set({ state: "published", version: sql`${documents.version} + 1`, updatedAt: at })
        .where(and(eq(documents.cycleYear, year), eq(documents.state, "cleared"))),
      db.update(reportCycles).set({ status: "released", updatedAt: at }).where(eq(reportCycles.year, year)),
      // The released tiers become the countries' history, which next year's statute checks read.
      db
        .insert(tierHistory)
        .select(
          db
            .select({
              countryId: sql<string>`${documents.countryId}`.as("country_id"),
              reportYear: documents.cycleYear,
              tier: tierRecommendations.tier,
              waiverUsed: sql<boolean>`${tierRecommendations.tier} = 'tier2wl' AND coalesce(json_extract(${tierRecommendations.flags}, '$.waiverRequested'), 0) = 1`.as("waiver_used"),
              note: sql<string | null>`NULL`.as("note"),
              source: sql<"release">`'release'`.as("source"),
            })
            .from(documents)
            .innerJoin(tierRecommendations, and(eq(tierRecommendations.documentId, documents.id), eq(tierRecommendations.status, "final")))
            .where(and(eq(documents.cycleYear, year), isNotNull(documents.countryId))),
        )
        .onConflictDoUpdate({
          target: [tierHistory.countryId, tierHistory.reportYear],
          set: { tier: sql`excluded.tier`, waiverUsed: sql`excluded.waiver_used`, source: "release" },
        }),
    ],
  );
  // The release is committed either way; a failed checkpoint is reported, logged, and retried by the hourly one.
  const checkpoint = await writeAuditCheckpoint(env, { reason: "release" }).then(
    (r) => ({ written: r.written, seq: r.checkpoint?.seq ?? null, error: null }),
    (error: unknown) => {
      log("error", "release checkpoint could not be written", { year, error: String(error) });
      return { written: false, seq: null, error: String((error as Error)?.message ?? error) };
    },
  );
  return { year, published, checkpoint };
}
