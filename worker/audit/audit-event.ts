/**
 * One audit event's fields and hash, with no database: the trail's writer (audit-log.ts) and the
 * admin commands that write through `wrangler d1 execute` (worker/scripts/) chain events the same way.
 */
import { canonicalJson, sha256Hex } from "#shared/canonical-json.ts";
import type { auditEvents } from "../db/schema.ts";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditActor {
  id: string | null;
  email: string | null;
}

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  documentId?: string | null;
  /** Workflow actions: the document version acted on, the recorded text's hash, the person's comment. */
  documentVersion?: number | null;
  snapshotHash?: string | null;
  comment?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditContext {
  actor: AuditActor;
  requestId: string | null;
}

export type ChainedFields = Omit<typeof auditEvents.$inferInsert, "seq" | "prevHash" | "hash">;

/** The fields of one event, as hashed and stored (also used by the admin commands that write through wrangler). */
export function auditEventFields(context: AuditContext, entry: AuditEntry, at = new Date().toISOString()): ChainedFields {
  return {
    at,
    actorUserId: context.actor.id,
    actorEmail: context.actor.email,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    documentId: entry.documentId ?? null,
    requestId: context.requestId,
    documentVersion: entry.documentVersion ?? null,
    snapshotHash: entry.snapshotHash ?? null,
    comment: entry.comment ?? null,
    details: entry.details ?? {},
  };
}

/** Fields added after the first events were written; left out of the hash when empty, so earlier events keep their hashes. */
const LATER_FIELDS = ["documentVersion", "snapshotHash", "comment"] as const;

export async function hashAuditEvent(prevHash: string, event: ChainedFields): Promise<string> {
  const hashed: Record<string, unknown> = { ...event };
  for (const field of LATER_FIELDS) if (hashed[field] === null || hashed[field] === undefined) delete hashed[field];
  return sha256Hex(`${prevHash}\n${canonicalJson(hashed)}`);
}
