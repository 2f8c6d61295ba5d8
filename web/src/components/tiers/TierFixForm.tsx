/** Leadership fixes this year's tier in final review: the approved one, or another with the reason. */
import { Button, Label, Select, Textarea } from "@trussworks/react-uswds";
import { useId, useMemo, useState } from "react";
import { api, type DocumentDetail } from "../../api.ts";
import { evaluateTierPlacement, type TierProposalFlags } from "#shared/tier-rules.ts";
import { TIERS, tierLabel, type TierCode } from "#shared/tiers.ts";
import { StatuteFindings } from "./StatuteFindings.tsx";
import type { Perform } from "../workflow/perform.ts";

export function TierFixForm({ document: doc, busy, perform }: { document: DocumentDetail; busy: boolean; perform: Perform }) {
  const id = useId();
  const standing = doc.tierRecommendations.find((r) => r.status === "approved" || r.status === "final");
  const [tier, setTier] = useState<TierCode | "">(standing?.tier ?? "");
  const [comment, setComment] = useState("");
  const rules = doc.tierRules;
  const outcome = useMemo(
    () => (rules && tier ? evaluateTierPlacement(rules.history, rules.year, tier, (standing?.flags ?? {}) as TierProposalFlags) : null),
    [rules, tier, standing],
  );
  if (!standing) return null;
  const changes = tier !== standing.tier;
  const ready = tier !== "" && (!changes || comment.trim() !== "") && (outcome?.allowed ?? true);
  const fix = async () => {
    if (tier === "") return;
    const text = comment.trim();
    const ok = await perform((version) => api.decideTier(doc.id, { version, decision: "final", tier, ...(text ? { comment: text } : {}) }));
    if (ok) setComment("");
  };
  return (
    <div className="margin-top-2" role="group" aria-labelledby={`${id}-heading`} data-testid="tier-fix">
      <h3 id={`${id}-heading`} className="margin-0 font-body-md">
        {standing.status === "final" ? "Change the final tier" : "Fix the final tier"}
      </h3>
      <p className="margin-y-05 font-body-2xs">
        {standing.status === "final"
          ? `${tierLabel(standing.tier)} is fixed. Until final clearance you may fix another tier, giving the reason.`
          : `The reviewer approved ${tierLabel(standing.tier)}. Final clearance fixes it as it stands unless you fix another tier here.`}
      </p>
      <Label htmlFor={`${id}-tier`}>Final tier</Label>
      <Select id={`${id}-tier`} name="finalTier" value={tier} onChange={(e) => setTier(e.target.value as TierCode | "")}>
        {TIERS.map((t) => (
          <option key={t.code} value={t.code}>
            {t.label}
          </option>
        ))}
      </Select>
      {outcome ? <StatuteFindings outcome={outcome} /> : null}
      <Label htmlFor={`${id}-comment`}>{changes ? "Why this tier (required)" : "Comment (optional)"}</Label>
      <Textarea id={`${id}-comment`} name="finalTierComment" maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <Button type="button" className="margin-top-2" disabled={busy || !ready} onClick={() => void fix()}>
        Fix {tier ? tierLabel(tier) : "tier"}
      </Button>
    </div>
  );
}
