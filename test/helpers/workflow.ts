/** Builders for workflow tests: take actions at the current version, put a document in a state, give it an approved tier. */
import type { z } from "@hono/zod-openapi";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { DocumentDetailSchema, InboxSchema } from "#shared/api/documents.ts";
import type { WorkflowAction } from "#shared/workflow.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";
import { AS, call, json } from "./api.ts";

export type DocumentDetail = z.infer<typeof DocumentDetailSchema>;
export type Inbox = z.infer<typeof InboxSchema>;

/** An audit_events row as D1 returns it (snake_case columns, details as JSON text). */
export interface AuditEventRow {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_email: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  document_id: string | null;
  request_id: string | null;
  document_version: number | null;
  snapshot_hash: string | null;
  comment: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export async function detail(userId: string, documentId: string): Promise<DocumentDetail> {
  const res = await call(userId, `/api/documents/${documentId}`);
  expect(res.status, `GET ${documentId} as ${userId}`).toBe(200);
  return json(res, DocumentDetailSchema);
}

export async function inbox(userId: string): Promise<Inbox> {
  const res = await call(userId, "/api/me/inbox");
  expect(res.status, `inbox of ${userId}`).toBe(200);
  return json(res, InboxSchema);
}

export async function currentVersion(documentId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT version FROM documents WHERE id = ?").bind(documentId).first<{ version: number }>();
  return row!.version;
}

/** Takes an action at the document's current version. */
export async function act(
  userId: string,
  documentId: string,
  action: WorkflowAction,
  extra: { comment?: string; office?: string; version?: number } = {},
): Promise<Response> {
  const version = extra.version ?? (await currentVersion(documentId));
  return call(userId, `/api/documents/${documentId}/actions`, { body: { action, version, ...extra } });
}

/** Like `act`, but the action must succeed; returns the document after it. */
export async function actOk(
  userId: string,
  documentId: string,
  action: WorkflowAction,
  extra: { comment?: string; office?: string } = {},
): Promise<DocumentDetail> {
  const res = await act(userId, documentId, action, extra);
  const body: unknown = await json(res);
  expect(res.status, `${action} on ${documentId} by ${userId}: ${JSON.stringify(body)}`).toBe(200);
  return DocumentDetailSchema.parse(body);
}

/** Fixture: puts a document straight into a state (bumping its version the way every change must). */
export async function putInState(documentId: string, state: WorkflowState): Promise<void> {
  await env.DB.prepare("UPDATE documents SET state = ?, version = version + 1 WHERE id = ?").bind(state, documentId).run();
}

/** A drafter proposes a tier and the reviewer approves it. */
export async function approveTier(documentId: string, drafter: string, reviewer: string, tier = "tier2"): Promise<void> {
  const proposed = await call(drafter, `/api/documents/${documentId}/tier`, {
    body: { version: await currentVersion(documentId), tier, justification: "Meets the minimum standards in part." },
  });
  expect(proposed.status, JSON.stringify(await proposed.clone().json())).toBe(200);
  const approved = await call(reviewer, `/api/documents/${documentId}/tier/decision`, {
    body: { version: await currentVersion(documentId), decision: "approve" },
  });
  expect(approved.status, JSON.stringify(await approved.clone().json())).toBe(200);
}

export async function auditEventsOf(documentId: string, actionPrefix = "workflow."): Promise<AuditEventRow[]> {
  const { results } = await env.DB.prepare("SELECT * FROM audit_events WHERE document_id = ? AND action LIKE ? ORDER BY seq")
    .bind(documentId, `${actionPrefix}%`)
    .all<AuditEventRow>();
  return results;
}

/** A small cycle of its own, so releasing it touches nothing the other tests use. */
export async function cycleWith(year: number, states: readonly string[]): Promise<void> {
  await env.DB.prepare(
    "INSERT INTO report_cycles (year, period_start, period_end, drafting_due, review_due, clearance_due, final_clearance_due, release_date) VALUES (?, '2029-04-01', '2030-03-31', '2030-01-01', '2030-02-01', '2030-03-01', '2030-04-01', '2030-06-20')",
  )
    .bind(year)
    .run();
  const countries = ["bahrain", "oman", "qatar"];
  for (const [i, state] of states.entries()) {
    await env.DB.prepare("INSERT INTO documents (id, cycle_year, kind, country_id, title, state) VALUES (?, ?, 'country_narrative', ?, ?, ?)")
      .bind(`${year}-${countries[i]}`, year, countries[i], countries[i], state)
      .run();
  }
}

export { AS };
