/**
 * This year's tier distribution against last year's over the same countries (recharts), with the
 * upgrades and downgrades by name. One request: the year's placement tables.
 */
import { Table } from "@trussworks/react-uswds";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { Link } from "wouter";
import { TIERS } from "#shared/tiers.ts";
import type { TierPlacements } from "../api.ts";
import { legendText } from "./ProgressChart.tsx";
import { plural } from "../format.ts";

type Placed = TierPlacements["upgrades"][number];

function Moves({ title, countries, testId, arrow }: { title: string; countries: Placed[]; testId: string; arrow: string }) {
  return (
    <div data-testid={testId} className="tip-moves">
      <h3 className="margin-y-1 font-body-sm">
        {title} ({countries.length})
      </h3>
      {countries.length ? (
        <ul className="usa-list margin-top-0">
          {countries.map((c) => (
            <li key={c.countryId}>
              {c.name}: {c.previousTierLabel} <span aria-hidden="true">{arrow}</span>
              <span className="usa-sr-only">to</span> {c.tierLabel}
              {c.status === "approved" ? <span className="text-base-dark"> (approved, not final)</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="margin-top-0 text-base-dark">None so far.</p>
      )}
    </div>
  );
}

export function TierComparison({ placements }: { placements: TierPlacements }) {
  const { year, previousYear, global } = placements;
  const thisYear = String(year);
  const lastYear = String(previousYear);
  const rows = TIERS.map((t) => ({ tier: t.label, code: t.code, [lastYear]: global.previousCounts[t.code], [thisYear]: global.counts[t.code] }));
  const notPlaced = global.notPlaced.length;
  return (
    <div data-testid="tier-comparison">
      <p className="margin-top-0">
        {plural(global.placed, "country", "countries")} placed for {year} so far
        {notPlaced ? `, ${notPlaced} not yet` : ""}; beside each tier, the same countries' count in {previousYear}.
        {placements.partial ? ` Only the ${plural(global.total, "narrative")} you can see are counted.` : ""}
      </p>
      <div className="tip-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={rows} margin={{ top: 20, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="tier" interval={0} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} />
            <Legend formatter={legendText} />
            <Bar dataKey={lastYear} name={`${previousYear} report`} fill="#a9aeb1" isAnimationActive={false}>
              <LabelList dataKey={lastYear} position="top" fontSize={12} />
            </Bar>
            <Bar dataKey={thisYear} name={`${year} so far`} fill="#1a4480" isAnimationActive={false}>
              <LabelList dataKey={thisYear} position="top" fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Table bordered compact fullWidth className="margin-top-1 font-body-2xs">
        <caption>
          Countries per tier, {previousYear} and {year}
        </caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">{previousYear}</th>
            <th scope="col">{year}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} data-testid={`tier-row-${r.code}`}>
              <th scope="row">{r.tier}</th>
              <td data-testid="previous">{r[lastYear]}</td>
              <td data-testid="current">{r[thisYear]}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Not placed yet</th>
            <td>—</td>
            <td data-testid="not-placed">{notPlaced}</td>
          </tr>
        </tbody>
      </Table>
      <div className="tip-moves-row">
        <Moves title="Upgrades" countries={placements.upgrades} testId="upgrades" arrow="▲" />
        <Moves title="Downgrades" countries={placements.downgrades} testId="downgrades" arrow="▼" />
      </div>
      <p className="margin-bottom-0">
        <Link href={`/cycles/${year}/tiers`} className="usa-link">
          Every country by tier and region
        </Link>
      </p>
    </div>
  );
}
