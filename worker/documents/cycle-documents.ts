/**
 * Every document of a cycle with who each waits on: what the documents list, progress and the
 * inbox filter, kept in the
 * isolate between requests. Reading it costs about 5 ms locally (some 210 rows through D1, and
 * the assignee reads), and the list is every page's first read. Any write to a table it comes from
 * replaces the `document_list` token (triggers: migrations/0014_document_list_token.sql), so each
 * request reads the token with the cycle, one small round trip, and reuses the rows while it stands.
 */
import { eq } from "drizzle-orm";
import type { Assignee } from "#shared/assignees.ts";
import { cycleQuery, foundCycle, type Cycle } from "../cycles/cycle-queries.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import type { Database } from "../db/client.ts";
import { readModelTokens } from "../db/schema.ts";
import { inListScope, listScope } from "../policy/policy.ts";
import { assigneeQueries, assigneesFrom } from "./assignees.ts";
import { listDocuments, type DocumentSummary } from "./document-queries.ts";
import { type ClearanceState, clearanceStatesFrom } from "../workflow/clearance-state.ts";

const DOCUMENT_LIST_TOKEN = "document_list";

export interface CycleDocuments {
  cycle: Cycle;
  /** In list order; shared between requests, so never to be changed in place. */
  documents: readonly DocumentSummary[];
  assignees: ReadonlyMap<string, Assignee[]>;
  /** The clearance picture of each document in clearance (the inbox offers clearers their actions from it). */
  clearance: ReadonlyMap<string, ClearanceState>;
}

type Kept = Omit<CycleDocuments, "cycle"> & { token: string };

/** By cycle year: a handful at most, one per year anyone lists. */
const kept = new Map<number, Kept>();

function tokenQuery(db: Database) {
  return db.select({ token: readModelTokens.token }).from(readModelTokens).where(eq(readModelTokens.name, DOCUMENT_LIST_TOKEN));
}

/** The reads the kept rows come from; test/worker/document-list-token.test.ts holds their tables to the triggers. */
export function cycleDocumentQueries(db: Database, year: number) {
  return [listDocuments(db, year, { all: true }, {}), ...assigneeQueries(db, year)] as const;
}

/** The cycle (404 when there is none) and all its documents, as of one consistent read. */
export async function cycleDocuments(db: Database, year: number): Promise<CycleDocuments> {
  const known = kept.get(year);
  if (known) {
    const [cycleRows, tokenRows] = await db.batch([cycleQuery(db, year), tokenQuery(db)]);
    const cycle = foundCycle(cycleRows, year);
    if (tokenRows[0]?.token === known.token) return { cycle, ...known };
  }
  // One batch is one transaction: the token read with the rows names exactly those rows.
  const [cycleRows, tokenRows, documents, people, grants, ...clearanceRows] = await db.batch([
    cycleQuery(db, year),
    tokenQuery(db),
    ...cycleDocumentQueries(db, year),
  ]);
  const cycle = foundCycle(cycleRows, year);
  const clearance = clearanceStatesFrom(
    documents.filter((d) => d.state === "in_clearance"),
    clearanceRows,
  );
  const fresh = { documents, assignees: assigneesFrom(documents, [people, grants], clearance), clearance };
  const token = tokenRows[0]?.token;
  if (token) kept.set(year, { token, ...fresh });
  return { cycle, ...fresh };
}

/** The documents `user` may see: the rule of `scopeCondition` in SQL, on the kept rows. */
export function visibleTo(user: CurrentUser, documents: readonly DocumentSummary[]): DocumentSummary[] {
  const scope = listScope(user);
  return documents.filter((row) => inListScope(scope, row));
}
