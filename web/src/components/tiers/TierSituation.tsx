/** What the statute leaves open this year, before any tier is chosen: the Watch List run and the waiver. */
import type { TierRules } from "../../api.ts";
import { tierLabel } from "#shared/tiers.ts";

export function TierSituation({ rules }: { rules: TierRules }) {
  const recent = rules.history.slice(-4);
  return (
    <div className="font-body-2xs margin-top-1" data-testid="tier-situation">
      <p className="margin-0">
        Tier history:{" "}
        {recent.length === 0 ? "none recorded" : recent.map((h) => `${h.year} ${tierLabel(h.tier)}${h.waiverUsed ? " (waiver)" : ""}`).join(" · ")}
      </p>
      <p className="margin-0">
        Watch List years running before {rules.year}: <strong>{rules.watchListYears}</strong>. Waiver of the automatic downgrade:{" "}
        <strong data-testid="waiver-status">{rules.waiver.available ? "available" : "not available"}</strong> — {rules.waiver.reason}
      </p>
    </div>
  );
}
