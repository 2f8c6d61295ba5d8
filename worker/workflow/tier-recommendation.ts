/**
 * Tier recommendations: a drafter proposes (superseding any earlier proposal or approval), the
 * reviewer approves or rejects. Each step takes the document's version, bumps it, and is audited
 * with the change in one batch. A decision moves nothing in the text workflow by itself; the
 * workflow only asks, when a narrative is approved for clearance, that an approved tier exists.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { tierLabel, type TierCode } from "#shared/tiers.ts";
import { TIER_OPEN_STATES } from "#shared/workflow.ts";
import { database } from "../db/client.ts";
import { tierRecommendations } from "../db/schema.ts";
import { findDocument, type DocumentSummary } from "../documents/document-queries.ts";
import type { Env } from "../env.ts";
import { ApiError, badRequest } from "../http/api-error.ts";
import { assertCanRead, assertRoleOn } from "../policy/policy.ts";
import { assertCurrentVersion, commitDocumentChange, type Actor } from "./document-change.ts";

export interface TierProposal {
  version: number;
  tier: TierCode;
  justification: string;
  flags: Record<string, unknown>;
}

export interface TierDecision {
  version: number;
  decision: "approve" | "reject";
  comment?: string | undefined;
}

async function openNarrative(env: Env, actor: Actor, documentId: string, role: "drafter" | "reviewer", doing: string, version: number) {
  const db = database(env);
  const doc = await findDocument(db, documentId);
  assertCanRead(actor.user, doc);
  assertCurrentVersion(doc, version);
  if (doc.kind !== "country_narrative") throw new ApiError(409, "not_a_narrative", "Only country narratives carry a tier.");
  assertRoleOn(actor.user, doc, role, doing);
  if (!TIER_OPEN_STATES.includes(doc.state)) {
    throw new ApiError(409, "wrong_state", `Tiers are proposed and decided before clearance; the document is ${doc.state.replace("_", " ")}.`, { state: doc.state });
  }
  return { db, doc };
}

export async function proposeTier(env: Env, actor: Actor, documentId: string, proposal: TierProposal): Promise<DocumentSummary> {
  const { db, doc } = await openNarrative(env, actor, documentId, "drafter", "propose its tier", proposal.version);
  const at = new Date().toISOString();
  await commitDocumentChange(
    db,
    actor,
    doc,
    { action: "tier.propose", comment: proposal.justification, details: { tier: proposal.tier, tierLabel: tierLabel(proposal.tier), flags: proposal.flags } },
    {},
    () => [
      db
        .update(tierRecommendations)
        .set({ status: "superseded" })
        .where(and(eq(tierRecommendations.documentId, doc.id), inArray(tierRecommendations.status, ["proposed", "approved"]))),
      db.insert(tierRecommendations).values({ documentId: doc.id, tier: proposal.tier, justification: proposal.justification, flags: proposal.flags, proposedBy: actor.user.id, proposedAt: at }),
    ],
  );
  return (await findDocument(db, doc.id))!;
}

export async function decideTier(env: Env, actor: Actor, documentId: string, decision: TierDecision): Promise<DocumentSummary> {
  const { db, doc } = await openNarrative(env, actor, documentId, "reviewer", "decide its tier", decision.version);
  const comment = decision.comment?.trim() || null;
  if (decision.decision === "reject" && !comment) throw badRequest("Rejecting a tier recommendation needs a comment saying why.");
  const pending = await db
    .select()
    .from(tierRecommendations)
    .where(and(eq(tierRecommendations.documentId, doc.id), eq(tierRecommendations.status, "proposed")))
    .orderBy(desc(tierRecommendations.id))
    .get();
  if (!pending) throw new ApiError(409, "no_pending_recommendation", "There is no tier recommendation waiting for a decision.");
  const status = decision.decision === "approve" ? ("approved" as const) : ("rejected" as const);
  await commitDocumentChange(
    db,
    actor,
    doc,
    { action: `tier.${decision.decision}`, comment, details: { recommendationId: pending.id, tier: pending.tier, tierLabel: tierLabel(pending.tier) } },
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
