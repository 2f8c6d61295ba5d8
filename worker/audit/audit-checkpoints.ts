/**
 * Signed checkpoints of the audit chain's head, kept outside D1 (R2 bucket `AUDIT_CHECKPOINTS`).
 * Someone able to rewrite every D1 row can recompute every hash, so the chain alone cannot show a
 * consistent rewrite; a checkpoint written earlier to storage they cannot change can (as Azure SQL
 * ledger digests and Certificate Transparency signed tree heads do).
 */
import { CHECKPOINT_REASONS, type CheckpointReason } from "#shared/audit.ts";
import { canonicalJson } from "#shared/canonical-json.ts";
import type { Env } from "../env.ts";
import { loadSigner, SigningKeyError } from "./audit-signing.ts";

export const CHECKPOINT_PREFIX = "checkpoints/";
export { CHECKPOINT_REASONS, type CheckpointReason };

/** A release's checkpoint also signs the edition it froze (its manifest's hash). */
export interface CheckpointEdition {
  year: number;
  manifestHash: string;
}

/** What is signed: the head of the chain at one moment (and, at a release, the edition). */
export interface CheckpointClaim {
  seq: number;
  headHash: string;
  events: number;
  at: string;
  reason: CheckpointReason;
  edition?: CheckpointEdition;
}

export interface Checkpoint extends CheckpointClaim {
  keyId: string;
  signature: string;
}

export interface StoredCheckpoint extends Checkpoint {
  key: string;
}

/** `edition` is left out when absent, so checkpoints written before editions existed verify as they did. */
export const signedText = (claim: CheckpointClaim) =>
  canonicalJson({
    seq: claim.seq,
    headHash: claim.headHash,
    events: claim.events,
    at: claim.at,
    reason: claim.reason,
    ...(claim.edition ? { edition: { year: claim.edition.year, manifestHash: claim.edition.manifestHash } } : {}),
  });

/** Zero-padded so keys list in chain order; the time makes every write a new object (a locked bucket refuses overwrites). */
export const checkpointKey = (seq: number, at: string) => `${CHECKPOINT_PREFIX}${String(seq).padStart(12, "0")}-${at}.json`;

interface ChainHead {
  seq: number;
  hash: string;
  events: number;
}

/** One statement, so the head and the count come from the same moment. */
async function readChainHead(db: D1Database): Promise<ChainHead | null> {
  return db.prepare("SELECT seq, hash, (SELECT COUNT(*) FROM audit_events) AS events FROM audit_events ORDER BY seq DESC LIMIT 1").first<ChainHead>();
}

export type CheckpointResult =
  | { written: true; checkpoint: StoredCheckpoint }
  | { written: false; reason: "no_events" | "unchanged"; checkpoint: StoredCheckpoint | null };

/**
 * A scheduled or manual checkpoint is skipped while the same head was checkpointed less than this
 * long ago. Older, the unchanged head is signed again: the hourly cron keeps the newest checkpoint
 * fresh, so verify can tell checkpoints that stopped (older than two hours) from a quiet trail.
 */
export const UNCHANGED_HEAD_REFRESH_MS = 30 * 60 * 1000;

/**
 * Signs the chain's current head and stores it. A scheduled or manual checkpoint of a head that was
 * checkpointed within the last half hour is skipped; a release always gets its own.
 */
export async function writeAuditCheckpoint(
  env: Pick<Env, "DB" | "AUDIT_CHECKPOINTS" | "AUDIT_SIGNING_KEY">,
  options: { reason: CheckpointReason; edition?: CheckpointEdition },
): Promise<CheckpointResult> {
  const signer = await loadSigner(env.AUDIT_SIGNING_KEY);
  if (!signer) throw new SigningKeyError("AUDIT_SIGNING_KEY is not set, so no checkpoint can be signed.");
  const head = await readChainHead(env.DB);
  if (!head) return { written: false, reason: "no_events", checkpoint: null };
  if (options.reason !== "release") {
    const recent = new Date(Date.now() - UNCHANGED_HEAD_REFRESH_MS).toISOString();
    const same = (await listCheckpoints(env.AUDIT_CHECKPOINTS, `${CHECKPOINT_PREFIX}${String(head.seq).padStart(12, "0")}-`)).findLast(
      (c) => "headHash" in c && c.headHash === head.hash && c.at >= recent,
    );
    if (same && "signature" in same) return { written: false, reason: "unchanged", checkpoint: same };
  }
  const claim: CheckpointClaim = {
    seq: head.seq,
    headHash: head.hash,
    events: head.events,
    at: new Date().toISOString(),
    reason: options.reason,
    ...(options.edition ? { edition: options.edition } : {}),
  };
  const checkpoint: Checkpoint = { ...claim, keyId: signer.keyId, signature: await signer.sign(signedText(claim)) };
  const key = checkpointKey(claim.seq, claim.at);
  await env.AUDIT_CHECKPOINTS.put(key, JSON.stringify({ ...checkpoint, publicKey: signer.publicKey }, null, 2), {
    httpMetadata: { contentType: "application/json" },
    // Copied into metadata so verification reads every checkpoint from the listing alone.
    customMetadata: Object.fromEntries(Object.entries(checkpoint).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)])),
  });
  return { written: true, checkpoint: { ...checkpoint, key } };
}

export interface UnreadableCheckpoint {
  key: string;
  unreadable: string;
}

function parseCheckpoint(key: string, fields: Record<string, unknown>): StoredCheckpoint | UnreadableCheckpoint {
  const seq = Number(fields.seq);
  const events = Number(fields.events);
  const { headHash, at, reason, keyId, signature } = fields;
  if (!Number.isSafeInteger(seq) || seq < 1 || !Number.isSafeInteger(events)) return { key, unreadable: "seq or events is not a whole number" };
  for (const [name, value] of Object.entries({ headHash, at, reason, keyId, signature })) {
    if (typeof value !== "string" || !value) return { key, unreadable: `${name} is missing` };
  }
  if (!CHECKPOINT_REASONS.includes(reason as CheckpointReason))
    return { key, unreadable: `reason "${String(reason)}" is not one of ${CHECKPOINT_REASONS.join(", ")}` };
  const edition = parseEdition(fields.edition);
  if (edition === "unreadable") return { key, unreadable: "edition is not a year and a manifest hash" };
  return {
    key,
    seq,
    events,
    headHash: headHash as string,
    at: at as string,
    reason: reason as CheckpointReason,
    ...(edition ? { edition } : {}),
    keyId: keyId as string,
    signature: signature as string,
  };
}

/** In metadata the edition is JSON text; in the object's body, an object. */
function parseEdition(value: unknown): CheckpointEdition | null | "unreadable" {
  if (value === undefined || value === null || value === "") return null;
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return "unreadable";
    }
  }
  const { year, manifestHash } = (parsed ?? {}) as { year?: unknown; manifestHash?: unknown };
  if (!Number.isSafeInteger(year) || typeof manifestHash !== "string" || !/^[0-9a-f]{64}$/.test(manifestHash)) return "unreadable";
  return { year: year as number, manifestHash };
}

/** The checkpoints that sign `year`'s edition, in chain order. */
export async function editionCheckpoints(bucket: R2Bucket, year: number): Promise<StoredCheckpoint[]> {
  return (await listCheckpoints(bucket)).filter((c): c is StoredCheckpoint => "signature" in c && c.edition?.year === year);
}

/** Every checkpoint under `prefix`, in key (= chain) order; objects without usable metadata are read in full. */
export async function listCheckpoints(bucket: R2Bucket, prefix = CHECKPOINT_PREFIX): Promise<(StoredCheckpoint | UnreadableCheckpoint)[]> {
  const found: (StoredCheckpoint | UnreadableCheckpoint)[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor, include: ["customMetadata"] });
    for (const object of page.objects) {
      let parsed = parseCheckpoint(object.key, object.customMetadata ?? {});
      if ("unreadable" in parsed) {
        const body = await bucket.get(object.key);
        try {
          parsed = parseCheckpoint(object.key, body ? ((await body.json()) as Record<string, unknown>) : {});
        } catch {
          parsed = { key: object.key, unreadable: "the object is not JSON" };
        }
      }
      found.push(parsed);
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return found;
}
