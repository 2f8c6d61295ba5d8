/** OpenAPI shapes of the workflow: actions, clearances, snapshots, tier recommendations, history. */
import { z } from "@hono/zod-openapi";
import { CLEARANCE_MODES, CLEARANCE_OUTCOMES } from "#shared/clearance.ts";
import { ROLES } from "#shared/roles.ts";
import { TIER_CODES } from "#shared/tiers.ts";
import { TIER_RECOMMENDATION_STATUSES } from "#shared/tier-recommendations.ts";
import { TIER_RULES, type TierRuleClause } from "#shared/tier-rules.ts";
import { WORKFLOW_ACTIONS } from "#shared/workflow.ts";
import { AuditEventSchema, DocumentSummarySchema } from "./schemas.ts";

export const OfficeCode = z.string().regex(/^[A-Z]{1,6}$/, "an office code such as DRL or L").openapi({ example: "DRL" });
export const SnapshotHash = z.string().regex(/^[0-9a-f]{64}$/, "a 64-character SHA-256 hash").openapi({ param: { in: "path" } });

export const ActionRequestSchema = z
  .object({
    action: z.enum(WORKFLOW_ACTIONS),
    version: z.number().int().positive().openapi({ description: "The document version the action is made on (from GET /api/documents/:id)" }),
    comment: z.string().max(4000).optional().openapi({ description: "Required when returning, recalling, reopening or proceeding without an office" }),
    office: OfficeCode.optional().openapi({ description: "For clear and proceed_without: the office concerned, when more than one is possible" }),
  })
  .strict()
  .openapi("WorkflowActionRequest");

export const ClearanceRecordSchema = z
  .object({
    id: z.number().int(),
    documentId: z.string(),
    officeCode: z.string(),
    round: z.number().int(),
    outcome: z.enum(CLEARANCE_OUTCOMES),
    userId: z.string(),
    userName: z.string(),
    at: z.string(),
    snapshotHash: z.string(),
    comment: z.string().nullable(),
  })
  .openapi("ClearanceRecord");

export const ClearanceStateSchema = z
  .object({
    listIsOwn: z.boolean().openapi({ description: "False while the document follows its cycle's default list" }),
    list: z.array(z.object({ officeCode: z.string(), mode: z.enum(CLEARANCE_MODES) })),
    offices: z.array(
      z.object({
        officeCode: z.string(),
        officeName: z.string(),
        mode: z.enum(CLEARANCE_MODES),
        status: z.enum(["not_started", "pending", "concurred", "not_concurred", "informed"]),
        clearance: ClearanceRecordSchema.nullable(),
      }),
    ),
    pending: z.array(z.string()),
    stale: z.array(ClearanceRecordSchema).openapi({ description: "Clearances given for earlier text; shown, no longer counted" }),
  })
  .openapi("ClearanceState");

export const TierRecommendationSchema = z
  .object({
    id: z.number().int(),
    documentId: z.string(),
    tier: z.enum(TIER_CODES),
    justification: z.string(),
    flags: z.record(z.string(), z.unknown()),
    proposedBy: z.string(),
    proposedAt: z.string(),
    status: z.enum(TIER_RECOMMENDATION_STATUSES),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionComment: z.string().nullable(),
    fixedBy: z.string().nullable(),
    fixedAt: z.string().nullable(),
    proposedByName: z.string().nullable(),
    decidedByName: z.string().nullable(),
  })
  .openapi("TierRecommendation");

const TierFindingSchema = z.object({
  clause: z.enum(Object.keys(TIER_RULES) as [TierRuleClause, ...TierRuleClause[]]),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  rule: z.string().openapi({ description: "The Methodology's wording of the clause" }),
});

export const TierOutcomeSchema = z
  .object({
    allowed: z.boolean(),
    requiredTier: z.enum(TIER_CODES).nullable(),
    allowedTiers: z.array(z.enum(TIER_CODES)),
    watchListYears: z.number().int(),
    waiver: z.object({ available: z.boolean(), reason: z.string() }),
    usesWaiver: z.boolean(),
    findings: z.array(TierFindingSchema),
  })
  .openapi("TierOutcome");

const TierRulesSchema = z
  .object({
    year: z.number().int(),
    history: z.array(z.object({ year: z.number().int(), tier: z.enum(TIER_CODES), waiverUsed: z.boolean() })),
    watchListYears: z.number().int(),
    waiver: z.object({ available: z.boolean(), reason: z.string() }),
    current: TierOutcomeSchema.nullable().openapi({ description: "The statute's outcome for the latest open or approved recommendation" }),
  })
  .openapi("TierRules");

export const HistoryEventSchema = AuditEventSchema.pick({
  seq: true,
  at: true,
  actorUserId: true,
  actorEmail: true,
  action: true,
  documentVersion: true,
  snapshotHash: true,
  comment: true,
  details: true,
}).openapi("DocumentHistoryEvent");

export const DocumentDetailSchema = DocumentSummarySchema.extend({
  yourRoles: z.array(z.enum(ROLES)),
  youMayEdit: z.boolean(),
  actions: z.array(z.object({ action: z.enum(WORKFLOW_ACTIONS), label: z.string(), requiresComment: z.boolean(), offices: z.array(z.string()) })).openapi({
    description: "Exactly the workflow actions the caller may take now",
  }),
  youMay: z
    .object({ proposeTier: z.boolean(), decideTier: z.boolean(), fixTier: z.boolean(), setClearanceList: z.boolean() })
    .openapi({ description: "What the caller may do beside the workflow actions (the same rules the server enforces)" }),
  clearance: ClearanceStateSchema,
  tierRecommendations: z.array(TierRecommendationSchema),
  tierRules: TierRulesSchema.nullable().openapi({ description: "Country narratives: the tier history and what the statute leaves open this year" }),
  history: z.array(HistoryEventSchema),
}).openapi("DocumentDetail");
