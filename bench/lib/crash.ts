/**
 * `--only crash`: durability under SIGKILL, counted. One client types (a character every 8 ms)
 * while another watches; the server is SIGKILLed at a random moment and restarted on the same
 * storage; a new client then reads the document. Lost = characters the watcher had seen that the
 * restarted server no longer has. Ours must lose none (every update is stored before anyone sees
 * it); a server that stores on a debounce loses what it had not stored yet.
 */
import type { YjsSocketClient } from "../../test/support/yjs-socket-client.ts";
import type { BenchTarget } from "./servers.ts";

const TEXT = "The Government of Afghanistan does not fully meet the minimum standards for the elimination of trafficking. ";

export interface CrashServer {
  target(): BenchTarget;
  /** SIGKILL, then start again on the same storage. */
  killAndRestart(): Promise<void>;
}

export interface CrashRound {
  killAfterMs: number;
  typed: number;
  watcherSawChars: number;
  afterRestartChars: number;
  lostChars: number;
}

export interface CrashResult {
  rounds: CrashRound[];
  lostChars: number;
  roundsWithLoss: number;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export async function crashRounds(server: CrashServer, room: () => string, rounds: number): Promise<CrashResult> {
  const out: CrashRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const name = room();
    const writer = await server.target().connect(name);
    const watcher = await server.target().connect(name);
    const killAfterMs = 300 + Math.floor(Math.random() * 2000);
    let typed = 0;
    const typing = setInterval(() => writer.type("summary", TEXT[typed++ % TEXT.length]!), 8);
    await new Promise((r) => setTimeout(r, killAfterMs));
    const restarted = server.killAndRestart();
    clearInterval(typing);
    await new Promise((r) => setTimeout(r, 200));
    const seen = watcher.text("summary");
    await restarted;
    const reader: YjsSocketClient = await server.target().connect(name);
    await new Promise((r) => setTimeout(r, 300));
    const after = reader.text("summary");
    out.push({ killAfterMs, typed, watcherSawChars: seen.length, afterRestartChars: after.length, lostChars: seen.length - commonPrefix(seen, after) });
    [writer, watcher, reader].forEach((c) => c.close());
  }
  return { rounds: out, lostChars: out.reduce((n, r) => n + r.lostChars, 0), roundsWithLoss: out.filter((r) => r.lostChars > 0).length };
}
