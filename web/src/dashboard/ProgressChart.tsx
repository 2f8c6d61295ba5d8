/**
 * The narratives of each region by workflow state, as a stacked bar chart (recharts) with the same
 * numbers in a table beside it for anyone who does not read the chart.
 */
import { Table } from "@trussworks/react-uswds";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { REGIONS } from "#shared/regions.ts";
import { WORKFLOW_STATES } from "#shared/workflow-states.ts";
import type { CycleProgress } from "../api.ts";

/** The state tags' colours (StateTag), so the chart and the lists speak alike. */
export const STATE_COLOURS: Record<string, string> = {
  drafting: "#565c65",
  in_review: "#005ea2",
  returned: "#b50909",
  in_clearance: "#07648d",
  final_review: "#162e51",
  cleared: "#008817",
  published: "#216e1f",
};

/** Legend entries in the body's text colour: the swatch carries the colour, the words stay readable. */
export const legendText = (value: string) => <span className="text-ink">{value}</span>;

export function ProgressChart({ progress }: { progress: CycleProgress }) {
  const rows = REGIONS.map((r) => ({
    code: r.code,
    name: r.name,
    total: progress.byRegion[r.code]?.total ?? 0,
    overdue: progress.byRegion[r.code]?.overdue ?? 0,
    ...progress.byRegion[r.code]?.byState,
  }));
  const visible = rows.filter((r) => r.total > 0);
  const narratives = visible.reduce((n, r) => n + r.total, 0);
  return (
    <div data-testid="progress-chart">
      <p className="margin-top-0">{narratives} country narratives you can see, by region and where each stands.</p>
      <div className="tip-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={visible} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="code" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend formatter={legendText} />
            {WORKFLOW_STATES.map((s) => (
              <Bar key={s.code} dataKey={s.code} name={s.label} stackId="state" fill={STATE_COLOURS[s.code]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Table bordered compact fullWidth className="margin-top-1 font-body-2xs" scrollable>
        <caption>Narratives per region and workflow state</caption>
        <thead>
          <tr>
            <th scope="col">Region</th>
            {WORKFLOW_STATES.map((s) => (
              <th key={s.code} scope="col">
                {s.label}
              </th>
            ))}
            <th scope="col">Overdue</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((r) => (
            <tr key={r.code} data-testid={`progress-row-${r.code}`}>
              <th scope="row">{r.name}</th>
              {WORKFLOW_STATES.map((s) => (
                <td key={s.code} data-state={s.code}>
                  {((r as Record<string, unknown>)[s.code] as number | undefined) ?? 0}
                </td>
              ))}
              <td data-testid="overdue">{r.overdue}</td>
              <td data-testid="total">{r.total}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
