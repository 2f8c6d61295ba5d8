/** A cycle's request for information: read with its days left, and set by an administrator (audited). */
import { and, eq, sql } from "drizzle-orm";
import type { Rfi } from "#shared/api/sources.ts";
import { daysUntil, rfiStatus } from "#shared/sources.ts";
import { commitWithAudit, type AuditContext } from "../audit/audit-log.ts";
import type { Database } from "../db/client.ts";
import { requestsForInformation, submissions } from "../db/schema.ts";
import { today } from "../cycles/cycle-queries.ts";
import type { ListScope } from "../policy/policy.ts";
import { visibleCondition } from "./submission-queries.ts";

export async function findRfi(db: Database, cycleYear: number, visible: ListScope, on = today()): Promise<Rfi | null> {
  const row = await db.select().from(requestsForInformation).where(eq(requestsForInformation.cycleYear, cycleYear)).get();
  if (!row) return null;
  const count = await db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .where(and(eq(submissions.cycleYear, cycleYear), visibleCondition(visible)))
    .get();
  return {
    cycleYear,
    opensOn: row.opensOn,
    deadline: row.deadline,
    notice: row.notice,
    status: rfiStatus(row, on),
    daysLeft: daysUntil(row.deadline, on),
    today: on,
    submissions: Number(count?.n ?? 0),
    updatedAt: row.updatedAt,
  };
}

export async function saveRfi(
  db: Database,
  audit: AuditContext,
  cycleYear: number,
  input: { opensOn: string; deadline: string; notice: string },
): Promise<void> {
  const before = await db.select().from(requestsForInformation).where(eq(requestsForInformation.cycleYear, cycleYear)).get();
  const updatedAt = new Date().toISOString();
  await commitWithAudit(
    db,
    audit,
    {
      action: before ? "rfi.update" : "rfi.open",
      subjectType: "request_for_information",
      subjectId: String(cycleYear),
      details: {
        opensOn: input.opensOn,
        deadline: input.deadline,
        noticeChars: input.notice.length,
        before: before ? { opensOn: before.opensOn, deadline: before.deadline } : null,
      },
    },
    () => [
      db
        .insert(requestsForInformation)
        .values({ cycleYear, ...input, updatedBy: audit.actor.id, updatedAt })
        .onConflictDoUpdate({ target: requestsForInformation.cycleYear, set: { ...input, updatedBy: audit.actor.id, updatedAt } }),
    ],
  );
}
