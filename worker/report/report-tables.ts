/**
 * The report's closing tables, as rows of text both renderings print: the tier placements (counts
 * per region, then every country with its tier, last year's and the move) and the law-enforcement
 * data (the global table over the years, then the regions for the reporting year), worded as the
 * 2024 report prints them ("7,115 (1,969)": the labor-trafficking part in parentheses).
 */
import type { Report } from "#shared/api/report.ts";
import { TIERS } from "#shared/tiers.ts";

export interface TableSpec {
  id: string;
  title: string;
  /** What the reader must know to read it (pre-decisional tiers, countries left out). */
  note: string | null;
  header: string[];
  rows: string[][];
}

export interface TableChapter {
  id: string;
  title: string;
  tables: TableSpec[];
}

const number = new Intl.NumberFormat("en-US");
const fmt = (n: number | null | undefined) => (n === null || n === undefined ? "–" : number.format(n));
const withLabor = (total: number | null | undefined, labor: number | null | undefined) => `${fmt(total)} (${fmt(labor)})`;

const CHANGE_WORDS: Record<string, string> = { up: "Upgrade", down: "Downgrade", same: "Same", new: "New", unranked: "Into or out of Special Case" };
const STATUS_WORDS: Record<string, string> = { recorded: "", final: "Final", approved: "Approved, not final", not_placed: "Not placed" };

function tierTables(placements: Report["tierPlacements"]): TableChapter {
  const fromCycle = placements.source === "cycle";
  const partial = placements.partial ? ` ${placements.hiddenCountries} narrative(s) the reader may not see are left out.` : "";
  const countsHeader = ["Region", ...TIERS.map((t) => t.label), "Not placed", "Total"];
  const countsRow = (name: string, g: Report["tierPlacements"]["global"]) => [
    name,
    ...TIERS.map((t) => fmt(g.counts[t.code])),
    fmt(g.notPlaced.length),
    fmt(g.total),
  ];
  const tables: TableSpec[] = [
    {
      id: "tier-counts",
      title: `Tier placements ${placements.year}: countries per tier`,
      note: fromCycle ? `Pre-decisional: the tiers the cycle's narratives carry now (fixed by leadership, else approved by the reviewer).${partial}` : null,
      header: countsHeader,
      rows: [...placements.regions.map((r) => countsRow(r.name, r)), countsRow("Global", placements.global)],
    },
  ];
  for (const region of placements.regions) {
    const countries = [...region.tiers.flatMap((t) => t.countries), ...region.notPlaced];
    tables.push({
      id: `tier-region-${region.code.toLowerCase()}`,
      title: `${region.name}: tier placements ${placements.year}`,
      note: null,
      header: ["Country", `${placements.year}`, `${placements.previousYear}`, "Change", ...(fromCycle ? ["Status"] : [])],
      rows: countries.map((c) => [
        c.name,
        c.tierLabel ?? "–",
        c.previousTierLabel ?? "–",
        c.change ? CHANGE_WORDS[c.change]! : "–",
        ...(fromCycle ? [STATUS_WORDS[c.status] ?? c.status] : []),
      ]),
    });
  }
  return { id: "tier-placements", title: "Tier Placements", tables };
}

function lawEnforcementTables(data: Report["lawEnforcement"]): TableChapter {
  const partial = data.partial ? ` ${data.hiddenCountries} narrative(s) the reader may not see are left out of the sums.` : "";
  const current = data.current.global.totals;
  const globalRows = [
    [
      `${data.current.year}`,
      withLabor(current.prosecutions, current.prosecutionsLabor),
      withLabor(current.convictions, current.convictionsLabor),
      withLabor(current.victimsIdentified, current.victimsIdentifiedLabor),
      fmt(current.newOrAmendedLaws),
    ],
    ...data.published.map((y) =>
      y.global
        ? [
            `${y.year}`,
            withLabor(y.global.prosecutions, y.global.prosecutionsLabor),
            withLabor(y.global.convictions, y.global.convictionsLabor),
            withLabor(y.global.victimsIdentified, y.global.victimsIdentifiedLabor),
            fmt(y.global.newOrAmendedLaws),
          ]
        : [`${y.year}`, "–", "–", "–", "–"],
    ),
  ];
  const regionRows = data.current.regions.map((r) => [
    r.regionName,
    withLabor(r.totals.investigations, r.totals.investigationsLabor),
    withLabor(r.totals.prosecutions, r.totals.prosecutionsLabor),
    withLabor(r.totals.convictions, r.totals.convictionsLabor),
    withLabor(r.totals.victimsIdentified, r.totals.victimsIdentifiedLabor),
    fmt(r.totals.newOrAmendedLaws),
    `${fmt(r.reporting.prosecutions)} of ${fmt(r.countries)}`,
  ]);
  return {
    id: "law-enforcement",
    title: "Global Law Enforcement Data",
    tables: [
      {
        id: "law-enforcement-global",
        title: "Global law enforcement data",
        note: `Labor trafficking in parentheses. ${data.current.year}: the sum of the figures the cycle's narratives report.${partial}`,
        header: ["Year", "Prosecutions", "Convictions", "Victims identified", "New or amended legislation"],
        rows: globalRows,
      },
      {
        id: "law-enforcement-regions",
        title: `Law enforcement data by region, ${data.current.year}`,
        note: `Labor trafficking in parentheses; the last column says how many of the region's countries reported prosecutions.${partial}`,
        header: ["Region", "Investigations", "Prosecutions", "Convictions", "Victims identified", "New or amended legislation", "Reporting"],
        rows: regionRows,
      },
    ],
  };
}

export function reportTables(report: Pick<Report, "tierPlacements" | "lawEnforcement">): TableChapter[] {
  return [tierTables(report.tierPlacements), lawEnforcementTables(report.lawEnforcement)];
}
