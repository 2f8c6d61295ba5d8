/** The current report cycle in one line, the days left to the release, how many documents are overdue, and its milestone dates. */
import { useQuery } from "@tanstack/react-query";
import type { Cycle, CycleProgress } from "../api.ts";
import { longDate, plural } from "../format.ts";
import { queries } from "../query.ts";

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

/** "June" for "2026-06-15" (calendar dates, read in UTC so they never shift a day). */
function monthName(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleDateString("en-US", { month: "long", timeZone: "UTC" });
}

/** "45 days to the June release (June 15, 2026)"; "released" wording once the day has come. */
function releaseCountdown(progress: CycleProgress, released: boolean): string {
  const month = monthName(progress.releaseDate);
  const release = month ? `the ${month} release` : "the release";
  const date = longDate(progress.releaseDate);
  const days = progress.daysToRelease;
  if (released) return `Released (${date})`;
  if (days > 0) return `${plural(days, "day")} to ${release} (${date})`;
  if (days === 0) return `${release.charAt(0).toUpperCase()}${release.slice(1)} is today (${date})`;
  return `${plural(-days, "day")} past the planned release (${date})`;
}

function Progress({ cycle }: { cycle: Cycle }) {
  const progress = useQuery(queries.progress(cycle.year));
  const data = progress.data;
  // The milestones below still give the release date; the countdown is an extra that may fail quietly.
  if (!data) return null;
  const { overall } = data;
  return (
    <div className="display-flex flex-wrap flex-align-center margin-top-1" data-testid="cycle-progress">
      <p className="margin-0 margin-right-2 text-bold" data-testid="days-to-release">
        {releaseCountdown(data, cycle.status === "released")}
      </p>
      {cycle.status !== "released" ? (
        <p className="margin-0" data-testid="overdue-count">
          {overall.overdue > 0 ? (
            <>
              <span className="usa-tag bg-secondary-dark margin-right-05">Overdue</span>
              {overall.overdue} of {plural(overall.total, "document")} you can see {overall.overdue === 1 ? "is" : "are"} behind the cycle's calendar
            </>
          ) : (
            <>No overdue documents among the {plural(overall.total, "document")} you can see</>
          )}
        </p>
      ) : null}
    </div>
  );
}

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
      <Progress cycle={cycle} />
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
