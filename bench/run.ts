/**
 * `npm run bench [-- --quick] [-- --only profile,propagation,throughput,traces,automerge,friends,cold,api,report,crash,gap]
 *   [-- --repeats N] [-- --edits N]` (`automerge` and `friends` are the two halves of `traces`;
 * `--edits` replays only the automerge-paper trace's first N edits)
 *
 * Starts the app (bench build under wrangler dev, local D1 and Durable Objects) and, in the same
 * run, three servers to compare with: a stock y-partyserver room without persistence in the same
 * runtime, the y-websocket reference server in Node, and Hocuspocus 4 with its database store.
 * Every measure runs the same client code against each, `--repeats` times (3; 1 in quick mode)
 * with the servers interleaved, and reports medians, spreads and ratios within each repetition.
 * Prints a table and writes JSON to bench/results/ after every section.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, type as osType, release } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../worker/scripts/wrangler.ts";
import { measureApi } from "./lib/api.ts";
import { seedRoom, timeFirstSync } from "./lib/cold-open.ts";
import { crashRounds } from "./lib/crash.ts";
import { HocuspocusServer } from "./lib/hocuspocus.ts";
import { measureProfile } from "./lib/profile.ts";
import { measureReport, measureReportRoute } from "./lib/report-compile.ts";
import { measurePropagation, measureThroughput } from "./lib/propagation.ts";
import { SERVERS, spread, Table } from "./lib/report.ts";
import { ReferenceServer, RuntimeUnderTest, type BenchTarget, type ServerName } from "./lib/servers.ts";
import { readTrace, replayConcurrent, replaySequential } from "./lib/traces.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string", default: "profile,propagation,throughput,traces,cold,api,report,gap,crash" },
    traces: { type: "string", default: join(ROOT, "bench/traces") },
    edits: { type: "string" },
    repeats: { type: "string" },
  },
});
const quick = values.quick!;
const only = new Set(values.only!.split(","));
const repeats = Number(values.repeats ?? (quick ? 1 : 3));
// Sizes: quick runs every section small (under 5 minutes); full under 30.
const SIZE = quick
  ? {
      profileUpdates: 1000,
      propagationSeconds: 2,
      rates: [250, 500, 1000, 2000],
      stepSeconds: 2,
      automergeEdits: 5000,
      friendsTxns: 3000,
      coldUpdates: 5000,
      apiRequests: 50,
      crashRounds: 1,
      gapSeconds: 3,
    }
  : {
      profileUpdates: 5000,
      propagationSeconds: 6,
      rates: [500, 1000, 2000, 3000, 4000],
      stepSeconds: 3,
      automergeEdits: undefined,
      friendsTxns: undefined,
      coldUpdates: 100_000,
      apiRequests: 200,
      crashRounds: 3,
      gapSeconds: 6,
    };

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
  repeats,
  machine: {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAverageAtStart: loadavg(),
  },
  versions: Object.fromEntries(
    [
      "wrangler",
      "workerd",
      "miniflare",
      "yjs",
      "y-partyserver",
      "partyserver",
      "y-protocols",
      "@y/websocket-server",
      "@hocuspocus/server",
      "@hocuspocus/extension-database",
    ].map((p) => [p, version(p)]),
  ),
  hocuspocusStore: "@hocuspocus/extension-database over node:sqlite (extension-sqlite's table and statements), server debounce 2000 ms, maxDebounce 10000 ms",
};
const table = new Table();
const sectionSeconds: Record<string, number> = {};
results.sectionSeconds = sectionSeconds;

const resultsFile = join(ROOT, "bench/results", `${`${results.date as string}`.replace(/[:.]/g, "-")}-${results.mode as string}.json`);

/** Writes what has been measured so far (after every section: a crash late in a run keeps the rest). */
function save(): void {
  mkdirSync(join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  writeFileSync(join(ROOT, "bench/results", `latest-${results.mode as string}.json`), JSON.stringify(results, null, 2));
}

async function section(name: string, body: () => Promise<void>): Promise<void> {
  if (!only.has(name)) return;
  const started = performance.now();
  await body();
  sectionSeconds[name] = Math.round((performance.now() - started) / 100) / 10;
  save();
}

/** Runs `measure` on every server, `repeats` times, servers interleaved within each repetition. */
async function eachServer<T>(
  targets: { target: BenchTarget; room: () => string }[],
  label: string,
  measure: (t: { target: BenchTarget; room: () => string }) => Promise<T>,
  times = repeats,
): Promise<Record<ServerName, T[]>> {
  const out = Object.fromEntries(SERVERS.map((s) => [s, [] as T[]])) as Record<ServerName, T[]>;
  for (let i = 0; i < times; i++) {
    for (const t of targets) {
      console.log(`${label} on ${t.target.name}${times > 1 ? ` (run ${i + 1}/${times})` : ""}...`);
      out[t.target.name].push(await measure(t));
    }
  }
  return out;
}

const pick = <T>(runs: Record<ServerName, T[]>, f: (t: T) => number) =>
  Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map(f)])) as Record<ServerName, number[]>;

async function main(): Promise<void> {
  const runtime = new RuntimeUnderTest();
  const reference = new ReferenceServer();
  const hocuspocus = new HocuspocusServer();
  console.log("Starting the app (bench build), the y-websocket reference server and Hocuspocus...");
  await runtime.start();
  await reference.start();
  await hocuspocus.start();
  const leadershipCookie = await signIn(runtime.url, "ambassador@tip.example.gov");
  // Rooms for "ours" are real documents behind the authenticated route; the AF drafter may edit all of Africa's.
  const list = (await (await fetch(`${runtime.url}/api/cycles/2025/documents?region=AF`, { headers: { Cookie: runtime.sessionCookie } })).json()) as {
    documents: { id: string }[];
  };
  const africa = list.documents.map((d) => d.id);
  let next = 0;
  const ourRoom = () => africa[next++ % africa.length]!;
  let counter = 0;
  const freshRoom = () => `bench-room-${Date.now()}-${counter++}`;
  const targets: { target: BenchTarget; room: () => string }[] = [
    { target: runtime.ours(), room: ourRoom },
    { target: runtime.stock(), room: freshRoom },
    { target: reference.target(), room: freshRoom },
    { target: hocuspocus.target(), room: freshRoom },
  ];

  try {
    // First, on the demo data alone: the bench's 50 drafters, added next, make every AF narrative wait on 52 people.
    await section("api", async () => {
      type Api = Awaited<ReturnType<typeof measureApi>>;
      const listPath = "/api/cycles/2025/documents?kind=country_narrative";
      const runs = { list: [] as Api[], progress: [] as Api[], unauthenticated: [] as Api[], listWithBenchDrafters: [] as Api[] };
      for (let i = 0; i < repeats; i++) {
        runs.list.push(await measureApi(runtime.url, leadershipCookie, listPath, SIZE.apiRequests));
        runs.progress.push(await measureApi(runtime.url, leadershipCookie, "/api/cycles/2025/progress", SIZE.apiRequests));
        // The reference: a request the worker answers with no work (401 before any read), the local runtime's own cost.
        runs.unauthenticated.push(await measureApi(runtime.url, "", "/api/me", SIZE.apiRequests, 401));
      }
      await runtime.addEditors();
      for (let i = 0; i < repeats; i++) runs.listWithBenchDrafters.push(await measureApi(runtime.url, leadershipCookie, listPath, SIZE.apiRequests));
      const p = (xs: { p50: number; p95: number }[], k: "p50" | "p95") => spread(xs.map((x) => x[k]));
      const both = (xs: Api[]) => ({ p50: p(xs, "p50"), p95: p(xs, "p95") });
      results.api = {
        runs,
        listNarratives: both(runs.list),
        progress: both(runs.progress),
        unauthenticated: both(runs.unauthenticated),
        listWithBenchDrafters: both(runs.listWithBenchDrafters),
      };
      const row = (label: string, xs: Api[]) =>
        table.text(label, `${p(xs, "p50")?.median} / ${p(xs, "p95")?.median} (p95 ${p(xs, "p95")?.min}-${p(xs, "p95")?.max})`);
      row("API list 188 narratives p50 / p95 ms", runs.list);
      row("API progress p50 / p95 ms", runs.progress);
      row("API 401 without sign-in (runtime's own) p50 / p95 ms", runs.unauthenticated);
      row("API list, 50 more AF drafters, p50 / p95 ms", runs.listWithBenchDrafters);
    });
    await runtime.addEditors();

    await section("profile", async () => {
      console.log(`profile: per-update parts inside workerd, ${SIZE.profileUpdates} updates per phase, median of 3...`);
      const profile = await measureProfile(runtime.url, SIZE.profileUpdates, 3);
      results.profile = profile;
      for (const p of profile.phases) table.text(`profile ${p.phase} (us/update)`, String(p.usPerUpdate));
      for (const [name, us] of Object.entries(profile.derived)) table.text(`profile ${name} (us/update)`, String(us));
    });

    await section("propagation", async () => {
      const propagation: Record<string, unknown> = {};
      for (const editors of [2, 10, 50]) {
        const runs = await eachServer(targets, `propagation: ${editors} editors at 5 keystrokes/s`, ({ target, room }) =>
          measurePropagation(target, room, editors, 5, SIZE.propagationSeconds),
        );
        propagation[`N${editors}`] = {
          runs,
          p50: table.row(
            `propagation p50 ms, N=${editors}`,
            pick(runs, (r) => r.p50),
          ),
          p99: table.row(
            `propagation p99 ms, N=${editors}`,
            pick(runs, (r) => r.p99),
          ),
        };
        results.propagation = propagation;
        save();
      }
    });

    await section("throughput", async () => {
      const runs = await eachServer(targets, "throughput: 10 editors, rising rate", ({ target, room }) =>
        measureThroughput(target, room, 10, SIZE.rates, SIZE.stepSeconds),
      );
      results.throughput = {
        runs,
        maxRate: table.row(
          "updates/s fanned out to 10 with p99<100ms",
          pick(runs, (r) => r.maxRateUnder100msP99),
        ),
      };
    });

    let automergeRoom: string | null = null;
    const automergeRuns = only.has("traces") || only.has("automerge");
    const friendsRuns = only.has("traces") || only.has("friends");
    if (automergeRuns) only.add("automerge");
    if (friendsRuns) only.add("friends");
    const traces: Record<string, unknown> = {};
    results.traces = traces;

    await section("automerge", async () => {
      const automerge = readTrace<Parameters<typeof replaySequential>[0]>(join(values.traces!, "automerge-paper.json.gz"));
      const limit = values.edits ? Number(values.edits) : SIZE.automergeEdits;
      // The whole trace takes minutes per server: the full run replays it once per server (30-minute budget).
      // Filled in by the replay callback (TypeScript does not follow assignments made inside it).
      const oursRoom: { status: Awaited<ReturnType<typeof runtime.roomStatus>> | null } = { status: null };
      const runs = await eachServer(
        targets,
        `automerge-paper replay (${limit ?? automerge.txns.length} edits)`,
        async ({ target, room }) => {
          const name = room();
          const result = await replaySequential(automerge, target, name, limit);
          // Read while the room is still in memory: its commit counts are the instance's.
          if (target.name === "ours") {
            automergeRoom = name;
            oursRoom.status = await runtime.roomStatus("ours", name);
          }
          return result;
        },
        limit === undefined ? 1 : repeats,
      );
      const stored = oursRoom.status;
      const bytesPerEdit = stored ? Math.round((stored.log.bytes / runs.ours[0]!.edits) * 10) / 10 : undefined;
      Object.assign(traces, {
        automergePaper: {
          runs,
          storedBytes: stored?.log.bytes,
          storedBytesPerEdit: bytesPerEdit,
          checkpoints: stored?.log.checkpoints,
          commits: stored?.writes,
        },
        totalMs: table.row(
          "automerge-paper replay total ms",
          pick(runs, (r) => r.totalMs),
        ),
      });
      table.text("automerge-paper stored bytes/edit (ours)", String(bytesPerEdit));
      const commits = stored?.writes;
      if (commits) {
        const { batches, updates, largestBatch } = commits;
        table.text("automerge-paper commits (ours): updates per commit, mean / largest", `${(updates / batches).toFixed(1)} / ${largestBatch}`);
      }
      table.text("automerge-paper final text exact (every run)", ...SERVERS.map((s) => String(runs[s].every((r) => r.finalTextMatches))));
    });

    await section("friends", async () => {
      // A fresh runtime: the automerge-paper rooms (260,000 edits each) would otherwise stay in the
      // isolate's memory, and the replay after them would time the garbage collector.
      await runtime.restart();
      const friends = readTrace<Parameters<typeof replayConcurrent>[0]>(join(values.traces!, "friendsforever.json.gz"));
      // A convergence check more than a speed race: once per server.
      const runs = await eachServer(
        targets,
        `friendsforever replay (${SIZE.friendsTxns ?? friends.txns.length} transactions)`,
        ({ target, room }) => replayConcurrent(friends, target, room(), SIZE.friendsTxns),
        1,
      );
      Object.assign(traces, {
        friendsforever: runs,
        friendsMs: table.row(
          "friendsforever replay ms",
          pick(runs, (r) => r.totalMs),
        ),
      });
      table.text("friendsforever converged (authors+joiner)", ...SERVERS.map((s) => String(runs[s].every((r) => r.authorsConverged && r.lateJoinerMatches))));
      table.text("friendsforever 4409 reconnects (ours)", String(runs.ours.map((r) => r.resyncReconnects).join(",")));
    });

    await section("cold", async () => {
      const long = SIZE.coldUpdates;
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
      const medians = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, spread(v)]));
      results.coldOpen = { updatesInLongRoom: long, runsMs: runs, medianMs: medians };
      table.text(`cold open ${long} updates, checkpoints (ms)`, String(medians.long?.median));
      table.text(`cold open ${long} updates, no checkpoints (ms)`, String(medians.longWithoutCheckpoints?.median));
      table.text("cold open 100 updates (ms)", String(medians.short?.median));
      if (medians.automergePaper) table.text("cold open automerge-paper room (ms)", String(medians.automergePaper.median));
    });

    await section("gap", async () => {
      // Where ours goes beyond the stock room: bench-only rooms that add one part at a time, at the
      // typing rate (N=10, one commit per update) and under load (N=50, where batches form).
      const variants = (["stock", "stockWithLogRow", "oursWithoutWrite", "ours"] as const).map((kind) => ({ kind, target: runtime.gapVariant(kind) }));
      const perRun = (of: Record<string, number[]>, kind: string, base: string, op: (a: number, b: number) => number) =>
        of[kind]!.map((value, i) => op(value, of[base]![i]!));
      const minus = (a: number, b: number) => a - b;
      const over = (a: number, b: number) => a / b;
      const spreads = (of: Record<string, number[]>) => Object.fromEntries(Object.entries(of).map(([k, v]) => [k, spread(v)]));
      const gap: Record<string, unknown> = {};
      for (const editors of [10, 50]) {
        const p50: Record<string, number[]> = {};
        const p99: Record<string, number[]> = {};
        for (let i = 0; i < repeats; i++) {
          for (const { kind, target } of variants) {
            console.log(`gap: ${editors} editors at 5 keystrokes/s on ${kind}...`);
            const run = await measurePropagation(target, freshRoom, editors, 5, SIZE.gapSeconds);
            (p50[kind] ??= []).push(run.p50);
            (p99[kind] ??= []).push(run.p99);
          }
        }
        // Per repetition (the variants of one repetition run back to back); the profile's paced
        // commit wait is the cost of one commit at the typing rate.
        p50.oursBeyondStock = perRun(p50, "ours", "stock", minus);
        p50.logRowBeyondStock = perRun(p50, "stockWithLogRow", "stock", minus);
        p50.oursBeyondLogRow = perRun(p50, "ours", "stockWithLogRow", minus);
        // The p99 as ratios, as the propagation target is: does the stock room that stores first pay what ours does?
        p99.oursOverStock = perRun(p99, "ours", "stock", over);
        p99.logRowOverStock = perRun(p99, "stockWithLogRow", "stock", over);
        p99.oursOverLogRow = perRun(p99, "ours", "stockWithLogRow", over);
        gap[`N${editors}`] = { ...spreads(p50), p99: spreads(p99) };
        for (const [label, of] of [
          ["p50 ms", p50],
          ["p99", p99],
        ] as const) {
          for (const [kind, runs] of Object.entries(of)) {
            const s = spread(runs);
            table.text(`gap: propagation ${label}, N=${editors}, ${kind}`, s ? `${s.median} (${s.min} to ${s.max})` : "-");
          }
        }
      }
      results.gap = gap;
    });

    await section("report", async () => {
      const reportRepeats = quick ? 3 : 7;
      console.log(`report: 188 narratives + 20 sections compiled to HTML, JSON, DOCX inside workerd, ${reportRepeats} runs each...`);
      const report = await measureReport(runtime.url, reportRepeats);
      results.report = { narratives: 188, sections: 20, repeats: reportRepeats, targetsMs: { html: 1000, json: 1000, docx: 3000 }, formats: report };
      for (const r of report) {
        table.text(`report ${r.format} ms, median (min-max)`, `${r.medianMs} (${r.minMs}-${r.maxMs})`);
        table.text(`report ${r.format} output MB / Node heap floor MB`, `${(r.outputBytes / 1e6).toFixed(2)} / ${r.nodeHeapFloorMb ?? "> 192"}`);
      }
      console.log("report: the same text as the published 2025 edition, through GET /api/cycles/2025/report.*?edition=published...");
      const route = await measureReportRoute(runtime.url, leadershipCookie, reportRepeats);
      results.report = { ...(results.report as object), route };
      for (const r of route) table.text(`report route ${r.format} ms (HTTP), median (min-max)`, `${r.medianMs} (${r.minMs}-${r.maxMs})`);
    });

    await section("crash", async () => {
      // Last: it kills the runtime (and restarts it).
      const rounds = SIZE.crashRounds;
      console.log(`crash: ${rounds} SIGKILL rounds on ours and on Hocuspocus...`);
      const ours = await crashRounds({ target: () => runtime.ours(), killAndRestart: () => runtime.killAndRestart() }, ourRoom, rounds);
      const hp = await crashRounds(
        {
          target: () => hocuspocus.target(),
          killAndRestart: async () => {
            await hocuspocus.kill();
            await hocuspocus.start();
          },
        },
        freshRoom,
        rounds,
      );
      results.crash = { ours, hocuspocus: hp };
      table.text("crash: characters the watcher saw that are gone", String(ours.lostChars), "-", "-", String(hp.lostChars));
      table.text("crash: rounds with a loss", `${ours.roundsWithLoss}/${rounds}`, "-", "-", `${hp.roundsWithLoss}/${rounds}`);
    });
  } finally {
    await hocuspocus.stop();
    await reference.stop();
    await runtime.stop();
  }

  console.log(`\n${table.toString()}`);
  results.table = table.rows;
  save();
  console.log(`\nWrote ${resultsFile}`);
  process.exit(0);
}

async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/auth/dev/login`, {
    method: "POST",
    headers: { Origin: url, "Content-Type": "application/json" },
    body: JSON.stringify({ email }),
  });
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
