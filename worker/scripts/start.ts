/**
 * `npm start`: everything a fresh clone needs to show the app, then `wrangler dev` with local D1
 * and Durable Objects. Prints the URL once the app answers.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seed } from "./seed.ts";
import { ROOT, wrangler } from "./wrangler.ts";

const PORT = Number(process.env.PORT ?? 8787);
const URL_SHOWN = `http://127.0.0.1:${PORT}`;

function ensureDevVars(): void {
  const file = join(ROOT, ".dev.vars");
  if (existsSync(file)) return;
  writeFileSync(file, `# Written by npm start for local development only. Never deploy these.\nAUTH_MODE=dev\nSESSION_SECRET=${randomBytes(32).toString("hex")}\n`);
  console.log("Wrote .dev.vars (development sign-in enabled, fresh session secret).");
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function ensureWebBuild(): void {
  const built = join(ROOT, "web/dist/index.html");
  const sources = ["web/src", "web/index.html", "shared"].map((p) => newestMtime(join(ROOT, p)));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) return;
  console.log("Building the web app...");
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("web build failed");
}

function databaseIsEmpty(): boolean {
  const out = wrangler(["d1", "execute", "DB", "--local", "--json", "--command=SELECT COUNT(*) AS n FROM report_cycles"], { quiet: true });
  return ((JSON.parse(out) as { results: { n: number }[] }[])[0]?.results[0]?.n ?? 0) === 0;
}

async function waitUntilServing(deadlineMs: number): Promise<boolean> {
  while (Date.now() < deadlineMs) {
    try {
      const res = await fetch(`${URL_SHOWN}/`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main(): Promise<void> {
  ensureDevVars();
  ensureWebBuild();
  console.log("Applying D1 migrations to the local database...");
  wrangler(["d1", "migrations", "apply", "DB", "--local"], { quiet: true });
  if (databaseIsEmpty()) {
    console.log("First start: loading reference and demo data...");
    seed(["--local"]);
  }

  const dev = spawn(process.execPath, [join(ROOT, "node_modules/wrangler/bin/wrangler.js"), "dev", "--port", String(PORT), "--ip", "127.0.0.1", "--show-interactive-dev-session=false"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  const verbose = process.env.TIP_VERBOSE === "1";
  dev.stdout.on("data", (chunk: Buffer) => verbose && process.stdout.write(chunk));
  dev.stderr.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    // Offline machines log a failed Request.cf fetch; it is harmless.
    if (verbose || (/error/i.test(text) && !/Request\.cf|cf\.json|workers\.cloudflare\.com\/cf/i.test(text))) process.stderr.write(chunk);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
  dev.on("exit", (code) => process.exit(code ?? 0));

  if (await waitUntilServing(Date.now() + 120_000)) {
    console.log(`\nTIP Clearance is running at ${URL_SHOWN}\nSign in as any demo user listed there. Ctrl+C stops it. (TIP_VERBOSE=1 shows wrangler's own log.)\n`);
  } else {
    console.error(`wrangler dev did not answer on ${URL_SHOWN} within 2 minutes; run with TIP_VERBOSE=1 to see why.`);
    dev.kill("SIGTERM");
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
