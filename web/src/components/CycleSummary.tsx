/** The current report cycle in one line, and its milestone dates. */
import type { Cycle } from "../api.ts";
import { longDate } from "../format.ts";

const MILESTONES: { key: keyof Cycle; label: string }[] = [
  { key: "draftingDue", label: "Drafting due" },
  { key: "reviewDue", label: "Review due" },
  { key: "clearanceDue", label: "Clearance due" },
  { key: "finalClearanceDue", label: "Final clearance due" },
  { key: "releaseDate", label: "Release" },
];

const STATUS_LABELS: Record<Cycle["status"], string> = {
  planning: "Planning",
  drafting: "Drafting",
  review: "Review",
  clearance: "Clearance",
  final_clearance: "Final clearance",
  released: "Released",
};

export function CycleSummary({ cycle }: { cycle: Cycle }) {
  return (
    <section aria-labelledby="cycle-heading" className="bg-base-lightest padding-2 radius-md margin-y-3" data-testid="cycle-summary">
      <h2 id="cycle-heading" className="usa-sr-only">
        Report cycle
      </h2>
      <div className="display-flex flex-wrap flex-align-center">
        <p className="margin-0 margin-right-1 font-body-md" data-testid="cycle-line">
          <strong>{cycle.year} report</strong> · reporting period {cycle.periodStart} – {cycle.periodEnd} · release {cycle.releaseDate}
        </p>
        <span className="usa-tag bg-primary-dark" data-testid="cycle-status" title="Cycle stage">
          {STATUS_LABELS[cycle.status] ?? cycle.status}
        </span>
      </div>
      <dl className="tip-milestones" data-testid="cycle-milestones">
        {MILESTONES.map((m) => (
          <div key={m.key}>
            <dt>{m.label}</dt>
            <dd>
              <time dateTime={String(cycle[m.key])}>{longDate(String(cycle[m.key]))}</time>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
