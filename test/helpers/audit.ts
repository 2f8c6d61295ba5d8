/** Audit-trail helpers for tests: add events, tamper with D1 directly, and put the table back afterwards. */
import { env } from "cloudflare:workers";
import { asc } from "drizzle-orm";
import { commitWithAudit, hashAuditEvent, type AuditEntry } from "../../worker/audit/audit-log.ts";
import { database, type Database } from "../../worker/db/client.ts";
import { auditEvents } from "../../worker/db/schema.ts";

export const SYSTEM = { actor: { id: null, email: null }, requestId: null };

/** Commits the entries one after another and returns their seqs. */
export async function addEvents(...entries: AuditEntry[]): Promise<number[]> {
  const seqs: number[] = [];
  for (const entry of entries) {
    await commitWithAudit(database(env), SYSTEM, entry);
    seqs.push((await env.DB.prepare("SELECT MAX(seq) AS seq FROM audit_events").first<{ seq: number }>())!.seq);
  }
  return seqs;
}

export async function eventCount(): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events").first<{ n: number }>())!.n;
}

/**
 * Runs `tamper`, then `check`, as someone with full database access would: the append-only
 * triggers are dropped first. Afterwards every audit row is restored exactly as it was and the
 * triggers come back, so later tests see an intact, protected trail.
 */
export async function withTamperedTrail(tamper: () => Promise<void>, check: () => Promise<void>): Promise<void> {
  const { results } = await env.DB.prepare("SELECT * FROM audit_events ORDER BY seq").all<Record<string, unknown>>();
  const { results: triggers } = await env.DB.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").all<{
    name: string;
    sql: string;
  }>();
  await env.DB.batch(triggers.map((t) => env.DB.prepare(`DROP TRIGGER ${t.name}`)));
  try {
    await tamper();
    await check();
  } finally {
    const columns = Object.keys(results[0] ?? {});
    await env.DB.batch([
      env.DB.prepare("DELETE FROM audit_events"),
      ...results.map((row) =>
        env.DB.prepare(`INSERT INTO audit_events (${columns.join(",")}) VALUES (${columns.map(() => "?").join(",")})`).bind(...columns.map((c) => row[c])),
      ),
      ...triggers.map((t) => env.DB.prepare(t.sql)),
    ]);
  }
}

/**
 * What an attacker with database access does: change one event, then recompute every hash from
 * there on so the chain is consistent again.
 */
export async function rewriteChainFrom(seq: number, change: { actorEmail: string }): Promise<void> {
  const db = database(env);
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  const statements: D1PreparedStatement[] = [];
  let prev: string | null = null;
  for (const row of rows) {
    if (row.seq < seq) {
      prev = row.hash;
      continue;
    }
    const { seq: rowSeq, prevHash, hash: _old, ...event } = row;
    const edited = rowSeq === seq ? { ...event, ...change } : event;
    const linked = prev ?? prevHash;
    const hash = await hashAuditEvent(linked, edited);
    statements.push(
      env.DB.prepare("UPDATE audit_events SET actor_email = ?, prev_hash = ?, hash = ? WHERE seq = ?").bind(edited.actorEmail, linked, hash, rowSeq),
    );
    prev = hash;
  }
  await env.DB.batch(statements);
}

/** Appends `count` chained events straight into D1 (hashed here, inserted in large batches): a big trail in seconds. */
export async function appendChainInBulk(count: number, batchSize = 1000): Promise<void> {
  let prev = (await env.DB.prepare("SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1").first<{ hash: string }>())?.hash ?? "0".repeat(64);
  for (let done = 0; done < count; done += batchSize) {
    const statements: D1PreparedStatement[] = [];
    for (let i = done; i < Math.min(count, done + batchSize); i++) {
      const event = {
        at: new Date().toISOString(),
        actorUserId: null,
        actorEmail: null,
        action: "test.bulk",
        subjectType: "test",
        subjectId: String(i),
        documentId: null,
        requestId: null,
        details: { i },
      };
      const hash = await hashAuditEvent(prev, event);
      statements.push(
        env.DB.prepare("INSERT INTO audit_events (at, action, subject_type, subject_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)").bind(
          event.at,
          event.action,
          event.subjectType,
          event.subjectId,
          JSON.stringify(event.details),
          prev,
          hash,
        ),
      );
      prev = hash;
    }
    await env.DB.batch(statements);
  }
}

export interface RecordedQuery {
  sql: string;
  params: unknown[];
  /** Rows the query returned. */
  rows: number;
}

/**
 * A database over the test D1 that records every query it runs, with its parameters and how many
 * rows came back: to check how a reader pages, not only what it concludes.
 */
export function recordingDatabase(): { db: Database; queries: RecordedQuery[] } {
  const queries: RecordedQuery[] = [];
  const rowsOf = (result: unknown) =>
    Array.isArray(result) ? result.length : Array.isArray((result as { results?: unknown[] })?.results) ? (result as { results: unknown[] }).results.length : 0;
  const statement = (inner: D1PreparedStatement, entry: RecordedQuery): D1PreparedStatement =>
    new Proxy(inner, {
      get(target, prop) {
        if (prop === "bind") return (...params: unknown[]) => statement(target.bind(...params), { ...entry, params });
        const value: unknown = Reflect.get(target, prop);
        if (typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          queries.push({ ...entry, rows: rowsOf(result) });
          return result;
        };
      },
    });
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => statement(target.prepare(sql), { sql, params: [], rows: 0 });
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: database({ DB }), queries };
}
