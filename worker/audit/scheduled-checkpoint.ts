/** The cron trigger's work: one checkpoint of the audit chain, with its outcome in the logs (a cron has no caller to answer). */
import type { Env } from "../env.ts";
import { log } from "../http/log.ts";
import { signUnsignedEditions } from "../cycles/cycle-release.ts";
import { writeAuditCheckpoint } from "./audit-checkpoints.ts";

export async function runScheduledCheckpoint(env: Env): Promise<void> {
  try {
    const result = await writeAuditCheckpoint(env, { reason: "schedule" });
    log(
      "info",
      "audit checkpoint",
      result.written ? { written: true, seq: result.checkpoint.seq, key: result.checkpoint.key } : { written: false, skipped: result.reason },
    );
    // A release whose own checkpoint failed is signed by the next run.
    const editions = await signUnsignedEditions(env);
    if (editions) log("info", "audit checkpoint signed released editions", { editions });
  } catch (error) {
    log("error", "audit checkpoint failed", { error: (error as Error).message });
    throw error;
  }
}
