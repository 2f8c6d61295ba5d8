/**
 * Full verification of the audit trail: the hash chain recomputed from the genesis, then the chain
 * held against every signed checkpoint in R2. The checkpoints catch what a consistent recomputation
 * hides: a rewrite of events already checkpointed (stored hash differs from the signed head) and a
 * truncation (the table ends before a checkpointed event).
 */
import { CHECKPOINT_PROBLEM_KINDS, VERIFY_REASON_CODES, type CheckpointProblemKind, type VerifyReasonCode } from "#shared/audit.ts";
import { database } from "../db/client.ts";
import type { Env } from "../env.ts";
import { type ChainRow, type ChainVerification, verifyAuditChain } from "./audit-log.ts";
import { listCheckpoints, signedText, type StoredCheckpoint } from "./audit-checkpoints.ts";
import { loadSigner, trustedKeys, verifySignature } from "./audit-signing.ts";

export { CHECKPOINT_PROBLEM_KINDS, VERIFY_REASON_CODES, type CheckpointProblemKind, type VerifyReasonCode };

export interface CheckpointProblem {
  checkpointSeq: number | null;
  checkpointKey: string;
  kind: CheckpointProblemKind;
  message: string;
}

export interface VerifyReason {
  code: VerifyReasonCode;
  message: string;
}

/** The newest trusted checkpoint may be at most this old (the cron writes one every hour). */
export const CHECKPOINT_MAX_AGE_MS = 2 * 60 * 60 * 1000;

export interface TrailVerification extends ChainVerification {
  /** Empty when ok; otherwise every reason the trail cannot be vouched for. */
  reasons: VerifyReason[];
  head: { seq: number; hash: string } | null;
  checkpoints: {
    signingKeyConfigured: boolean;
    checked: number;
    latest: Pick<StoredCheckpoint, "seq" | "headHash" | "events" | "at" | "reason" | "key"> | null;
    problems: CheckpointProblem[];
  };
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

export async function verifyAuditTrail(
  env: Pick<Env, "DB" | "AUDIT_CHECKPOINTS" | "AUDIT_SIGNING_KEY" | "AUDIT_VERIFY_KEYS">,
  now = Date.now(),
): Promise<TrailVerification> {
  const signer = await loadSigner(env.AUDIT_SIGNING_KEY);
  const keys = await trustedKeys(signer, env.AUDIT_VERIFY_KEYS);
  const problems: CheckpointProblem[] = [];
  const trusted: StoredCheckpoint[] = [];
  const listed = await listCheckpoints(env.AUDIT_CHECKPOINTS);
  for (const cp of listed) {
    if ("unreadable" in cp) {
      problems.push({ checkpointSeq: null, checkpointKey: cp.key, kind: "unreadable", message: `Checkpoint ${cp.key} cannot be read: ${cp.unreadable}.` });
      continue;
    }
    const key = keys.get(cp.keyId);
    if (!key) {
      problems.push({
        checkpointSeq: cp.seq,
        checkpointKey: cp.key,
        kind: "unknown_key",
        message: `Checkpoint ${cp.key} is signed with key ${cp.keyId}, which is neither the current signing key nor listed in AUDIT_VERIFY_KEYS.`,
      });
    } else if (!(await verifySignature(key, signedText(cp), cp.signature))) {
      problems.push({
        checkpointSeq: cp.seq,
        checkpointKey: cp.key,
        kind: "bad_signature",
        message: `Checkpoint ${cp.key} has a signature that does not match its contents: it was not written by this application.`,
      });
    } else {
      trusted.push(cp);
    }
  }

  const bySeq = new Map<number, StoredCheckpoint[]>();
  for (const cp of trusted) bySeq.set(cp.seq, [...(bySeq.get(cp.seq) ?? []), cp]);
  const seen = new Set<number>();
  let head: ChainRow | null = null;
  const chain = await verifyAuditChain(database(env), (row) => {
    head = row;
    for (const cp of bySeq.get(row.seq) ?? []) {
      seen.add(cp.seq);
      if (row.hash !== cp.headHash) {
        problems.push({
          checkpointSeq: cp.seq,
          checkpointKey: cp.key,
          kind: "rewritten",
          message: `Event #${cp.seq} now has hash ${short(row.hash)} but the checkpoint of ${cp.at} signed ${short(cp.headHash)}: the trail through #${cp.seq} was rewritten after ${cp.at}.`,
        });
      } else if (row.ordinal !== cp.events) {
        problems.push({
          checkpointSeq: cp.seq,
          checkpointKey: cp.key,
          kind: "rewritten",
          message: `The checkpoint of ${cp.at} counted ${cp.events} events through #${cp.seq}; the table now holds ${row.ordinal}.`,
        });
      }
    }
  });
  const last = head as ChainRow | null;
  for (const cp of trusted) {
    if (seen.has(cp.seq)) continue;
    if (!last || cp.seq > last.seq) {
      const now = last ? `the table now ends at #${last.seq}` : "the table now holds no events";
      problems.push({
        checkpointSeq: cp.seq,
        checkpointKey: cp.key,
        kind: "truncated",
        message: `The checkpoint of ${cp.at} signed a trail through event #${cp.seq}, but ${now}: the newest events were deleted.`,
      });
    } else {
      problems.push({
        checkpointSeq: cp.seq,
        checkpointKey: cp.key,
        kind: "rewritten",
        message: `Event #${cp.seq}, the head signed by the checkpoint of ${cp.at}, is missing from the table: events were deleted or renumbered.`,
      });
    }
  }

  const latest = trusted.reduce<StoredCheckpoint | null>((a, b) => (!a || b.seq > a.seq || (b.seq === a.seq && b.at > a.at) ? b : a), null);
  const reasons: VerifyReason[] = [];
  if (!chain.ok) reasons.push({ code: "chain_broken", message: `The hash chain is broken from event #${chain.firstBrokenSeq}.` });
  if (problems.length) reasons.push({ code: "checkpoint_problem", message: `${problems.length} checkpoint problem(s): see checkpoints.problems.` });
  if (keys.size === 0) {
    reasons.push({
      code: "no_verification_key",
      message: "No verification key is configured (neither AUDIT_SIGNING_KEY nor AUDIT_VERIFY_KEYS), so no checkpoint can be checked.",
    });
  } else if (!latest) {
    reasons.push({
      code: "no_checkpoint",
      message: "No trusted checkpoint exists, so a consistent rewrite or a deleted tail of the trail would go unnoticed.",
    });
  }
  // The newest checkpoint written, by time: the hourly cron keeps it fresh even when nothing changed.
  const newestAt = trusted.reduce<string | null>((a, b) => (!a || b.at > a ? b.at : a), null);
  if (newestAt && !(now - Date.parse(newestAt) <= CHECKPOINT_MAX_AGE_MS)) {
    reasons.push({
      code: "checkpoint_stale",
      message: `The newest checkpoint is from ${newestAt}, more than two hours ago: checkpoints have stopped, and events since then are not vouched for.`,
    });
  }
  return {
    ...chain,
    ok: reasons.length === 0,
    reasons,
    head: last ? { seq: last.seq, hash: last.hash } : null,
    checkpoints: {
      signingKeyConfigured: signer !== null,
      checked: listed.length,
      latest: latest && { seq: latest.seq, headHash: latest.headHash, events: latest.events, at: latest.at, reason: latest.reason, key: latest.key },
      problems: problems.sort((a, b) => (a.checkpointSeq ?? 0) - (b.checkpointSeq ?? 0)),
    },
  };
}
