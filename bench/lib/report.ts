/**
 * The bench's table and the figures in its JSON: each measure is run `repeats` times with the
 * servers interleaved (the machine's noise hits all of them alike), and reported as the median
 * with the spread (min-max). Ratios are taken within each repetition (ours/stock of the same
 * round), then their median and spread: a ratio "in one run".
 */
import type { ServerName } from "./servers.ts";

export const SERVERS: ServerName[] = ["ours", "stock", "reference", "hocuspocus"];
const RATIOS: [string, ServerName][] = [
  ["oursOverReference", "reference"],
  ["oursOverStock", "stock"],
  ["oursOverHocuspocus", "hocuspocus"],
];

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export type Row = Partial<Record<ServerName, Spread>> & Partial<Record<"oursOverReference" | "oursOverStock" | "oursOverHocuspocus", Spread>>;

const round = (n: number) => Math.round(n * 100) / 100;

export function spread(runs: number[]): Spread | undefined {
  const finite = runs.filter((n) => Number.isFinite(n));
  if (!finite.length) return undefined;
  const sorted = [...finite].sort((a, b) => a - b);
  return { median: round(sorted[Math.floor((sorted.length - 1) / 2)]!), min: round(sorted[0]!), max: round(sorted.at(-1)!), runs: runs.map(round) };
}

function cell(s: Spread | undefined): string {
  if (!s) return "-";
  return s.min === s.max ? String(s.median) : `${s.median} (${s.min}-${s.max})`;
}

export class Table {
  readonly rows: string[][] = [["measure", "ours", "stock DO", "node ref", "hocuspocus", "ours/ref", "ours/stock", "ours/hocuspocus"]];

  /** `runs[server][i]` is repetition i's figure; ratios pair repetitions by index. */
  row(measure: string, runs: Partial<Record<ServerName, number[]>>): Row {
    const row: Row = {};
    for (const server of SERVERS) {
      const s = runs[server] ? spread(runs[server]!) : undefined;
      if (s) row[server] = s;
    }
    for (const [key, other] of RATIOS) {
      const ours = runs.ours ?? [];
      const theirs = runs[other] ?? [];
      const ratios = ours.map((o, i) => (theirs[i] ? o / theirs[i]! : Number.NaN)).filter((r) => Number.isFinite(r));
      const s = spread(ratios);
      if (s) row[key as keyof Row] = s as never;
    }
    this.rows.push([measure, ...SERVERS.map((s) => cell(row[s])), cell(row.oursOverReference), cell(row.oursOverStock), cell(row.oursOverHocuspocus)]);
    return row;
  }

  text(measure: string, ...cells: string[]): void {
    this.rows.push([measure, ...cells, ...Array(7 - cells.length).fill("-")]);
  }

  toString(): string {
    const widths = this.rows[0]!.map((_, i) => Math.max(...this.rows.map((r) => (r[i] ?? "").length)));
    return this.rows.map((r) => r.map((c, i) => (c ?? "").padEnd(widths[i]!)).join("  ")).join("\n");
  }
}
