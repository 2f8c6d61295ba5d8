/** Response shapes shared by several route modules (and named in the OpenAPI document). */
import { z } from "@hono/zod-openapi";
import { CYCLE_STATUSES } from "#shared/cycles.ts";
import { DOCUMENT_KINDS } from "#shared/documents.ts";
import { ROLES, SCOPE_TYPES } from "#shared/roles.ts";
import { TIER_CODES } from "#shared/tiers.ts";
import { WORKFLOW_STATE_CODES } from "#shared/workflow-states.ts";

export const YearParam = z.object({
  year: z.coerce.number().int().min(2000).max(2100).openapi({ param: { name: "year", in: "path" }, example: 2025 }),
});

export const GrantSchema = z
  .object({
    id: z.string(),
    role: z.enum(ROLES),
    scopeType: z.enum(SCOPE_TYPES),
    regionCode: z.string().nullable(),
    countryId: z.string().nullable(),
    officeCode: z.string().nullable(),
  })
  .openapi("RoleGrant");

export const DocumentSummarySchema = z
  .object({
    id: z.string().openapi({ example: "2025-afghanistan" }),
    cycleYear: z.number().int(),
    kind: z.enum(DOCUMENT_KINDS),
    title: z.string(),
    state: z.enum(WORKFLOW_STATE_CODES),
    version: z.number().int(),
    countryId: z.string().nullable(),
    sectionKey: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    previousTier: z.enum(TIER_CODES).nullable().openapi({ description: "The country's tier in the previous year's report" }),
    approvedTier: z.enum(TIER_CODES).nullable().openapi({ description: "This year's tier as approved by the reviewer or fixed by leadership" }),
    tierFixed: z.boolean().openapi({ description: "Leadership fixed this year's tier at final clearance" }),
    textHash: z.string().nullable().openapi({ description: "Hash of the text the current review or clearance round is about" }),
    clearanceRound: z.number().int(),
    dueDate: z.string().nullable().openapi({ description: "When the current step is due (the cycle's milestone for this state)" }),
    overdue: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi("DocumentSummary");

export const CycleSchema = z
  .object({
    year: z.number().int(),
    periodStart: z.string(),
    periodEnd: z.string(),
    draftingDue: z.string(),
    reviewDue: z.string(),
    clearanceDue: z.string(),
    finalClearanceDue: z.string(),
    releaseDate: z.string(),
    status: z.enum(CYCLE_STATUSES),
  })
  .openapi("ReportCycle");

/** One audit event as the API shows it: the chained fields and both hashes. */
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
