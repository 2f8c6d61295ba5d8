/** Reading the audit trail: filtered, paged by seq, in either direction. Reads only; nothing here changes an event. */
import { and, asc, desc, eq, gt, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { auditEvents } from "../db/schema.ts";

export interface AuditFilters {
  document?: string;
  /** A user id, or an email (anything with "@"). */
  actor?: string;
  /** An exact action ("user.create") or a family ending in ".*" ("user.*"). */
  action?: string;
  /** ISO instants: `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
}

export type AuditOrder = "newest" | "oldest";
export type AuditEventRow = typeof auditEvents.$inferSelect;

function conditions(filters: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.document) where.push(eq(auditEvents.documentId, filters.document));
  if (filters.actor)
    where.push(filters.actor.includes("@") ? eq(auditEvents.actorEmail, filters.actor.toLowerCase()) : eq(auditEvents.actorUserId, filters.actor));
  if (filters.action?.endsWith(".*")) {
    // A plain prefix comparison: LIKE would read "_" in action names as a wildcard.
    const prefix = filters.action.slice(0, -1);
    where.push(sql`substr(${auditEvents.action}, 1, ${prefix.length}) = ${prefix}`);
  } else if (filters.action) where.push(eq(auditEvents.action, filters.action));
  if (filters.from) where.push(gte(auditEvents.at, filters.from));
  if (filters.to) where.push(lt(auditEvents.at, filters.to));
  return where;
}

/** One page after `cursor` (a seq, exclusive) in `order`; `nextCursor` is null on the last page. */
export async function listAuditEvents(
  db: Database,
  filters: AuditFilters,
  page: { order: AuditOrder; limit: number; cursor?: number },
): Promise<{ events: AuditEventRow[]; nextCursor: number | null }> {
  const where = conditions(filters);
  if (page.cursor !== undefined) where.push(page.order === "newest" ? lt(auditEvents.seq, page.cursor) : gt(auditEvents.seq, page.cursor));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(page.order === "newest" ? desc(auditEvents.seq) : asc(auditEvents.seq))
    .limit(page.limit + 1);
  const events = rows.slice(0, page.limit);
  return { events, nextCursor: rows.length > page.limit ? events[events.length - 1]!.seq : null };
}

/** Every matching event, oldest first, fetched a page at a time (for exports of any size). */
export async function* allAuditEvents(db: Database, filters: AuditFilters, pageSize = 1000): AsyncGenerator<AuditEventRow[]> {
  let cursor: number | undefined;
  do {
    const page = await listAuditEvents(db, filters, { order: "oldest", limit: pageSize, cursor });
    if (page.events.length) yield page.events;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
