/**
 * Releasing a cycle publishes it and freezes the edition. Every document must have final
 * clearance (else 409 naming what blocks it, in report order). Each document's cleared text is the
 * snapshot final clearance recorded (`documents.text_hash`, bound since approval; the room is
 * locked since then, and its text must still hash to it). The manifest lists them in report order
 * with their final tiers; its SHA-256 over canonical JSON is the edition's hash.
 *
 * One D1 batch holds the edition, its rows, the documents' move to published, the cycle's status,
 * the tier history and the audit event (whose details carry the manifest hash); each edition row
 * reads the document's hash back under the condition that it is still cleared with that text, so
 * a reopen racing the release makes the whole batch fail. Then a signed audit checkpoint names the
 * edition (always written, even for a head already checkpointed). Triggers (migration 0011) keep
 * the edition and the recorded texts it points at from ever changing.
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { buildManifest, manifestHash, reportOrder } from "#shared/edition-manifest.ts";
import type { TierCode } from "#shared/tiers.ts";
import { workflowStateLabel } from "#shared/workflow-states.ts";
import { commitWithAudit } from "../audit/audit-log.ts";
import { editionCheckpoints, writeAuditCheckpoint } from "../audit/audit-checkpoints.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { requireCycle } from "./cycle-queries.ts";
import { database, type Database } from "../db/client.ts";
import { databaseErrorText } from "../db/errors.ts";
import { documents, documentSnapshots, publishedEditionDocuments, publishedEditions, reportCycles, tierHistory, tierRecommendations } from "../db/schema.ts";
import type { Env } from "../env.ts";
import { ApiError, forbidden } from "../http/api-error.ts";
import { log } from "../http/log.ts";
import { hasRole } from "../policy/policy.ts";
import { documentRoom } from "../rooms/room-directory.ts";

export interface ReleaseResult {
  year: number;
  published: number;
  manifestHash: string;
  /** The signed checkpoint of the audit chain taken at the release (or why it could not be). */
  checkpoint: { written: boolean; seq: number | null; error: string | null };
}

/** How many blockers the refusal's message names before "and N more". */
const NAMED_BLOCKERS = 3;
/** Rooms asked for their text at once. */
const ROOM_BATCH = 8;

async function cycleDocuments(db: Database, year: number) {
  const rows = await db
    .select({
      id: documents.id,
      kind: documents.kind,
      title: documents.title,
      state: documents.state,
      countryId: documents.countryId,
      sectionKey: documents.sectionKey,
      sortOrder: documents.sortOrder,
      textHash: documents.textHash,
      finalTier: sql<TierCode | null>`(SELECT ${tierRecommendations.tier} FROM ${tierRecommendations} WHERE ${tierRecommendations.documentId} = ${documents.id} AND ${tierRecommendations.status} = 'final' ORDER BY ${tierRecommendations.id} DESC LIMIT 1)`,
      recorded: sql<number>`EXISTS (SELECT 1 FROM ${documentSnapshots} WHERE ${documentSnapshots.documentId} = ${documents.id} AND ${documentSnapshots.hash} = ${documents.textHash})`,
    })
    .from(documents)
    .where(eq(documents.cycleYear, year));
  return reportOrder(rows);
}

type CycleDocument = Awaited<ReturnType<typeof cycleDocuments>>[number];

function refuseBlocked(year: number, blockers: CycleDocument[]): never {
  const named = blockers.slice(0, NAMED_BLOCKERS).map((d) => `${d.title} (${workflowStateLabel(d.state).toLowerCase()})`);
  const more = blockers.length - named.length;
  throw new ApiError(
    409,
    "not_all_cleared",
    `The ${year} report cannot be released: ${blockers.length} document${blockers.length === 1 ? " has" : "s have"} no final clearance yet: ${named.join(", ")}${more ? ` and ${more} more` : ""}.`,
    {
      blockers: blockers.map((d) => ({ documentId: d.id, title: d.title, state: d.state, kind: d.kind })),
      byState: countByState(blockers),
    },
  );
}

/** Every cleared text is recorded, and each room still holds exactly it (locked since approval, so it must). */
async function assertClearedTexts(env: Env, docs: CycleDocument[]): Promise<void> {
  const unrecorded = docs.find((d) => !d.textHash || !d.recorded);
  if (unrecorded) {
    throw new ApiError(409, "cleared_text_missing", `${unrecorded.title} has no recorded cleared text; reopen it and clear it again.`, {
      documentId: unrecorded.id,
      title: unrecorded.title,
    });
  }
  for (let i = 0; i < docs.length; i += ROOM_BATCH) {
    const batch = docs.slice(i, i + ROOM_BATCH);
    const hashes = await Promise.all(
      batch.map((d) =>
        documentRoom(env, d.id)
          .snapshot()
          .then((s) => s.hash),
      ),
    );
    const changed = batch.findIndex((d, j) => hashes[j] !== d.textHash);
    if (changed >= 0) {
      const d = batch[changed]!;
      throw new ApiError(409, "text_changed", `The text of ${d.title} is not the text that was cleared; nothing was released. Reopen it and clear it again.`, {
        documentId: d.id,
        title: d.title,
        clearedHash: d.textHash,
        currentHash: hashes[changed],
      });
    }
  }
}

export async function releaseCycle(env: Env, actor: { user: CurrentUser; requestId: string | null }, year: number): Promise<ReleaseResult> {
  const db = database(env);
  if (!hasRole(actor.user, "leadership")) throw forbidden("Only leadership releases a report cycle.", { requiredRole: "leadership" });
  const cycle = await requireCycle(db, year);
  if (cycle.status === "released") throw new ApiError(409, "already_released", `The ${year} report was already released.`);
  const docs = await cycleDocuments(db, year);
  if (!docs.length) throw new ApiError(409, "nothing_to_release", `The ${year} cycle has no documents.`);
  const blockers = docs.filter((d) => d.state !== "cleared");
  if (blockers.length) refuseBlocked(year, blockers);
  await assertClearedTexts(env, docs);

  const at = new Date().toISOString();
  const manifest = buildManifest(
    year,
    at,
    docs.map((d) => ({ ...d, snapshotHash: d.textHash!, tier: d.finalTier })),
  );
  const hash = await manifestHash(manifest);
  try {
    await commitWithAudit(
      db,
      { actor: { id: actor.user.id, email: actor.user.email }, requestId: actor.requestId },
      { action: "cycle.release", subjectType: "cycle", subjectId: String(year), details: { published: docs.length, manifestHash: hash } },
      () => [
        db.insert(publishedEditions).values({ cycleYear: year, releasedAt: at, releasedBy: actor.user.id, source: "release", manifestHash: hash, manifest }),
        // NULL (and so a failed batch) unless the document is still cleared with exactly this text.
        ...manifest.documents.map((entry, position) =>
          db.insert(publishedEditionDocuments).values({
            cycleYear: year,
            documentId: entry.documentId,
            position,
            snapshotHash: sql`(SELECT ${documents.textHash} FROM ${documents} WHERE ${documents.id} = ${entry.documentId} AND ${documents.state} = 'cleared' AND ${documents.textHash} = ${entry.snapshotHash})`,
          }),
        ),
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
                waiverUsed:
                  sql<boolean>`${tierRecommendations.tier} = 'tier2wl' AND coalesce(json_extract(${tierRecommendations.flags}, '$.waiverRequested'), 0) = 1`.as(
                    "waiver_used",
                  ),
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
  } catch (error) {
    const text = databaseErrorText(error);
    if (text.includes("NOT NULL") && text.includes("published_edition_documents")) {
      throw new ApiError(
        409,
        "release_raced",
        "A document changed while the report was being released; nothing was released. Look at the report's status and try again.",
      );
    }
    if (text.includes("UNIQUE") && text.includes("published_editions")) throw new ApiError(409, "already_released", `The ${year} report was already released.`);
    throw error;
  }
  const checkpoint = await signEdition(env, year, hash);
  return { year, published: docs.length, manifestHash: hash, checkpoint };
}

/** The release is committed either way; a checkpoint that could not be written is reported, logged, and written by the next cron run. */
export async function signEdition(env: Env, year: number, hash: string): Promise<ReleaseResult["checkpoint"]> {
  return writeAuditCheckpoint(env, { reason: "release", edition: { year, manifestHash: hash } }).then(
    (r) => ({ written: r.written, seq: r.checkpoint?.seq ?? null, error: null }),
    (error: unknown) => {
      log("error", "release checkpoint could not be written", { year, error: String(error) });
      return { written: false, seq: null, error: String((error as Error)?.message ?? error) };
    },
  );
}

/** Released editions whose manifest hash no signed checkpoint carries yet (their release's checkpoint failed) get one now. */
export async function signUnsignedEditions(env: Env): Promise<number> {
  const editions = await database(env)
    .select({ year: publishedEditions.cycleYear, manifestHash: publishedEditions.manifestHash })
    .from(publishedEditions)
    .where(eq(publishedEditions.source, "release"));
  let signed = 0;
  for (const edition of editions) {
    const existing = await editionCheckpoints(env.AUDIT_CHECKPOINTS, edition.year);
    if (existing.some((c) => c.edition?.manifestHash === edition.manifestHash)) continue;
    const result = await signEdition(env, edition.year, edition.manifestHash);
    if (result.written) signed++;
  }
  return signed;
}

function countByState(rows: readonly { state: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
  return counts;
}
