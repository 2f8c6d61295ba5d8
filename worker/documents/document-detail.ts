/** One document as its detail view shows it to this caller: deadline, rights, actions, clearances, tier, history. */
import { and, desc, eq, getTableColumns, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { sideRights } from "#shared/workflow.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { requireCycle, today } from "../cycles/cycle-queries.ts";
import type { Database } from "../db/client.ts";
import { auditEvents, tierRecommendations, users } from "../db/schema.ts";
import { withDeadline, type DocumentSummary } from "./document-queries.ts";
import { canEditDocument } from "../policy/policy.ts";
import { actionContext, offeredActions } from "../workflow/action-context.ts";
import { loadClearanceState } from "../workflow/clearance-state.ts";
import { tierHistoryBefore } from "../tiers/tier-history-queries.ts";
import { tierRulesView } from "../tiers/tier-recommendation.ts";

/** The document's recorded steps, newest first (edit sessions have their own history view). */
export async function workflowHistory(db: Database, documentId: string, limit = 200) {
  return db
    .select({
      seq: auditEvents.seq,
      at: auditEvents.at,
      actorUserId: auditEvents.actorUserId,
      actorEmail: auditEvents.actorEmail,
      action: auditEvents.action,
      documentVersion: auditEvents.documentVersion,
      snapshotHash: auditEvents.snapshotHash,
      comment: auditEvents.comment,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.documentId, documentId), ne(auditEvents.action, "document.edit_session")))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}

const proposer = alias(users, "proposer");
const decider = alias(users, "decider");

/** Newest first, with the names of who proposed and who decided. */
export async function tierRecommendationsOf(db: Database, documentId: string) {
  return db
    .select({ ...getTableColumns(tierRecommendations), proposedByName: proposer.name, decidedByName: decider.name })
    .from(tierRecommendations)
    .leftJoin(proposer, eq(proposer.id, tierRecommendations.proposedBy))
    .leftJoin(decider, eq(decider.id, tierRecommendations.decidedBy))
    .where(eq(tierRecommendations.documentId, documentId))
    .orderBy(desc(tierRecommendations.id));
}

export async function documentDetail(db: Database, user: CurrentUser, doc: DocumentSummary) {
  const narrative = doc.kind === "country_narrative" && doc.countryId !== null;
  const [cycle, clearance, history, recommendations, tierHistory] = await Promise.all([
    requireCycle(db, doc.cycleYear),
    loadClearanceState(db, doc),
    workflowHistory(db, doc.id),
    narrative ? tierRecommendationsOf(db, doc.id) : Promise.resolve([]),
    narrative ? tierHistoryBefore(db, doc.countryId!, doc.cycleYear) : Promise.resolve([]),
  ]);
  const live = recommendations.find((r) => r.status === "proposed" || r.status === "approved" || r.status === "final");
  const context = actionContext(user, doc, clearance);
  return {
    ...withDeadline(doc, cycle, today()),
    yourRoles: [...context.roles],
    youMayEdit: canEditDocument(user, doc),
    actions: offeredActions(context),
    youMay: sideRights({ ...context, tierProposalPending: recommendations.some((r) => r.status === "proposed") }),
    clearance,
    tierRecommendations: recommendations,
    tierRules: narrative ? tierRulesView(tierHistory, doc.cycleYear, live) : null,
    history,
  };
}
