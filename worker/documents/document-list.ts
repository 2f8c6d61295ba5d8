/**
 * GET /api/cycles/:year/documents: the documents the caller may see, filtered, with who each waits
 * on and the counts. The cycle's documents come from cycle-documents.ts (kept between requests);
 * the caller's scope and the filters apply to those rows (at most a cycle's ~210 documents), and the
 * assignee choices span what the caller may see, unfiltered.
 */
import type { z } from "@hono/zod-openapi";
import { matchesName } from "#shared/assignees.ts";
import type { DocumentListQuerySchema } from "#shared/api/documents.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { today as todayUtc } from "../cycles/cycle-queries.ts";
import type { Database } from "../db/client.ts";
import { inListScope, listScope } from "../policy/policy.ts";
import { cycleDocuments, visibleTo } from "./cycle-documents.ts";
import { withDeadline } from "./document-queries.ts";

type Query = z.output<typeof DocumentListQuerySchema>;

function countBy<T>(rows: T[], key: (row: T) => string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const k = key(row) ?? "none";
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

export async function documentList(db: Database, user: CurrentUser, year: number, query: Query) {
  const mine = query.mine ? listScope(user, ["drafter", "reviewer", "clearer"]) : undefined;
  const { cycle, documents, assignees } = await cycleDocuments(db, year);
  const visible = visibleTo(user, documents);
  const day = todayUtc();
  const rows = visible
    .filter((row) => !mine || inListScope(mine, row))
    .filter((row) => query.region === undefined || row.regionCode === query.region)
    .filter((row) => query.kind === undefined || row.kind === query.kind)
    .filter((row) => query.state === undefined || row.state === query.state)
    .filter((row) => query.tier === undefined || row.previousTier === query.tier)
    .map((row) => ({ ...withDeadline(row, cycle, day), assignees: assignees.get(row.id) ?? [] }))
    .filter((row) => query.approvedTier === undefined || (row.approvedTier ?? "none") === query.approvedTier)
    .filter((row) => query.overdue === undefined || row.overdue === query.overdue)
    .filter((row) => query.assignee === undefined || row.assignees.some((a) => a.userId === query.assignee))
    .filter((row) => !query.q || matchesName(row.title, query.q));

  // Assignee choices span everything the caller sees, so the filter's options stay put as other filters change.
  const people = new Map<string, { userId: string; name: string; documents: number }>();
  for (const doc of visible) {
    const list = assignees.get(doc.id) ?? [];
    for (const userId of new Set(list.map((a) => a.userId))) {
      const entry = people.get(userId) ?? { userId, name: list.find((a) => a.userId === userId)!.name, documents: 0 };
      entry.documents++;
      people.set(userId, entry);
    }
  }
  return {
    documents: rows,
    counts: {
      total: rows.length,
      overdue: rows.filter((r) => r.overdue).length,
      byState: countBy(rows, (r) => r.state),
      byRegion: countBy(rows, (r) => r.regionCode),
      byKind: countBy(rows, (r) => r.kind),
      byPreviousTier: countBy(rows, (r) => r.previousTier),
    },
    assignees: [...people.values()].sort((a, b) => a.name.localeCompare(b.name, "en")),
  };
}
