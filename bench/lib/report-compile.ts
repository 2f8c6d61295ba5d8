/**
 * `--only report`: compiles the generated report (188 narratives of 3-6 pages and 20 report
 * sections, bench/lib/report-corpus.ts) to HTML, JSON and DOCX inside workerd (the bench build's
 * /bench/report/<format>, bench/report-bench.ts), `repeats` times each after one warm-up, and
 * reports median and spread. workerd does not say how much memory an isolate holds, so the memory
 * figure is a stand-in measured in Node: the smallest V8 heap (--max-old-space-size) the same
 * compile completes in (bench/lib/report-heap.ts), against the Workers isolate's 128 MB.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../../worker/scripts/wrangler.ts";

export const REPORT_FORMATS = ["html", "json", "docx"] as const;
/** The heap search: between these sizes, to this resolution (MB). */
const HEAP_RANGE_MB = [16, 192] as const;
const HEAP_RESOLUTION_MB = 8;

interface Run {
  buildMs: number;
  renderMs: number;
  totalMs: number;
  bytes: number;
}

export interface FormatResult {
  format: string;
  runsMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  medianBuildMs: number;
  medianRenderMs: number;
  outputBytes: number;
  /** Smallest Node V8 heap (MB) the compile completed in; null when none of the steps did. */
  nodeHeapFloorMb: number | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A pooled connection the dev server closed while idle fails before any answer: ask once more (every request here is idempotent). */
const fetchOnceMore = (target: string, init?: RequestInit) => fetch(target, init).catch(() => fetch(target, init));

async function run(url: string, format: string, narratives: number): Promise<Run> {
  const res = await fetchOnceMore(`${url}/bench/report/${format}?narratives=${narratives}&sections=20&seed=1`);
  if (!res.ok) throw new Error(`report ${format}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Run;
}

const fits = (format: string, narratives: number, mb: number) =>
  spawnSync(process.execPath, ["--no-warnings", `--max-old-space-size=${mb}`, join(ROOT, "bench/lib/report-heap.ts"), format, String(narratives)], {
    cwd: ROOT,
    encoding: "utf8",
  }).status === 0;

/** Bisects the heap size (near the floor a run may pass or fail with the collector's timing: read it as +/- 8 MB). */
export function nodeHeapFloor(format: string, narratives: number): number | null {
  let [low, high] = HEAP_RANGE_MB as readonly [number, number];
  if (!fits(format, narratives, high)) return null;
  while (high - low > HEAP_RESOLUTION_MB) {
    const mid = Math.round((low + high) / 2);
    if (fits(format, narratives, mid)) high = mid;
    else low = mid;
  }
  return high;
}

export async function measureReport(url: string, repeats: number, narratives = 188): Promise<FormatResult[]> {
  const results: FormatResult[] = [];
  for (const format of REPORT_FORMATS) {
    await run(url, format, narratives); // warm-up: makes the corpus once, compiles the code paths
    const runs: Run[] = [];
    for (let i = 0; i < repeats; i++) runs.push(await run(url, format, narratives));
    const totals = runs.map((r) => r.totalMs);
    results.push({
      format,
      runsMs: totals,
      medianMs: median(totals),
      minMs: Math.min(...totals),
      maxMs: Math.max(...totals),
      medianBuildMs: median(runs.map((r) => r.buildMs)),
      medianRenderMs: median(runs.map((r) => r.renderMs)),
      outputBytes: runs.at(-1)!.bytes,
      nodeHeapFloorMb: nodeHeapFloor(format, narratives),
    });
  }
  return results;
}

export interface RouteResult {
  format: string;
  runsMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  bytes: number;
}

/**
 * The real route end to end, from Node over HTTP: the generated text published as the 2025
 * edition (bench route), then `GET /api/cycles/2025/report.<format>?edition=published` as
 * leadership: D1 reads of every recorded text, the tables' queries, compile and response.
 */
export async function measureReportRoute(url: string, cookie: string, repeats: number): Promise<RouteResult[]> {
  const seeded = await fetchOnceMore(`${url}/bench/report-edition?year=2025`);
  if (!seeded.ok) throw new Error(`seeding the edition: ${seeded.status} ${await seeded.text()}`);
  const results: RouteResult[] = [];
  for (const format of REPORT_FORMATS) {
    const once = async () => {
      const start = performance.now();
      const res = await fetchOnceMore(`${url}/api/cycles/2025/report.${format}?edition=published`, { headers: { Cookie: cookie } });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok) throw new Error(`report.${format}: ${res.status}`);
      return { ms: Math.round(performance.now() - start), bytes };
    };
    await once();
    const runs = [];
    for (let i = 0; i < repeats; i++) runs.push(await once());
    const ms = runs.map((r) => r.ms);
    results.push({ format, runsMs: ms, medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), bytes: runs.at(-1)!.bytes });
  }
  return results;
}
