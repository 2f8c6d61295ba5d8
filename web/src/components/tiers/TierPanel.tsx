/** This year's tier: the approved placement, the latest recommendation, and the forms of the people who propose and decide it. */
import { Tag } from "@trussworks/react-uswds";
import type { DocumentDetail, TierRecommendation } from "../../api.ts";
import { dateTime } from "../../format.ts";
import type { TierRecommendationStatus } from "#shared/tier-recommendations.ts";
import { tierLabel } from "#shared/tiers.ts";
import type { Perform } from "../workflow/perform.ts";
import { TierDecisionForm } from "./TierDecisionForm.tsx";
import { TierFixForm } from "./TierFixForm.tsx";
import { TierProposalForm } from "./TierProposalForm.tsx";

const STATUS: Record<TierRecommendationStatus, { label: string; colour: string }> = {
  proposed: { label: "Awaiting the reviewer's decision", colour: "bg-gold text-ink" },
  approved: { label: "Approved", colour: "bg-success-dark" },
  rejected: { label: "Rejected", colour: "bg-secondary-dark" },
  superseded: { label: "Superseded", colour: "bg-base" },
  final: { label: "Fixed at final clearance", colour: "bg-primary-dark" },
};

function Recommendation({ recommendation: r }: { recommendation: TierRecommendation }) {
  return (
    <div className="border-1px border-base-lighter radius-md padding-2 margin-top-2" data-testid="tier-recommendation">
      <p className="margin-0">
        <strong>Latest recommendation: {tierLabel(r.tier)}</strong>{" "}
        <Tag className={`${STATUS[r.status].colour} margin-left-1`} data-testid="tier-recommendation-status">
          {STATUS[r.status].label}
        </Tag>
      </p>
      <p className="margin-y-1 font-body-2xs text-base-dark">
        Proposed by {r.proposedByName ?? r.proposedBy} {dateTime(r.proposedAt)}
        {r.decidedAt ? ` · decided by ${r.decidedByName ?? r.decidedBy} ${dateTime(r.decidedAt)}` : ""}
      </p>
      <p className="margin-y-1 tip-prewrap">{r.justification}</p>
      {r.flags.policyOrPattern ? <p className="margin-y-1 font-body-2xs">Flag: government policy or pattern of trafficking.</p> : null}
      {r.flags.waiverRequested ? <p className="margin-y-1 font-body-2xs">Flag: waiver requested.</p> : null}
      {r.flags.waiverPlanReference ? <p className="margin-y-1 font-body-2xs">Written plan: {String(r.flags.waiverPlanReference)}</p> : null}
      {r.decisionComment ? (
        <p className="margin-bottom-0 font-body-2xs">
          {r.fixedBy && r.proposedBy === r.fixedBy ? "Leadership" : "Reviewer"}: {r.decisionComment}
        </p>
      ) : null}
      {r.fixedAt ? <p className="margin-bottom-0 font-body-2xs">Fixed at final clearance {dateTime(r.fixedAt)}.</p> : null}
    </div>
  );
}

export function TierPanel({ document: doc, busy, perform }: { document: DocumentDetail; busy: boolean; perform: Perform }) {
  if (doc.kind !== "country_narrative") return null;
  const latest = doc.tierRecommendations[0];
  const mayPropose = doc.youMay.proposeTier;
  const mayDecide = doc.youMay.decideTier;
  return (
    <section aria-labelledby="tier-heading" className="tip-panel" data-testid="tier-panel">
      <h2 id="tier-heading">{doc.cycleYear} tier</h2>
      <p className="margin-0" data-testid="approved-tier">
        {doc.approvedTier ? (
          <>
            {doc.tierFixed ? "Final tier" : "Approved tier"}: <strong>{tierLabel(doc.approvedTier)}</strong>
            {doc.previousTier ? ` (${doc.cycleYear - 1}: ${tierLabel(doc.previousTier)})` : ""}
          </>
        ) : (
          <>No tier approved yet{doc.previousTier ? ` (${doc.cycleYear - 1}: ${tierLabel(doc.previousTier)})` : ""}.</>
        )}
      </p>
      {latest ? <Recommendation recommendation={latest} /> : <p className="text-base-dark">No tier has been proposed yet.</p>}
      {mayDecide ? <TierDecisionForm document={doc} busy={busy} perform={perform} /> : null}
      {mayPropose ? <TierProposalForm document={doc} busy={busy} perform={perform} /> : null}
      {doc.youMay.fixTier ? <TierFixForm document={doc} busy={busy} perform={perform} /> : null}
    </section>
  );
}
