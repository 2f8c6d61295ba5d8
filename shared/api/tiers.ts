/** A narrative's tier recommendations, the statute's verdict on them, and the requests that change them (/api/documents/:id/tier). */
import { z } from "@hono/zod-openapi";
import { TIER_RECOMMENDATION_STATUSES } from "../tier-recommendations.ts";
import { TIER_RULES, type TierRuleClause } from "../tier-rules.ts";
import { TIER_CODES } from "../tiers.ts";

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

export const TierRulesSchema = z
  .object({
    year: z.number().int(),
    history: z.array(z.object({ year: z.number().int(), tier: z.enum(TIER_CODES), waiverUsed: z.boolean() })),
    watchListYears: z.number().int(),
    waiver: z.object({ available: z.boolean(), reason: z.string() }),
    current: TierOutcomeSchema.nullable().openapi({ description: "The statute's outcome for the latest open or approved recommendation" }),
  })
  .openapi("TierRules");

export const TierProposalSchema = z
  .object({
    version: z.number().int().positive(),
    tier: z.enum(TIER_CODES),
    justification: z.string().trim().min(1, "give the justification").max(20_000),
    flags: z
      .object({
        policyOrPattern: z.boolean().optional().openapi({ description: "A government policy or pattern of trafficking (points to Tier 3)" }),
        waiverRequested: z.boolean().optional(),
        waiverPlanReference: z.string().max(500).optional().openapi({ description: "The written plan a waiver rests on" }),
      })
      .strict()
      .default({}),
  })
  .strict()
  .openapi("TierProposal");

export const TierDecisionSchema = z
  .discriminatedUnion("decision", [
    z
      .object({
        version: z.number().int().positive(),
        decision: z.enum(["approve", "reject"]),
        comment: z.string().max(4000).optional().openapi({ description: "Required when rejecting" }),
      })
      .strict(),
    z
      .object({
        version: z.number().int().positive(),
        decision: z.literal("final"),
        tier: z.enum(TIER_CODES).optional().openapi({ description: "Leadership's final tier; the approved tier when left out" }),
        comment: z.string().max(4000).optional().openapi({ description: "Required when the final tier differs from the approved one" }),
      })
      .strict(),
  ])
  .openapi("TierDecision");
