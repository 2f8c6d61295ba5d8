/**
 * Tier recommendations: a drafter proposes (superseding any earlier proposal or approval), the
 * reviewer approves or rejects, and leadership fixes the tier in final review. Each step checks the
 * statute's rules against the country's tier history, takes the document's version, bumps it, and
 * is audited with the change in one batch. A decision moves nothing in the text workflow by itself;
 * the workflow only asks, when a narrative is approved for clearance, that an approved tier exists.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import {
  evaluateTierPlacement,
  firstTierError,
  tierSituation,
  waiverStatus,
  type TierHistoryYear,
  type TierOutcome,
  type TierProposalFlags,
} from "#shared/tier-rules.ts";
import { tierLabel, type TierCode } from "#shared/tiers.ts";
import { workflowStateLabel } from "#shared/workflow-states.ts";
import { TIER_OPEN_STATES } from "#shared/workflow.ts";
import type { Database } from "../db/client.ts";
import { database } from "../db/client.ts";
import { tierRecommendations } from "../db/schema.ts";
import { tierHistoryBefore } from "./tier-history-queries.ts";
import { loadReadableDocument } from "../documents/document-access.ts";
import { findDocument, type DocumentSummary } from "../documents/document-queries.ts";
import type { Env } from "../env.ts";
import { ApiError, badRequest } from "../http/api-error.ts";
import { assertRoleOn } from "../policy/policy.ts";
import { assertCurrentVersion, commitDocumentChange, type Actor } from "../workflow/document-change.ts";

export interface TierProposal {
  version: number;
  tier: TierCode;
  justification: string;
  flags: TierProposalFlags;
}

export type TierDecision =
  | { version: number; decision: "approve" | "reject"; comment?: string | undefined }
  | { version: number; decision: "final"; tier?: TierCode | undefined; comment?: string | undefined };

/** Refuses a placement the statute does not allow, naming the clause; returns the outcome otherwise. */
function assertStatuteAllows(history: TierHistoryYear[], year: number, tier: TierCode, flags: TierProposalFlags): TierOutcome {
  const outcome = evaluateTierPlacement(history, year, tier, flags);
  const error = firstTierError(outcome);
  if (error) {
    throw new ApiError(422, "tier_rule", error.message, {
      clause: error.clause,
      rule: error.rule,
      requiredTier: outcome.requiredTier,
      allowedTiers: outcome.allowedTiers,
      waiver: outcome.waiver,
      findings: outcome.findings,
    });
  }
  return outcome;
}

/** What the detail view shows about the statute for this narrative: history, waiver, and the outcome of the live recommendation. */
export function tierRulesView(history: TierHistoryYear[], year: number, current: { tier: TierCode; flags: Record<string, unknown> } | undefined) {
  return {
    year,
    history,
    watchListYears: tierSituation(history, year).watchListYears,
    waiver: waiverStatus(history, year),
    current: current ? evaluateTierPlacement(history, year, current.tier, current.flags as TierProposalFlags) : null,
  };
}

function outcomeDetails(outcome: TierOutcome) {
  return {
    usesWaiver: outcome.usesWaiver,
    warnings: outcome.findings.filter((f) => f.severity === "warning").map((f) => ({ clause: f.clause, message: f.message })),
  };
}

async function openNarrative(env: Env, actor: Actor, documentId: string, version: number) {
  const db = database(env);
  const doc = await loadReadableDocument(db, actor.user, documentId);
  assertCurrentVersion(doc, version);
  if (doc.kind !== "country_narrative" || !doc.countryId) throw new ApiError(409, "not_a_narrative", "Only country narratives carry a tier.");
  return { db, doc, countryId: doc.countryId };
}

function assertTierOpen(doc: DocumentSummary) {
  if (!TIER_OPEN_STATES.includes(doc.state)) {
    throw new ApiError(409, "wrong_state", `Tiers are proposed and decided before clearance; the document is ${workflowStateLabel(doc.state).toLowerCase()}.`, {
      state: doc.state,
    });
  }
}

export async function proposeTier(env: Env, actor: Actor, documentId: string, proposal: TierProposal): Promise<DocumentSummary> {
  const { db, doc, countryId } = await openNarrative(env, actor, documentId, proposal.version);
  assertRoleOn(actor.user, doc, "drafter", "propose its tier");
  assertTierOpen(doc);
  const outcome = assertStatuteAllows(await tierHistoryBefore(db, countryId, doc.cycleYear), doc.cycleYear, proposal.tier, proposal.flags);
  const at = new Date().toISOString();
  await commitDocumentChange(
    env,
    db,
    actor,
    doc,
    {
      action: "tier.propose",
      comment: proposal.justification,
      details: { tier: proposal.tier, tierLabel: tierLabel(proposal.tier), flags: proposal.flags, ...outcomeDetails(outcome) },
    },
    {},
    () => [
      db
        .update(tierRecommendations)
        .set({ status: "superseded" })
        .where(and(eq(tierRecommendations.documentId, doc.id), inArray(tierRecommendations.status, ["proposed", "approved", "final"]))),
      db.insert(tierRecommendations).values({
        documentId: doc.id,
        tier: proposal.tier,
        justification: proposal.justification,
        flags: { ...proposal.flags },
        proposedBy: actor.user.id,
        proposedAt: at,
      }),
    ],
  );
  return (await findDocument(db, doc.id))!;
}

export async function decideTier(env: Env, actor: Actor, documentId: string, decision: TierDecision): Promise<DocumentSummary> {
  if (decision.decision === "final") return fixTier(env, actor, documentId, decision);
  const { db, doc, countryId } = await openNarrative(env, actor, documentId, decision.version);
  assertRoleOn(actor.user, doc, "reviewer", "decide its tier");
  assertTierOpen(doc);
  const comment = decision.comment?.trim() || null;
  if (decision.decision === "reject" && !comment) throw badRequest("Rejecting a tier recommendation needs a comment saying why.");
  const pending = await db
    .select()
    .from(tierRecommendations)
    .where(and(eq(tierRecommendations.documentId, doc.id), eq(tierRecommendations.status, "proposed")))
    .orderBy(desc(tierRecommendations.id))
    .get();
  if (!pending) throw new ApiError(409, "no_pending_recommendation", "There is no tier recommendation waiting for a decision.");
  // The history may have grown (an import of earlier years) since the proposal: approval checks it again.
  const outcome =
    decision.decision === "approve"
      ? assertStatuteAllows(await tierHistoryBefore(db, countryId, doc.cycleYear), doc.cycleYear, pending.tier, pending.flags as TierProposalFlags)
      : null;
  const status = decision.decision === "approve" ? ("approved" as const) : ("rejected" as const);
  await commitDocumentChange(
    env,
    db,
    actor,
    doc,
    {
      action: `tier.${decision.decision}`,
      comment,
      details: { recommendationId: pending.id, tier: pending.tier, tierLabel: tierLabel(pending.tier), ...(outcome ? outcomeDetails(outcome) : {}) },
    },
    {},
    () => [
      db
        .update(tierRecommendations)
        .set({ status, decidedBy: actor.user.id, decidedAt: new Date().toISOString(), decisionComment: comment })
        .where(and(eq(tierRecommendations.id, pending.id), eq(tierRecommendations.status, "proposed"))),
    ],
  );
  return (await findDocument(db, doc.id))!;
}

/**
 * Leadership fixes this year's tier in final review: the approved tier as it stands, or another
 * one with a comment saying why. Final clearance then records it as the country's placement.
 */
async function fixTier(env: Env, actor: Actor, documentId: string, decision: Extract<TierDecision, { decision: "final" }>): Promise<DocumentSummary> {
  const { db, doc, countryId } = await openNarrative(env, actor, documentId, decision.version);
  assertRoleOn(actor.user, doc, "leadership", "fix its tier");
  if (doc.state !== "final_review") {
    throw new ApiError(409, "wrong_state", `Leadership fixes the tier in final review; the document is ${workflowStateLabel(doc.state).toLowerCase()}.`, {
      state: doc.state,
    });
  }
  const standing = await db
    .select()
    .from(tierRecommendations)
    .where(and(eq(tierRecommendations.documentId, doc.id), inArray(tierRecommendations.status, ["approved", "final"])))
    .orderBy(desc(tierRecommendations.id))
    .get();
  if (!standing) throw new ApiError(409, "approved_tier_required", "There is no approved tier to fix.");
  const tier = decision.tier ?? standing.tier;
  const comment = decision.comment?.trim() || null;
  if (tier !== standing.tier && !comment)
    throw badRequest(`Fixing ${tierLabel(tier)} instead of the approved ${tierLabel(standing.tier)} needs a comment saying why.`);
  const flags = standing.flags as TierProposalFlags;
  const outcome = assertStatuteAllows(await tierHistoryBefore(db, countryId, doc.cycleYear), doc.cycleYear, tier, flags);
  const at = new Date().toISOString();
  await commitDocumentChange(
    env,
    db,
    actor,
    doc,
    {
      action: "tier.final",
      comment,
      details: { recommendationId: standing.id, tier, tierLabel: tierLabel(tier), approvedTier: standing.tier, ...outcomeDetails(outcome) },
    },
    {},
    () =>
      tier === standing.tier
        ? [db.update(tierRecommendations).set({ status: "final", fixedBy: actor.user.id, fixedAt: at }).where(eq(tierRecommendations.id, standing.id))]
        : [
            db.update(tierRecommendations).set({ status: "superseded" }).where(eq(tierRecommendations.id, standing.id)),
            db.insert(tierRecommendations).values({
              documentId: doc.id,
              tier,
              justification: comment!,
              flags: { ...flags },
              proposedBy: actor.user.id,
              proposedAt: at,
              status: "final",
              decidedBy: actor.user.id,
              decidedAt: at,
              decisionComment: comment,
              fixedBy: actor.user.id,
              fixedAt: at,
            }),
          ],
  );
  return (await findDocument(db, doc.id))!;
}

/** Final clearance fixes the approved tier when leadership has not fixed one explicitly. */
export function fixApprovedTierStatement(db: Database, documentId: string, actorId: string, at: string) {
  return db
    .update(tierRecommendations)
    .set({ status: "final", fixedBy: actorId, fixedAt: at })
    .where(and(eq(tierRecommendations.documentId, documentId), eq(tierRecommendations.status, "approved")));
}

/** Reopening a cleared narrative unfixes its tier: it stands as approved until fixed again. */
export function unfixTierStatement(db: Database, documentId: string) {
  return db
    .update(tierRecommendations)
    .set({ status: "approved", fixedBy: null, fixedAt: null })
    .where(and(eq(tierRecommendations.documentId, documentId), eq(tierRecommendations.status, "final")));
}
