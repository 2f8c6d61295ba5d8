/** Documents as lists and as one page shows them, and the workflow action request (/api/cycles/:year/documents, /api/documents/:id). */
import { z } from "@hono/zod-openapi";
import { DOCUMENT_KINDS } from "../documents.ts";
import { REGION_CODES } from "../regions.ts";
import { ROLES } from "../roles.ts";
import { APPROVED_TIER_FILTERS, TIER_CODES } from "../tiers.ts";
import { WORKFLOW_ACTIONS } from "../workflow.ts";
import { WORKFLOW_STATE_CODES } from "../workflow-states.ts";
import { AuditEventSchema } from "./audit.ts";
import { ClearanceStateSchema } from "./clearances.ts";
import { TierRecommendationSchema, TierRulesSchema } from "./tiers.ts";

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

const booleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");

/** The list's filters; `mine` and `overdue` travel as "true"/"false" and are read as booleans. */
export const DocumentListQuerySchema = z
  .object({
    region: z.enum(REGION_CODES).optional(),
    kind: z.enum(DOCUMENT_KINDS).optional(),
    state: z.enum(WORKFLOW_STATE_CODES).optional(),
    tier: z.enum(TIER_CODES).optional().openapi({ description: "Previous year's tier" }),
    approvedTier: z
      .enum(APPROVED_TIER_FILTERS)
      .optional()
      .openapi({ description: "This year's tier (approved by the reviewer or fixed by leadership); `none`: not placed yet" }),
    assignee: z.string().min(1).max(80).optional().openapi({ description: "Only documents waiting on this person now (a user id from `assignees`)" }),
    overdue: booleanQuery.optional().openapi({ description: "Only documents behind the cycle's calendar (true), or only those on time (false)" }),
    q: z.string().max(100).optional().openapi({ description: "Title contains these words (case and accents ignored)" }),
    mine: booleanQuery.optional().openapi({ description: "Only documents within the caller's drafting, review or clearing assignments" }),
  })
  .strict();

/** Someone a document waits on now: drafters while drafting, reviewers in review, each pending office's clearers, leadership in final review. */
export const AssigneeSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    officeCode: z.string().nullable().openapi({ description: "Clearers: the pending office" }),
  })
  .openapi("Assignee");

export const DocumentListItemSchema = DocumentSummarySchema.extend({ assignees: z.array(AssigneeSchema) }).openapi("DocumentListItem");

export const DocumentListSchema = z.object({
  documents: z.array(DocumentListItemSchema),
  counts: z.object({
    total: z.number().int(),
    overdue: z.number().int(),
    byState: z.record(z.string(), z.number().int()),
    byRegion: z.record(z.string(), z.number().int()),
    byKind: z.record(z.string(), z.number().int()),
    byPreviousTier: z.record(z.string(), z.number().int()),
  }),
  assignees: z
    .array(z.object({ userId: z.string(), name: z.string(), documents: z.number().int() }))
    .openapi({ description: "Everyone some document the caller can see waits on, whatever the filters (the choices of the `assignee` filter), by name" }),
});

/** One action the state machine offers the caller now, with what its form must ask for (`offices`: ask when more than one). */
export const OfferedActionSchema = z.object({
  action: z.enum(WORKFLOW_ACTIONS),
  label: z.string(),
  requiresComment: z.boolean(),
  offices: z.array(z.string()),
});

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
  actions: z.array(OfferedActionSchema).openapi({
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

export const OfficeCode = z
  .string()
  .regex(/^[A-Z]{1,6}$/, "an office code such as DRL or L")
  .openapi({ example: "DRL" });

export const ActionRequestSchema = z
  .object({
    action: z.enum(WORKFLOW_ACTIONS),
    version: z.number().int().positive().openapi({ description: "The document version the action is made on (from GET /api/documents/:id)" }),
    comment: z.string().max(4000).optional().openapi({ description: "Required when returning, recalling, reopening or proceeding without an office" }),
    office: OfficeCode.optional().openapi({ description: "For clear and proceed_without: the office concerned, when more than one is possible" }),
  })
  .strict()
  .openapi("WorkflowActionRequest");

/** GET /api/me/inbox: every document where the caller has a workflow action now, overdue first. */
export const InboxSchema = z
  .object({
    year: z.number().int(),
    today: z.string(),
    total: z.number().int(),
    overdue: z.number().int(),
    items: z.array(DocumentSummarySchema.extend({ actions: z.array(OfferedActionSchema) })),
  })
  .openapi("Inbox");
