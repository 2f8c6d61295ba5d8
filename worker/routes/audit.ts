/**
 * /api/audit — reading, verifying and exporting the audit trail, and writing a checkpoint on demand.
 * Deliberately no route updates or deletes an event: the trail is append-only through commitWithAudit.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  AuditCheckpointSchema as CheckpointSchema,
  AuditExportQuerySchema as ExportQuery,
  type AuditFilterQuerySchema as FilterQuery,
  AuditListQuerySchema as ListQuery,
  AuditPageSchema,
  AuditVerificationSchema as VerificationSchema,
} from "#shared/api/audit.ts";
import { writeAuditCheckpoint } from "../audit/audit-checkpoints.ts";
import { EXPORT_CONTENT_TYPES, exportAuditEvents } from "../audit/audit-export.ts";
import { type AuditFilters, listAuditEvents } from "../audit/audit-queries.ts";
import { SigningKeyError } from "../audit/audit-signing.ts";
import { verifyAuditTrail } from "../audit/audit-verify.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { findDocument } from "../documents/document-queries.ts";
import { ApiError, badRequest } from "../http/api-error.ts";
import { log } from "../http/log.ts";
import { createRouter, errorResponses, jsonContent } from "../http/router.ts";
import { assertCanReadAudit, assertCanReadWholeAudit, assertCanWriteAuditCheckpoint } from "../policy/policy.ts";

export const auditRoutes = createRouter();

const readErrors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] };
const keyError = { 503: { ...errorResponses[400], description: "The checkpoint signing key is missing or invalid" } };

/** Normalises the validated filters (instants to UTC ISO, so they compare with the stored `at`) and checks the range. */
function filtersOf(query: z.infer<typeof FilterQuery>): AuditFilters {
  const from = query.from && new Date(query.from).toISOString();
  const to = query.to && new Date(query.to).toISOString();
  if (from && to && from >= to)
    throw badRequest(`The time range is empty: from (${query.from}) must be before to (${query.to}).`, { from: query.from, to: query.to });
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
    responses: { 200: jsonContent(AuditPageSchema, "A page of events"), ...readErrors, 404: errorResponses[404] },
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
    responses: {
      200: jsonContent(VerificationSchema, "The verdict (ok is false on any problem)"),
      401: errorResponses[401],
      403: errorResponses[403],
      ...keyError,
    },
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
      200: jsonContent(
        z.object({ written: z.boolean(), skipped: z.enum(["no_events", "unchanged"]).nullable(), checkpoint: CheckpointSchema.nullable() }),
        "The checkpoint written, or the one already covering the head",
      ),
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
