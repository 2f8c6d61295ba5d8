/**
 * `npm run bench [-- --quick] [-- --only propagation,throughput,traces,automerge,friends,cold,api,profile,report] [-- --edits N]`
 * (`automerge` is the automerge-paper half of `traces`; `--edits` replays only its first N edits)
 *
 * Starts the app (bench build under wrangler dev, local D1 and Durable Objects) and, in the same
 * run, the references: a stock y-partyserver room without persistence in the same runtime, and the
 * y-websocket reference server in Node. Every measure runs the same client code against each.
 * Prints a table and writes JSON to bench/results/ with ratios ours/reference and ours/stock.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem, type as osType, release } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../worker/scripts/wrangler.ts";
import { measureApi } from "./lib/api.ts";
import { seedRoom, timeFirstSync } from "./lib/cold-open.ts";
import { measureProfile } from "./lib/profile.ts";
import { measureReport, measureReportRoute } from "./lib/report.ts";
import { measurePropagation, measureThroughput } from "./lib/propagation.ts";
import { ReferenceServer, RuntimeUnderTest, type BenchTarget } from "./lib/servers.ts";
import { ratio } from "./lib/stats.ts";
import { readTrace, replayConcurrent, replaySequential } from "./lib/traces.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string", default: "profile,propagation,throughput,traces,cold,api,report" },
    traces: { type: "string", default: join(ROOT, "bench/traces") },
    edits: { type: "string" },
  },
});
const quick = values.quick!;
const only = new Set(values.only!.split(","));

function version(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  mode: quick ? "quick" : "full",
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${osType()} ${release()}`, node: process.version },
  versions: Object.fromEntries(["wrangler", "workerd", "miniflare", "yjs", "y-partyserver", "partyserver", "y-protocols", "@y/websocket-server"].map((p) => [p, version(p)])),
};
const table: string[][] = [["measure", "ours", "stock DO", "node ref", "ours/ref", "ours/stock"]];
const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "-" : String(n));

function row(measure: string, ours?: number, stock?: number, reference?: number): Record<string, number | undefined> {
  const r = { ours, stock, reference, oursOverReference: ours !== undefined && reference ? ratio(ours, reference) : undefined, oursOverStock: ours !== undefined && stock ? ratio(ours, stock) : undefined };
  table.push([measure, fmt(ours), fmt(stock), fmt(reference), fmt(r.oursOverReference), fmt(r.oursOverStock)]);
  return r;
}

const resultsFile = join(ROOT, "bench/results", `${results.date as string}`.replace(/[:.]/g, "-") + `-${results.mode as string}.json`);

/** Writes what has been measured so far (after every section: a crash late in a run keeps the rest). */
function save(): void {
  mkdirSync(join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  writeFileSync(join(ROOT, "bench/results", `latest-${results.mode as string}.json`), JSON.stringify(results, null, 2));
}

async function main(): Promise<void> {
  const runtime = new RuntimeUnderTest();
  const reference = new ReferenceServer();
  console.log("Starting the app (bench build) and the y-websocket reference server...");
  await runtime.start();
  await reference.start();
  const leadershipCookie = await signIn(runtime.url, "ambassador@tip.example.gov");
  // Rooms for "ours" are real documents behind the authenticated route; the AF drafter may edit all of Africa's.
  const list = (await (await fetch(`${runtime.url}/api/cycles/2025/documents?region=AF`, { headers: { Cookie: runtime.sessionCookie } })).json()) as { documents: { id: string }[] };
  const africa = list.documents.map((d) => d.id);
  let next = 0;
  const ourRoom = () => africa[next++ % africa.length]!;
  let counter = 0;
  const freshRoom = () => `bench-room-${Date.now()}-${counter++}`;
  const targets: { target: BenchTarget; room: () => string }[] = [
    { target: runtime.ours(), room: ourRoom },
    { target: runtime.stock(), room: freshRoom },
    { target: reference.target(), room: freshRoom },
  ];

  try {
    if (only.has("profile")) {
      const updates = quick ? 2000 : 5000;
      console.log(`profile: per-update parts inside workerd, ${updates} updates per phase, median of 3...`);
      const profile = await measureProfile(runtime.url, updates, 3);
      results.profile = profile;
      save();
      for (const p of profile.phases) table.push([`profile ${p.phase} (us/update)`, fmt(p.usPerUpdate), "-", "-", "-", "-"]);
      for (const [name, us] of Object.entries(profile.derived)) table.push([`profile ${name} (us/update)`, fmt(us), "-", "-", "-", "-"]);
    }

    if (only.has("propagation")) {
      const propagation: Record<string, unknown> = {};
      for (const editors of [2, 10, 50]) {
        const byServer: Record<string, Awaited<ReturnType<typeof measurePropagation>>> = {};
        for (const { target, room } of targets) {
          console.log(`propagation: ${editors} editors at 5 keystrokes/s on ${target.name}...`);
          byServer[target.name] = await measurePropagation(target, room, editors, 5, quick ? 5 : 10);
        }
        propagation[`N${editors}`] = {
          ...byServer,
          p50: row(`propagation p50 ms, N=${editors}`, byServer.ours?.p50, byServer.stock?.p50, byServer.reference?.p50),
          p95: row(`propagation p95 ms, N=${editors}`, byServer.ours?.p95, byServer.stock?.p95, byServer.reference?.p95),
          p99: row(`propagation p99 ms, N=${editors}`, byServer.ours?.p99, byServer.stock?.p99, byServer.reference?.p99),
        };
      }
      results.propagation = propagation;
      save();
    }

    if (only.has("throughput")) {
      const rates = quick ? [250, 500, 1000, 2000] : [250, 500, 1000, 1500, 2000, 3000, 4000];
      const byServer: Record<string, Awaited<ReturnType<typeof measureThroughput>>> = {};
      for (const { target, room } of targets) {
        console.log(`throughput: 10 editors, rising rate, on ${target.name}...`);
        byServer[target.name] = await measureThroughput(target, room, 10, rates, quick ? 3 : 4);
      }
      results.throughput = { ...byServer, maxRate: row("updates/s fanned out to 10 with p99<100ms", byServer.ours?.maxRateUnder100msP99, byServer.stock?.maxRateUnder100msP99, byServer.reference?.maxRateUnder100msP99) };
      save();
    }

    let automergeRoom: string | null = null;
    if (only.has("friends") && !only.has("traces")) {
      const friends = readTrace<Parameters<typeof replayConcurrent>[0]>(join(values.traces!, "friendsforever.json.gz"));
      const concurrent: Record<string, Awaited<ReturnType<typeof replayConcurrent>>> = {};
      for (const { target, room } of targets) {
        console.log(`friendsforever replay on ${target.name}...`);
        concurrent[target.name] = await replayConcurrent(friends, target, room());
      }
      results.traces = { friendsforever: concurrent, friendsMs: row("friendsforever replay ms", concurrent.ours?.totalMs, concurrent.stock?.totalMs, concurrent.reference?.totalMs) };
      save();
      table.push(["friendsforever converged (authors+joiner)", String(concurrent.ours?.authorsConverged && concurrent.ours?.lateJoinerMatches), String(concurrent.stock?.authorsConverged && concurrent.stock?.lateJoinerMatches), String(concurrent.reference?.authorsConverged && concurrent.reference?.lateJoinerMatches), "-", "-"]);
    }

    if (only.has("traces") || only.has("automerge")) {
      const automerge = readTrace<Parameters<typeof replaySequential>[0]>(join(values.traces!, "automerge-paper.json.gz"));
      const friends = readTrace<Parameters<typeof replayConcurrent>[0]>(join(values.traces!, "friendsforever.json.gz"));
      const limit = values.edits ? Number(values.edits) : quick ? 20_000 : undefined;
      const sequential: Record<string, Awaited<ReturnType<typeof replaySequential>>> = {};
      const concurrent: Record<string, Awaited<ReturnType<typeof replayConcurrent>>> = {};
      for (const { target, room } of targets) {
        const name = room();
        if (target.name === "ours") automergeRoom = name;
        console.log(`automerge-paper replay (${limit ?? automerge.txns.length} edits) on ${target.name}...`);
        sequential[target.name] = await replaySequential(automerge, target, name, limit);
      }
      for (const { target, room } of only.has("traces") ? targets : []) {
        console.log(`friendsforever replay on ${target.name}...`);
        concurrent[target.name] = await replayConcurrent(friends, target, room());
      }
      const stored = automergeRoom ? await runtime.roomStatus("ours", automergeRoom) : null;
      const bytesPerEdit = stored ? Math.round((stored.log.bytes / sequential.ours!.edits) * 10) / 10 : undefined;
      results.traces = {
        automergePaper: { ...sequential, storedBytes: stored?.log.bytes, storedBytesPerEdit: bytesPerEdit, checkpoints: stored?.log.checkpoints },
        friendsforever: concurrent,
        totalMs: row("automerge-paper replay total ms", sequential.ours?.totalMs, sequential.stock?.totalMs, sequential.reference?.totalMs),
        updatesPerSecond: row("automerge-paper updates/s", sequential.ours?.updatesPerSecond, sequential.stock?.updatesPerSecond, sequential.reference?.updatesPerSecond),
        ...(only.has("traces") ? { friendsMs: row("friendsforever replay ms", concurrent.ours?.totalMs, concurrent.stock?.totalMs, concurrent.reference?.totalMs) } : {}),
      };
      table.push(["automerge-paper stored bytes/edit (ours)", fmt(bytesPerEdit), "-", "-", "-", "-"]);
      table.push(["automerge-paper final text exact", String(sequential.ours?.finalTextMatches), String(sequential.stock?.finalTextMatches), String(sequential.reference?.finalTextMatches), "-", "-"]);
      if (only.has("traces")) {
        table.push(["friendsforever converged (authors+joiner)", String(concurrent.ours?.authorsConverged && concurrent.ours?.lateJoinerMatches), String(concurrent.stock?.authorsConverged && concurrent.stock?.lateJoinerMatches), String(concurrent.reference?.authorsConverged && concurrent.reference?.lateJoinerMatches), "-", "-"]);
      }
      save();
    }

    if (only.has("cold")) {
      const long = quick ? 20_000 : 100_000;
      console.log(`cold open: seeding rooms with ${long} and 100 updates (checkpointed and not)...`);
      await seedRoom(runtime, "ours", "bench-cold-long", long);
      await seedRoom(runtime, "ours", "bench-cold-short", 100);
      await seedRoom(runtime, "uncheckpointed", "bench-cold-long-nockpt", long);
      const runs: Record<string, number[]> = { short: [], long: [], longWithoutCheckpoints: [], automergePaper: [] };
      for (let i = 0; i < 3; i++) {
        await runtime.restart();
        await fetch(`${runtime.url}/`); // the Worker itself is warm; only the rooms are cold
        runs.short!.push((await timeFirstSync(runtime, "ours", "bench-cold-short")).ms);
        runs.long!.push((await timeFirstSync(runtime, "ours", "bench-cold-long")).ms);
        runs.longWithoutCheckpoints!.push((await timeFirstSync(runtime, "uncheckpointed", "bench-cold-long-nockpt")).ms);
        if (automergeRoom) runs.automergePaper!.push((await timeFirstSync(runtime, "ours", automergeRoom)).ms);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      results.coldOpen = { updatesInLongRoom: long, runsMs: runs, medianMs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)])) };
      save();
      table.push([`cold open ${long} updates, checkpoints (ms)`, fmt(median(runs.long!)), "-", "-", "-", "-"]);
      table.push([`cold open ${long} updates, no checkpoints (ms)`, fmt(median(runs.longWithoutCheckpoints!)), "-", "-", "-", "-"]);
      table.push(["cold open 100 updates (ms)", fmt(median(runs.short!)), "-", "-", "-", "-"]);
      table.push([`cold open long/short ratio`, fmt(ratio(median(runs.long!)!, median(runs.short!)!)), "-", "-", "-", "-"]);
      if (runs.automergePaper!.length) table.push(["cold open automerge-paper room (ms)", fmt(median(runs.automergePaper!)), "-", "-", "-", "-"]);
    }

    if (only.has("api")) {
      const requests = quick ? 50 : 200;
      const list = await measureApi(runtime.url, leadershipCookie, "/api/cycles/2025/documents?kind=country_narrative", requests);
      const progress = await measureApi(runtime.url, leadershipCookie, "/api/cycles/2025/progress", requests);
      results.api = { listNarratives: list, progress };
      save();
      table.push(["API list 188 narratives p50/p95 ms", `${list.p50}/${list.p95}`, "-", "-", "-", "-"]);
      table.push(["API progress p50/p95 ms", `${progress.p50}/${progress.p95}`, "-", "-", "-", "-"]);
    }

    if (only.has("report")) {
      const repeats = quick ? 3 : 7;
      console.log(`report: 188 narratives + 20 sections compiled to HTML, JSON, DOCX inside workerd, ${repeats} runs each...`);
      const report = await measureReport(runtime.url, repeats);
      results.report = { narratives: 188, sections: 20, repeats, targetsMs: { html: 1000, json: 1000, docx: 3000 }, formats: report };
      save();
      for (const r of report) {
        table.push([`report ${r.format} ms, median (min-max)`, `${r.medianMs} (${r.minMs}-${r.maxMs})`, "-", "-", "-", "-"]);
        table.push([`report ${r.format} output MB / Node heap floor MB`, `${(r.outputBytes / 1e6).toFixed(2)} / ${r.nodeHeapFloorMb ?? "> 192"}`, "-", "-", "-", "-"]);
      }
      console.log("report: the same text as the published 2025 edition, through GET /api/cycles/2025/report.*?edition=published...");
      const route = await measureReportRoute(runtime.url, leadershipCookie, repeats);
      results.report = { ...(results.report as object), route };
      save();
      for (const r of route) table.push([`report route ${r.format} ms (HTTP), median (min-max)`, `${r.medianMs} (${r.minMs}-${r.maxMs})`, "-", "-", "-", "-"]);
    }
  } finally {
    await reference.stop();
    await runtime.stop();
  }

  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  console.log("\n" + table.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ")).join("\n"));
  save();
  console.log(`\nWrote ${resultsFile}`);
  process.exit(0);
}

async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/auth/dev/login`, { method: "POST", headers: { Origin: url, "Content-Type": "application/json" }, body: JSON.stringify({ email }) });
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
