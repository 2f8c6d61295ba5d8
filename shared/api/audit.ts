/** One audit event as the API shows it (GET /api/audit; a document's history picks from it). */
import { z } from "@hono/zod-openapi";

/** The chained fields and both hashes. */
export const AuditEventSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorUserId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    documentId: z.string().nullable(),
    requestId: z.string().nullable(),
    documentVersion: z.number().int().nullable(),
    snapshotHash: z.string().nullable(),
    comment: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi("AuditEvent");
