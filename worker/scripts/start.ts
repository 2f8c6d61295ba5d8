/**
 * `npm start`: everything a fresh clone needs (dev vars, web build, migrations, demo data on the
 * first start), then `wrangler dev` with local D1 and Durable Objects. Prints the URL once it answers.
 */
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startLocalApp } from "./local-app.ts";
import { ROOT } from "./wrangler.ts";

function ensureDevVars(): void {
  const file = join(ROOT, ".dev.vars");
  if (existsSync(file)) return;
  writeFileSync(file, `# Written by npm start for local development only. Never deploy these.\nAUTH_MODE=dev\nSESSION_SECRET=${randomBytes(32).toString("hex")}\n`);
  console.log("Wrote .dev.vars (development sign-in enabled, fresh session secret).");
}

async function main(): Promise<void> {
  ensureDevVars();
  const app = await startLocalApp({ port: Number(process.env.PORT ?? 8787) });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void app.stop(signal).then(() => process.exit(0)));
  app.process.on("exit", (code) => process.exit(code ?? 0));
  console.log(`\nTIP Clearance is running at ${app.url}\nSign in as any demo user listed there. Ctrl+C stops it. (TIP_VERBOSE=1 shows wrangler's own log.)\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
