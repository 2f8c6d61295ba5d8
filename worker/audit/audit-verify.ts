/**
 * Full verification of the audit trail: the hash chain recomputed from the genesis, then the chain
 * held against every signed checkpoint in R2. The checkpoints catch what a consistent recomputation
 * hides: a rewrite of events already checkpointed (stored hash differs from the signed head) and a
 * truncation (the table ends before a checkpointed event).
 */
import { database } from "../db/client.ts";
import type { Env } from "../env.ts";
import { type ChainRow, type ChainVerification, verifyAuditChain } from "./audit-log.ts";
import { listCheckpoints, signedText, type StoredCheckpoint } from "./audit-checkpoints.ts";
import { loadSigner, trustedKeys, verifySignature } from "./audit-signing.ts";

export const CHECKPOINT_PROBLEM_KINDS = ["unreadable", "unknown_key", "bad_signature", "rewritten", "truncated"] as const;
export type CheckpointProblemKind = (typeof CHECKPOINT_PROBLEM_KINDS)[number];

export interface CheckpointProblem {
  checkpointSeq: number | null;
  checkpointKey: string;
  kind: CheckpointProblemKind;
  message: string;
}

export interface TrailVerification extends ChainVerification {
  head: { seq: number; hash: string } | null;
  checkpoints: {
    signingKeyConfigured: boolean;
    checked: number;
    latest: Pick<StoredCheckpoint, "seq" | "headHash" | "events" | "at" | "reason" | "key"> | null;
    problems: CheckpointProblem[];
  };
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

export async function verifyAuditTrail(env: Pick<Env, "DB" | "AUDIT_CHECKPOINTS" | "AUDIT_SIGNING_KEY" | "AUDIT_VERIFY_KEYS">): Promise<TrailVerification> {
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
      problems.push({ checkpointSeq: cp.seq, checkpointKey: cp.key, kind: "unknown_key", message: `Checkpoint ${cp.key} is signed with key ${cp.keyId}, which is neither the current signing key nor listed in AUDIT_VERIFY_KEYS.` });
    } else if (!(await verifySignature(key, signedText(cp), cp.signature))) {
      problems.push({ checkpointSeq: cp.seq, checkpointKey: cp.key, kind: "bad_signature", message: `Checkpoint ${cp.key} has a signature that does not match its contents: it was not written by this application.` });
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
        problems.push({ checkpointSeq: cp.seq, checkpointKey: cp.key, kind: "rewritten", message: `Event #${cp.seq} now has hash ${short(row.hash)} but the checkpoint of ${cp.at} signed ${short(cp.headHash)}: the trail through #${cp.seq} was rewritten after ${cp.at}.` });
      } else if (row.ordinal !== cp.events) {
        problems.push({ checkpointSeq: cp.seq, checkpointKey: cp.key, kind: "rewritten", message: `The checkpoint of ${cp.at} counted ${cp.events} events through #${cp.seq}; the table now holds ${row.ordinal}.` });
      }
    }
  });
  const last = head as ChainRow | null;
  for (const cp of trusted) {
    if (seen.has(cp.seq)) continue;
    if (!last || cp.seq > last.seq) {
      const now = last ? `the table now ends at #${last.seq}` : "the table now holds no events";
      problems.push({ checkpointSeq: cp.seq, checkpointKey: cp.key, kind: "truncated", message: `The checkpoint of ${cp.at} signed a trail through event #${cp.seq}, but ${now}: the newest events were deleted.` });
    } else {
      problems.push({ checkpointSeq: cp.seq, checkpointKey: cp.key, kind: "rewritten", message: `Event #${cp.seq}, the head signed by the checkpoint of ${cp.at}, is missing from the table: events were deleted or renumbered.` });
    }
  }

  const latest = trusted.reduce<StoredCheckpoint | null>((a, b) => (!a || b.seq > a.seq || (b.seq === a.seq && b.at > a.at) ? b : a), null);
  return {
    ...chain,
    ok: chain.ok && problems.length === 0,
    head: last ? { seq: last.seq, hash: last.hash } : null,
    checkpoints: {
      signingKeyConfigured: signer !== null,
      checked: listed.length,
      latest: latest && { seq: latest.seq, headHash: latest.headHash, events: latest.events, at: latest.at, reason: latest.reason, key: latest.key },
      problems: problems.sort((a, b) => (a.checkpointSeq ?? 0) - (b.checkpointSeq ?? 0)),
    },
  };
}
