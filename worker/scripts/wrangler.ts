/** Runs wrangler from node_modules with the project's Node, failing loudly. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export function wrangler(args: string[], options: { quiet?: boolean } = {}): string {
  const result = spawnSync(process.execPath, [`${ROOT}node_modules/wrangler/bin/wrangler.js`, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: process.env.CI ?? "1" },
    stdio: options.quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? "");
    if (options.quiet) process.stderr.write(result.stderr ?? "");
    throw new Error(`wrangler ${args.join(" ")} failed (exit ${result.status})`);
  }
  return result.stdout;
}

/** `--remote` targets the real D1 (after `wrangler login`); the default is the local one `npm start` uses. */
export function targetFlag(argv: string[]): "--remote" | "--local" {
  return argv.includes("--remote") ? "--remote" : "--local";
}
