/** The audit trail as the API shows it: events, pages, filters, the verification verdict (GET /api/audit, /verify, /export). */
import { z } from "@hono/zod-openapi";
import { CHECKPOINT_PROBLEM_KINDS, CHECKPOINT_REASONS, EXPORT_FORMATS, VERIFY_REASON_CODES } from "../audit.ts";
import { DOCUMENT_ID_PATTERN } from "../documents.ts";

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

export const AuditPageSchema = z.object({ events: z.array(AuditEventSchema), nextCursor: z.number().int().nullable() }).openapi("AuditPage");

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .openapi({ description: "An ISO 8601 date (2025-06-01, meaning midnight UTC) or date-time with zone (2025-06-01T12:00:00Z)", example: "2025-06-01" });

/** The filters the list and the export share. */
export const AuditFilterQuerySchema = z.object({
  document: z
    .string()
    .max(120)
    .regex(DOCUMENT_ID_PATTERN, "must look like 2025-afghanistan")
    .optional()
    .openapi({ description: "Only events about this document" }),
  actor: z.string().trim().min(1).max(254).optional().openapi({ description: "Only events by this user (id, or email)" }),
  action: z
    .string()
    .max(80)
    .regex(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*)?$/, "must be an action such as user.create, or a family such as user.*")
    .optional()
    .openapi({ description: "An action (user.create) or a family of actions (user.*)" }),
  from: instant.optional().openapi({ description: "Events at or after this instant" }),
  to: instant.optional().openapi({ description: "Events before this instant" }),
});

export const AuditListQuerySchema = AuditFilterQuerySchema.extend({
  order: z.enum(["newest", "oldest"]).default("newest"),
  cursor: z.coerce.number().int().min(0).optional().openapi({ description: "The nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();

export const AuditExportQuerySchema = AuditFilterQuerySchema.extend({ format: z.enum(EXPORT_FORMATS).default("jsonl") }).strict();

export const AuditCheckpointSchema = z
  .object({ key: z.string(), seq: z.number().int(), headHash: z.string(), events: z.number().int(), at: z.string(), reason: z.enum(CHECKPOINT_REASONS) })
  .openapi("AuditCheckpoint");

export const AuditVerificationSchema = z
  .object({
    ok: z
      .boolean()
      .openapi({ description: "True only when the chain is intact, every checkpoint checks out, and a trusted checkpoint at most two hours old exists" }),
    reasons: z.array(z.object({ code: z.enum(VERIFY_REASON_CODES), message: z.string() })).openapi({
      description:
        "Why the trail cannot be vouched for (empty when ok): a broken chain, checkpoint problems, no verification key, no checkpoint, or a newest checkpoint older than two hours",
    }),
    events: z.number().int(),
    firstBrokenSeq: z.number().int().nullable(),
    brokenSeqs: z.array(z.number().int()),
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
    checkpoints: z.object({
      signingKeyConfigured: z.boolean(),
      checked: z.number().int(),
      latest: AuditCheckpointSchema.nullable(),
      problems: z.array(
        z.object({ checkpointSeq: z.number().int().nullable(), checkpointKey: z.string(), kind: z.enum(CHECKPOINT_PROBLEM_KINDS), message: z.string() }),
      ),
    }),
  })
  .openapi("AuditVerification");
