/**
 * Replays of real editing traces (bench/traces, CC BY 4.0) through a room.
 * - automerge-paper: one author's 259,778 edits as single-edit updates through one client while a
 *   second receives; the final text must equal the trace's.
 * - friendsforever: two authors at once; each transaction is applied by its author's client on
 *   exactly the version that author had seen (its `parents`), then all must converge.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import * as Y from "yjs";
import { firstParagraphText } from "../../test/support/first-paragraph.ts";
import { waitFor, type YjsSocketClient } from "../../test/support/yjs-socket-client.ts";
import type { BenchTarget } from "./servers.ts";

type Patch = [number, number, string];

/** How long a concurrent replay waits, after the last transaction is sent, for live updates to converge. */
export const CONVERGENCE_WAIT_MS = 60_000;

interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: { patches: Patch[] }[];
}

interface ConcurrentTrace {
  endContent: string;
  txns: { parents: number[]; agent: number; patches: Patch[] }[];
}

export function readTrace<T>(path: string): T {
  return JSON.parse(gunzipSync(readFileSync(path)).toString("utf8")) as T;
}

/** The trace's text lives in the summary section's first paragraph, as an editor would hold it. */
const textOf = (doc: Y.Doc): Y.XmlText => firstParagraphText(doc, "summary");

function applyPatches(text: Y.XmlText, patches: Patch[]): void {
  for (const [pos, del, ins] of patches) {
    if (del) text.delete(pos, del);
    if (ins) text.insert(pos, ins);
  }
}

export interface SequentialReplayResult {
  edits: number;
  totalMs: number;
  updatesPerSecond: number;
  finalTextMatches: boolean;
}

export async function replaySequential(trace: SequentialTrace, target: BenchTarget, room: string, limit?: number): Promise<SequentialReplayResult> {
  const txns = limit ? trace.txns.slice(0, limit) : trace.txns;
  const writer = await target.connect(room);
  const reader = await target.connect(room);
  const writerText = textOf(writer.doc);
  await waitFor(() => reader.doc.getXmlFragment("summary").length > 0, "paragraph", 30_000);
  if (trace.startContent) writerText.insert(0, trace.startContent);
  const expected = limit ? null : trace.endContent;
  const baseline = reader.updatesReceived;
  const started = performance.now();
  for (let i = 0; i < txns.length; i++) {
    writer.doc.transact(() => applyPatches(writerText, txns[i]!.patches));
    // Yield now and then so the socket drains instead of buffering the whole trace.
    if (i % 500 === 499) await new Promise((r) => setImmediate(r));
  }
  const wanted = writerText.toString();
  // The text, not a count of messages: a server may merge several edits into one (Hocuspocus does).
  let checkedAt = baseline - 1;
  const caughtUp = () => {
    if (reader.updatesReceived === checkedAt) return false;
    checkedAt = reader.updatesReceived;
    return (reader.doc.getXmlFragment("summary").get(0) as Y.XmlElement).get(0)!.toString() === wanted;
  };
  await waitFor(caughtUp, "reader caught up", 1_200_000);
  const totalMs = performance.now() - started;
  const finalText = (reader.doc.getXmlFragment("summary").get(0) as Y.XmlElement).get(0)!.toString();
  writer.close();
  reader.close();
  return {
    edits: txns.length,
    totalMs: Math.round(totalMs),
    updatesPerSecond: Math.round(txns.length / (totalMs / 1000)),
    finalTextMatches: expected === null ? finalText === wanted : finalText === expected,
  };
}

export interface ConcurrentReplayResult {
  transactions: number;
  totalMs: number;
  /** Both authors reached the end text from the room's live updates alone (within CONVERGENCE_WAIT_MS). */
  convergedFromLiveUpdates: boolean;
  authorsConverged: boolean;
  lateJoinerMatches: boolean;
  authorLengths: number[];
  expectedLength: number;
  /** Sockets our room closed with 4409 (resync required) that the clients opened again. */
  resyncReconnects: number;
}

/** `limit` replays only the first transactions; the text to reach is then their merge, made locally. */
export async function replayConcurrent(trace: ConcurrentTrace, target: BenchTarget, room: string, limit?: number): Promise<ConcurrentReplayResult> {
  const txns = limit ? trace.txns.slice(0, limit) : trace.txns;
  const agents = [...new Set(txns.map((t) => t.agent))].sort();
  const clients = new Map<number, YjsSocketClient>();
  for (const agent of agents) {
    const client = await target.connect(room, { applyRemote: false, onePerson: true });
    // Concurrent inserts at one position are ordered by client id; the trace's end text orders them by agent.
    client.doc.clientID = 1_000_000 + agent;
    clients.set(agent, client);
  }
  // Each author's client starts from the same empty paragraph, created once and shared like any edit.
  const first = clients.get(agents[0]!)!;
  textOf(first.doc);
  const paragraphUpdate = Y.encodeStateAsUpdate(first.doc);
  for (const agent of agents.slice(1)) Y.applyUpdate(clients.get(agent)!.doc, paragraphUpdate, clients.get(agent));

  const updates: Uint8Array[] = [];
  const known = new Map(agents.map((a) => [a, new Set<number>()]));
  const started = performance.now();
  for (let i = 0; i < txns.length; i++) {
    const txn = txns[i]!;
    const client = clients.get(txn.agent)!;
    const seen = known.get(txn.agent)!;
    const missing: number[] = [];
    const stack = [...txn.parents];
    while (stack.length) {
      const p = stack.pop()!;
      if (seen.has(p)) continue;
      seen.add(p);
      missing.push(p);
      stack.push(...trace.txns[p]!.parents);
    }
    // What the author had seen from others arrives first (origin = the client, so it is not re-sent).
    missing.sort((a, b) => a - b).forEach((p) => Y.applyUpdate(client.doc, updates[p]!, client));
    const before = Y.encodeStateVector(client.doc);
    client.doc.transact(() => applyPatches(textOf(client.doc), txn.patches));
    updates[i] = Y.encodeStateAsUpdate(client.doc, before);
    seen.add(i);
    if (i % 200 === 199) await new Promise((r) => setImmediate(r));
  }
  let endContent = trace.endContent;
  if (limit) {
    const merged = new Y.Doc();
    Y.applyUpdate(merged, paragraphUpdate);
    for (const u of updates) Y.applyUpdate(merged, u);
    endContent = Y.Text.prototype.toString.call(textOf(merged));
  }
  const all = [...clients.values()];
  await new Promise((r) => setTimeout(r, 200));
  all.forEach((c) => c.applyHeld());
  // The characters themselves (Y.Text), not Y.XmlText's XML rendering of them.
  const textNow = (c: YjsSocketClient) => Y.Text.prototype.toString.call(textOf(c.doc));
  const converged = () => all.every((c) => textNow(c) === endContent);
  // The authors sent everything in a couple of seconds; a room that stores each update first takes
  // longer to take it all in, and only then can the last edits reach the other author. Every server
  // that converges does so within seconds of the last send (ours: under 5 s on the whole trace); one
  // that has not after a minute is stuck, and waiting longer only lengthens the run.
  await waitFor(converged, "authors converge", CONVERGENCE_WAIT_MS).catch(() => undefined);
  const convergedFromLiveUpdates = converged();
  if (!convergedFromLiveUpdates) {
    // What a y-websocket client does on its resync interval: ask for anything it is missing.
    all.forEach((c) => c.resync());
    await waitFor(converged, "authors converge after resync", 30_000).catch(() => undefined);
  }
  const totalMs = performance.now() - started;
  const authorsConverged = converged();
  const authorLengths = all.map((c) => textNow(c).length);
  const joiner = await target.connect(room);
  await waitFor(() => joiner.doc.getXmlFragment("summary").length > 0, "joiner has text", 30_000).catch(() => undefined);
  const lateJoinerMatches = joiner.doc.getXmlFragment("summary").length > 0 && textNow(joiner) === endContent;
  [...all, joiner].forEach((c) => c.close());
  const resyncReconnects = all.reduce((n, c) => n + c.resyncReconnects, 0);
  return {
    transactions: txns.length,
    totalMs: Math.round(totalMs),
    convergedFromLiveUpdates,
    authorsConverged,
    lateJoinerMatches,
    authorLengths,
    expectedLength: endContent.length,
    resyncReconnects,
  };
}
