/**
 * Propagation latency and throughput: N editors in one room, each typing single-keystroke
 * updates; for every update, the time from leaving its author to arriving at every other client.
 */
import * as Y from "yjs";
import type { YjsSocketClient } from "../../test/support/yjs-socket-client.ts";
import { waitFor } from "../../test/support/yjs-socket-client.ts";
import type { BenchTarget } from "./servers.ts";
import { summarize, type Summary } from "./stats.ts";

export interface PropagationResult extends Summary {
  editors: number;
  updatesSent: number;
  deliveriesExpected: number;
  deliveriesMissing: number;
  ratePerSecond: number;
}

function clockOf(doc: Y.Doc): number {
  return Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
}

/** Runs `editors` clients in `room` for `seconds`, typing at `keystrokesPerSecond` each. */
export async function measurePropagation(
  target: BenchTarget,
  rooms: () => string,
  editors: number,
  keystrokesPerSecond: number,
  seconds: number,
): Promise<PropagationResult> {
  const room = rooms();
  const clients: YjsSocketClient[] = [];
  for (let i = 0; i < editors; i++) clients.push(await target.connect(room));
  clients[0]!.type("summary", "Start.");
  await waitFor(() => clients.every((c) => c.text("summary").startsWith("Start.")), "shared paragraph", 30_000);

  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  for (const client of clients) {
    const self = client.doc.clientID;
    client.onRemoteUpdate = (update) => {
      const now = performance.now();
      // A server may merge several keystrokes into one message (Hocuspocus does): each clock it carries arrived now.
      const { from, to } = Y.parseUpdateMeta(update);
      for (const [author, first] of from) {
        if (author === self) continue;
        for (let clock = first; clock < (to.get(author) ?? first + 1); clock++) {
          const t = sentAt.get(`${author}:${clock}`);
          if (t !== undefined) samples.push(now - t);
        }
      }
    };
  }

  let sent = 0;
  const intervalMs = 1000 / keystrokesPerSecond;
  const timers: NodeJS.Timeout[] = [];
  const starters = clients.map((client) =>
    setTimeout(() => {
      timers.push(
        setInterval(() => {
          sentAt.set(`${client.doc.clientID}:${clockOf(client.doc)}`, performance.now());
          client.type("summary", "x");
          sent++;
        }, intervalMs),
      );
    }, Math.random() * intervalMs),
  );
  await new Promise((r) => setTimeout(r, seconds * 1000));
  starters.forEach(clearTimeout);
  timers.forEach(clearInterval);
  const expected = sent * (editors - 1);
  await waitFor(() => samples.length >= expected, "in-flight deliveries", 5000).catch(() => undefined);
  clients.forEach((c) => c.close());
  return {
    editors,
    updatesSent: sent,
    deliveriesExpected: expected,
    deliveriesMissing: Math.max(0, expected - samples.length),
    ratePerSecond: editors * keystrokesPerSecond,
    ...summarize(samples),
  };
}

export interface ThroughputResult {
  editors: number;
  steps: { ratePerSecond: number; p99: number; p50: number; achievedPerSecond: number }[];
  /** Highest aggregate rate whose delivery p99 stayed under 100 ms. */
  maxRateUnder100msP99: number;
}

/** Raises the aggregate update rate of `editors` clients until delivery p99 exceeds 100 ms. */
export async function measureThroughput(
  target: BenchTarget,
  rooms: () => string,
  editors: number,
  rates: number[],
  secondsPerStep: number,
): Promise<ThroughputResult> {
  const steps: ThroughputResult["steps"] = [];
  let best = 0;
  for (const rate of rates) {
    const result = await measurePropagation(target, rooms, editors, rate / editors, secondsPerStep);
    const achieved = Math.round(result.updatesSent / secondsPerStep);
    const p99 = result.deliveriesMissing > result.deliveriesExpected * 0.01 ? Number.POSITIVE_INFINITY : result.p99;
    steps.push({ ratePerSecond: rate, p99, p50: result.p50, achievedPerSecond: achieved });
    if (p99 >= 100) break;
    best = rate;
  }
  return { editors, steps, maxRateUnder100msP99: best };
}
