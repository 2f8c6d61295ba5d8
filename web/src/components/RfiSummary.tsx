/**
 * The cycle's request for information in a few lines: open or closed, the deadline and the days
 * left, how many submissions the reader may see, and a link to the sources page (coverage, filing).
 * Shown on the document list; the dashboard places it too.
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import type { Rfi } from "../api.ts";
import { longDate, plural } from "../format.ts";
import { queries } from "../query.ts";

export function deadlineText(rfi: Pick<Rfi, "status" | "daysLeft" | "deadline" | "opensOn">): string {
  const date = longDate(rfi.deadline);
  if (rfi.status === "not_open") return `Opens ${longDate(rfi.opensOn)}; submissions due ${date}`;
  if (rfi.status === "closed") return `Closed on ${date}`;
  if (rfi.daysLeft === 0) return `Submissions due today (${date})`;
  return `${plural(rfi.daysLeft, "day")} left: submissions due ${date}`;
}

export function RfiSummary({ year }: { year: number }) {
  const rfi = useQuery(queries.rfi(year));
  // An extra beside the list: it fails quietly, as the cycle's countdown does.
  if (!rfi.data) return null;
  const data = rfi.data.rfi;
  return (
    <section className="tip-rfi-summary margin-y-2" aria-labelledby="rfi-summary-title" data-testid="rfi-summary">
      <h2 id="rfi-summary-title" className="margin-0 font-sans-sm">
        Request for information
      </h2>
      {data ? (
        <p className="margin-y-05">
          <strong data-testid="rfi-days-left">{deadlineText(data)}</strong>
          <span className="text-base-dark"> · {plural(data.submissions, "submission")} filed</span>
        </p>
      ) : (
        <p className="margin-y-05 text-base-dark">Not opened for {year} yet.</p>
      )}
      <Link href={`/cycles/${year}/sources`} className="usa-link" data-testid="sources-link">
        Submissions and coverage
      </Link>
    </section>
  );
}
