/** This year's tier beside a narrative's name wherever it is listed: approved, or fixed by leadership. */
import { tierLabel, type TierCode } from "#shared/tiers.ts";

export function TierBadge({ tier, fixed }: { tier: TierCode | null; fixed: boolean }) {
  if (!tier) return <span className="text-base-dark">Not yet approved</span>;
  return (
    <span data-testid="tier-badge">
      {tierLabel(tier)}
      <span className="font-body-3xs text-base-dark margin-left-05">{fixed ? "(final)" : "(approved)"}</span>
    </span>
  );
}
