/** The reviewer approves or rejects the proposed tier (rejecting needs a comment), seeing what the statute says about it. */
import { Button, ButtonGroup, Label, Textarea } from "@trussworks/react-uswds";
import { useId, useState } from "react";
import { api, type DocumentDetail } from "../../api.ts";
import { StatuteFindings } from "./StatuteFindings.tsx";
import type { Perform } from "../workflow/perform.ts";

export function TierDecisionForm({ document: doc, busy, perform }: { document: DocumentDetail; busy: boolean; perform: Perform }) {
  const id = useId();
  const [comment, setComment] = useState("");
  const outcome = doc.tierRules?.current ?? null;
  const decide = async (decision: "approve" | "reject") => {
    const text = comment.trim();
    const ok = await perform((version) => api.decideTier(doc.id, { version, decision, ...(text ? { comment: text } : {}) }));
    if (ok) setComment("");
  };
  return (
    <div className="margin-top-2" role="group" aria-labelledby={`${id}-heading`} data-testid="tier-decision">
      <h3 id={`${id}-heading`} className="margin-0 font-body-md">
        Decide the proposed tier
      </h3>
      {outcome ? <StatuteFindings outcome={outcome} /> : null}
      <Label htmlFor={`${id}-comment`}>Comment (required to reject)</Label>
      <Textarea id={`${id}-comment`} name="decisionComment" maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <ButtonGroup className="margin-top-2">
        <Button type="button" disabled={busy || outcome?.allowed === false} onClick={() => void decide("approve")}>
          Approve tier
        </Button>
        <Button type="button" secondary disabled={busy || !comment.trim()} onClick={() => void decide("reject")}>
          Reject tier
        </Button>
      </ButtonGroup>
    </div>
  );
}
