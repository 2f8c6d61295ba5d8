/** The statute's outcome for a tier, as alerts: errors block, warnings inform; each quotes the rule it rests on. */
import { Alert } from "@trussworks/react-uswds";
import type { TierOutcome } from "#shared/tier-rules.ts";
import { tierLabel } from "#shared/tiers.ts";

export function StatuteFindings({ outcome }: { outcome: TierOutcome }) {
  if (outcome.findings.length === 0) return null;
  return (
    <div data-testid="statute-findings" aria-live="polite">
      {outcome.findings.map((f) => (
        <Alert
          key={`${f.clause}-${f.message}`}
          type={f.severity === "error" ? "error" : "warning"}
          className="margin-top-1"
          data-testid={`statute-${f.severity}`}
          data-clause={f.clause}
        >
          <h4 className="usa-alert__heading">{f.severity === "error" ? "The statute does not allow this" : "Note from the statute"}</h4>
          <p className="margin-0">{f.message}</p>
          {f.severity === "error" && outcome.requiredTier ? <p className="margin-0">Required: {tierLabel(outcome.requiredTier)}.</p> : null}
          <details className="margin-top-05 font-body-2xs">
            <summary>The rule (2024 Methodology)</summary>
            <blockquote className="margin-x-0 margin-y-05">{f.rule}</blockquote>
          </details>
        </Alert>
      ))}
    </div>
  );
}
