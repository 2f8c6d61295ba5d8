/**
 * /api/audit — reading, verifying and exporting the audit trail, and writing a checkpoint on demand.
 * Deliberately no route updates or deletes an event: the trail is append-only through commitWithAudit.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { DOCUMENT_ID_PATTERN } from "#shared/documents.ts";
import { AuditEventSchema } from "#shared/api/audit.ts";
import { CHECKPOINT_REASONS, writeAuditCheckpoint } from "../audit/audit-checkpoints.ts";
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportAuditEvents } from "../audit/audit-export.ts";
import { type AuditFilters, listAuditEvents } from "../audit/audit-queries.ts";
import { SigningKeyError } from "../audit/audit-signing.ts";
import { CHECKPOINT_PROBLEM_KINDS, VERIFY_REASON_CODES, verifyAuditTrail } from "../audit/audit-verify.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { findDocument } from "../documents/document-queries.ts";
import { ApiError, badRequest } from "../http/api-error.ts";
import { log } from "../http/log.ts";
import { createRouter, errorResponses, jsonContent } from "../http/router.ts";
import { assertCanReadAudit, assertCanReadWholeAudit, assertCanWriteAuditCheckpoint } from "../policy/policy.ts";

export const auditRoutes = createRouter();

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .openapi({ description: "An ISO 8601 date (2025-06-01, meaning midnight UTC) or date-time with zone (2025-06-01T12:00:00Z)", example: "2025-06-01" });

const FilterQuery = z.object({
  document: z.string().max(120).regex(DOCUMENT_ID_PATTERN, "must look like 2025-afghanistan").optional().openapi({ description: "Only events about this document" }),
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

const ListQuery = FilterQuery.extend({
  order: z.enum(["newest", "oldest"]).default("newest"),
  cursor: z.coerce.number().int().min(0).optional().openapi({ description: "The nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();

const ExportQuery = FilterQuery.extend({ format: z.enum(EXPORT_FORMATS).default("jsonl") }).strict();


const CheckpointSchema = z
  .object({ key: z.string(), seq: z.number().int(), headHash: z.string(), events: z.number().int(), at: z.string(), reason: z.enum(CHECKPOINT_REASONS) })
  .openapi("AuditCheckpoint");

const VerificationSchema = z
  .object({
    ok: z.boolean().openapi({ description: "True only when the chain is intact, every checkpoint checks out, and a trusted checkpoint at most two hours old exists" }),
    reasons: z
      .array(z.object({ code: z.enum(VERIFY_REASON_CODES), message: z.string() }))
      .openapi({ description: "Why the trail cannot be vouched for (empty when ok): a broken chain, checkpoint problems, no verification key, no checkpoint, or a newest checkpoint older than two hours" }),
    events: z.number().int(),
    firstBrokenSeq: z.number().int().nullable(),
    brokenSeqs: z.array(z.number().int()),
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
    checkpoints: z.object({
      signingKeyConfigured: z.boolean(),
      checked: z.number().int(),
      latest: CheckpointSchema.nullable(),
      problems: z.array(z.object({ checkpointSeq: z.number().int().nullable(), checkpointKey: z.string(), kind: z.enum(CHECKPOINT_PROBLEM_KINDS), message: z.string() })),
    }),
  })
  .openapi("AuditVerification");

const readErrors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] };
const keyError = { 503: { ...errorResponses[400], description: "The checkpoint signing key is missing or invalid" } };

/** Normalises the validated filters (instants to UTC ISO, so they compare with the stored `at`) and checks the range. */
function filtersOf(query: z.infer<typeof FilterQuery>): AuditFilters {
  const from = query.from && new Date(query.from).toISOString();
  const to = query.to && new Date(query.to).toISOString();
  if (from && to && from >= to) throw badRequest(`The time range is empty: from (${query.from}) must be before to (${query.to}).`, { from: query.from, to: query.to });
  return { document: query.document, actor: query.actor, action: query.action, from, to };
}

async function withSigningKey<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SigningKeyError) throw new ApiError(503, "audit_signing_key", error.message);
    throw error;
  }
}

auditRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    summary: "Audit events, filtered and paged (admins and leadership: all; others: one document they can read)",
    tags: ["Audit"],
    request: { query: ListQuery },
    responses: { 200: jsonContent(z.object({ events: z.array(AuditEventSchema), nextCursor: z.number().int().nullable() }), "A page of events"), ...readErrors, 404: errorResponses[404] },
  }),
  async (c) => {
    const user = await requireUser(c);
    const query = c.req.valid("query");
    const filters = filtersOf(query);
    const db = database(c.env);
    assertCanReadAudit(user, filters.document ? { filtered: true, doc: await findDocument(db, filters.document) } : { filtered: false });
    return c.json(await listAuditEvents(db, filters, { order: query.order, limit: query.limit, cursor: query.cursor }), 200);
  },
);

auditRoutes.openapi(
  createRoute({
    method: "get",
    path: "/verify",
    summary: "Recompute the hash chain and hold it against every signed checkpoint; names the first broken event and any rewrite or truncation",
    tags: ["Audit"],
    responses: { 200: jsonContent(VerificationSchema, "The verdict (ok is false on any problem)"), 401: errorResponses[401], 403: errorResponses[403], ...keyError },
  }),
  async (c) => {
    assertCanReadWholeAudit(await requireUser(c));
    return c.json(await withSigningKey(() => verifyAuditTrail(c.env)), 200);
  },
);

auditRoutes.openapi(
  createRoute({
    method: "get",
    path: "/export",
    summary: "The matching events, oldest first, as JSON lines or CSV, with their hashes so anyone can re-verify them",
    tags: ["Audit"],
    request: { query: ExportQuery },
    responses: {
      200: { description: "The file", content: { [EXPORT_CONTENT_TYPES.jsonl]: { schema: z.string() }, [EXPORT_CONTENT_TYPES.csv]: { schema: z.string() } } },
      ...readErrors,
    },
  }),
  async (c) => {
    assertCanReadWholeAudit(await requireUser(c));
    const query = c.req.valid("query");
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return c.body(exportAuditEvents(database(c.env), filtersOf(query), query.format), 200, {
      "Content-Type": EXPORT_CONTENT_TYPES[query.format],
      "Content-Disposition": `attachment; filename="tip-audit-${stamp}.${query.format}"`,
      "Cache-Control": "no-store",
    });
  },
);

auditRoutes.openapi(
  createRoute({
    method: "post",
    path: "/checkpoints",
    summary: "Sign the chain's current head into the checkpoint bucket now (admins); skipped when that head is already checkpointed",
    tags: ["Audit"],
    responses: {
      200: jsonContent(z.object({ written: z.boolean(), skipped: z.enum(["no_events", "unchanged"]).nullable(), checkpoint: CheckpointSchema.nullable() }), "The checkpoint written, or the one already covering the head"),
      401: errorResponses[401],
      403: errorResponses[403],
      ...keyError,
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    assertCanWriteAuditCheckpoint(user);
    const result = await withSigningKey(() => writeAuditCheckpoint(c.env, { reason: "manual" }));
    // Not an audited change (it changes no data, and an event would move the head it just signed); the log keeps who asked.
    log("info", "audit checkpoint on demand", { requestId: c.get("requestId"), userId: user.id, written: result.written, seq: result.checkpoint?.seq ?? null });
    const cp = result.checkpoint;
    const checkpoint = cp && { key: cp.key, seq: cp.seq, headHash: cp.headHash, events: cp.events, at: cp.at, reason: cp.reason };
    return c.json({ written: result.written, skipped: result.written ? null : result.reason, checkpoint }, 200);
  },
);
