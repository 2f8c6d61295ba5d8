/**
 * `npm start`: everything a fresh clone needs (dev vars, web build, migrations, demo data on the
 * first start), then `wrangler dev` with local D1 and Durable Objects. Prints the URL once it answers.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startLocalApp } from "./local-app.ts";
import { ROOT } from "./wrangler.ts";

/** A fresh Ed25519 key for signing audit checkpoints locally, in the form `wrangler secret put AUDIT_SIGNING_KEY` expects. */
function devSigningKey(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
}

function ensureDevVars(): void {
  const file = join(ROOT, ".dev.vars");
  if (!existsSync(file)) {
    writeFileSync(
      file,
      `# Written by npm start for local development only. Never deploy these.\nAUTH_MODE=dev\nSESSION_SECRET=${randomBytes(32).toString("hex")}\nAUDIT_SIGNING_KEY=${devSigningKey()}\n`,
    );
    console.log("Wrote .dev.vars (development sign-in enabled, fresh session secret and checkpoint signing key).");
    return;
  }
  // The worker refuses dev sign-in with a SESSION_SECRET under 32 bytes: replace a missing or short one.
  const vars = readFileSync(file, "utf8");
  const secret = /^SESSION_SECRET=(.*)$/m.exec(vars)?.[1]?.trim() ?? "";
  if (Buffer.byteLength(secret) < 32) {
    const line = `SESSION_SECRET=${randomBytes(32).toString("hex")}`;
    writeFileSync(
      file,
      /^SESSION_SECRET=/m.test(vars) ? vars.replace(/^SESSION_SECRET=.*$/m, line) : `${vars}${vars.endsWith("\n") || !vars ? "" : "\n"}${line}\n`,
    );
    console.log("Replaced a missing or short SESSION_SECRET in .dev.vars (dev sign-in needs at least 32 bytes).");
  }
  // Clones started before audit checkpoints existed have a .dev.vars without the key.
  if (!/^AUDIT_SIGNING_KEY=/m.test(readFileSync(file, "utf8"))) {
    appendFileSync(file, `${readFileSync(file, "utf8").endsWith("\n") ? "" : "\n"}AUDIT_SIGNING_KEY=${devSigningKey()}\n`);
    console.log("Added a development audit checkpoint signing key to .dev.vars.");
  }
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
