/**
 * Starts the app locally under `wrangler dev` (embedded D1 and Durable Objects): migrations,
 * reference data, then the server. Used by `npm start`, the browser tests, and the scripts that
 * kill and restart the runtime.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { seed } from "./seed.ts";
import { ROOT, wrangler } from "./wrangler.ts";

export interface LocalAppOptions {
  port?: number;
  /** Where local D1/DO state lives; default is wrangler's own `.wrangler/state`. */
  persistTo?: string;
  /** Extra variables, e.g. AUTH_MODE and SESSION_SECRET for tests (instead of .dev.vars). */
  vars?: Record<string, string>;
  /** Forward wrangler's own output. */
  verbose?: boolean;
  /** Another wrangler configuration (the benchmark build); default wrangler.toml. */
  config?: string;
  /**
   * wrangler's own log level. At "warn" it prints no line per request, and the runtime no longer
   * posts each request to wrangler to be printed (about 2 ms a request here): the benchmark's choice.
   */
  logLevel?: "warn";
}

export interface LocalApp {
  url: string;
  process: ChildProcess;
  /** SIGTERM (the default) lets wrangler stop workerd itself; SIGKILL kills the whole tree (see killTree). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The process and every descendant, SIGKILLed leaves first. `wrangler` is a launcher that starts
 * the real CLI, which starts workerd: a SIGKILL of the launcher alone (it cannot pass it on) leaves
 * both running, holding the port and the storage.
 */
export function killTree(pid: number): void {
  const descendants = (p: number): number[] => {
    try {
      const children = execFileSync("pgrep", ["-P", String(p)], { encoding: "utf8" })
        .split("\n")
        .filter(Boolean)
        .map(Number);
      return children.flatMap((child) => [child, ...descendants(child)]);
    } catch {
      return [];
    }
  };
  for (const p of [...descendants(pid), pid].reverse()) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function ensureWebBuild(): void {
  const built = join(ROOT, "web/dist/index.html");
  const sources = ["web/src", "web/index.html", "shared"].map((p) => newestMtime(join(ROOT, p)));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) return;
  console.log("Building the web app...");
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("web build failed");
}

function persistArgs(persistTo: string | undefined): string[] {
  return persistTo ? ["--persist-to", persistTo] : [];
}

/** Applies migrations, and loads reference + demo data when the database has no cycle yet. */
export function prepareLocalDatabase(persistTo?: string): void {
  wrangler(["d1", "migrations", "apply", "DB", "--local", ...persistArgs(persistTo)], { quiet: true });
  const out = wrangler(["d1", "execute", "DB", "--local", ...persistArgs(persistTo), "--json", "--command=SELECT COUNT(*) AS n FROM report_cycles"], {
    quiet: true,
  });
  const empty = ((JSON.parse(out) as { results: { n: number }[] }[])[0]?.results[0]?.n ?? 0) === 0;
  if (empty) {
    console.log("First start: loading reference and demo data...");
    seed(["--local", ...persistArgs(persistTo)]);
  }
}

async function waitUntilServing(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  while (Date.now() < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer on ${url} in time; rerun with TIP_VERBOSE=1`);
}

const HARMLESS_RUNTIME_ERRORS = /Request\.cf|cf\.json|workers\.cloudflare\.com\/cf|tail session was canceled/i;

/** Starts `wrangler dev` on an already-prepared database. */
export async function startWranglerDev(options: LocalAppOptions = {}): Promise<LocalApp> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const vars = { REQUEST_LOG: process.env.TIP_REQUEST_LOG === "1" ? "on" : "off", ...options.vars };
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const child = spawn(
    process.execPath,
    [
      join(ROOT, "node_modules/wrangler/bin/wrangler.js"),
      "dev",
      ...(options.config ? ["--config", options.config] : []),
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--show-interactive-dev-session=false",
      ...(options.logLevel ? ["--log-level", options.logLevel] : []),
      ...persistArgs(options.persistTo),
      ...varArgs,
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      // X_LOCAL_OBSERVABILITY: wrangler's local trace store records every request, D1 query and
      // Durable Object event as spans in a SQLite store on the app's own thread; TIP_LOCAL_TRACES=1 keeps it.
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: "false",
        X_LOCAL_OBSERVABILITY: process.env.TIP_LOCAL_TRACES === "1" ? "true" : "false",
      },
    },
  );
  const verbose = options.verbose ?? process.env.TIP_VERBOSE === "1";
  child.stdout!.on("data", (chunk: Buffer) => verbose && process.stdout.write(chunk));
  child.stderr!.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    // Offline machines log a failed Request.cf fetch; it is harmless. So is workerd's complaint that
    // a request's tail session was cancelled (a client that went away): 141,000 lines in one bench run.
    if (verbose || (/\berror\b/i.test(text) && !HARMLESS_RUNTIME_ERRORS.test(text))) process.stderr.write(chunk);
  });
  const stop = (signal: NodeJS.Signals = "SIGTERM") =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      if (signal === "SIGKILL") killTree(child.pid!);
      else child.kill(signal);
    });
  try {
    await waitUntilServing(url, child, Date.now() + 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: child, stop };
}

export async function startLocalApp(options: LocalAppOptions = {}): Promise<LocalApp> {
  ensureWebBuild();
  prepareLocalDatabase(options.persistTo);
  return startWranglerDev(options);
}
