/**
 * GET /api/cycles/:year/report: where the release stands, for leadership's report page. The
 * documents that block it (not cleared) in report order, whether it can be released now, and, once
 * released, the published edition: when, by whom, its manifest hash and the audit checkpoint
 * signed at the release (the first release checkpoint at or after the release's audit event).
 */
import { and, desc, eq } from "drizzle-orm";
import type { z } from "@hono/zod-openapi";
import type { ReportStatusSchema } from "#shared/api/report.ts";
import { inReportOrder, isCleared } from "#shared/report-order.ts";
import { CHECKPOINT_PREFIX } from "../audit/audit-checkpoints.ts";
import { requireCycle } from "../cycles/cycle-queries.ts";
import { database, type Database } from "../db/client.ts";
import { auditEvents, documents, publishedEditions } from "../db/schema.ts";
import type { Env } from "../env.ts";

type ReportStatus = z.infer<typeof ReportStatusSchema>;

async function releaseCheckpointSeq(env: Pick<Env, "AUDIT_CHECKPOINTS">, db: Database, year: number): Promise<number | null> {
  const release = await db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "cycle.release"), eq(auditEvents.subjectId, String(year))))
    .orderBy(desc(auditEvents.seq))
    .get();
  if (!release) return null;
  // Keys sort by the checkpointed seq (12 digits), so the listing starts at the release's own event.
  const listed = await env.AUDIT_CHECKPOINTS.list({
    prefix: CHECKPOINT_PREFIX,
    startAfter: `${CHECKPOINT_PREFIX}${String(release.seq).padStart(12, "0")}`,
    limit: 50,
    include: ["customMetadata"],
  });
  const found = listed.objects.find((o) => o.customMetadata?.reason === "release");
  return found ? Number(found.customMetadata!.seq) : null;
}

export async function reportStatus(env: Env, year: number): Promise<ReportStatus> {
  const db = database(env);
  const cycle = await requireCycle(db, year);
  const rows = await db
    .select({ documentId: documents.id, kind: documents.kind, title: documents.title, state: documents.state, sortOrder: documents.sortOrder })
    .from(documents)
    .where(eq(documents.cycleYear, year));
  const blockers = inReportOrder(rows.filter((r) => !isCleared(r.state)).map((r) => ({ ...r, country: r.kind === "country_narrative" ? r.title : null }))).map(
    ({ documentId, title, state, kind }) => ({ documentId, title, state, kind }),
  );
  const edition = await db.select().from(publishedEditions).where(eq(publishedEditions.cycleYear, year)).get();
  return {
    year,
    cycleStatus: cycle.status,
    blockers,
    documents: rows.length,
    canRelease: cycle.status !== "released" && !edition && rows.length > 0 && blockers.length === 0,
    published: edition
      ? {
          releasedAt: edition.releasedAt,
          releasedBy: edition.releasedBy,
          manifestHash: edition.manifestHash,
          documents: edition.manifest.documents.length,
          checkpointSeq: await releaseCheckpointSeq(env, db, year),
        }
      : null,
  };
}
