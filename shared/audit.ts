/** The audit trail's fixed vocabularies, named once for the worker that writes them and the web that shows them. */

/** Why a checkpoint of the chain's head was signed. */
export const CHECKPOINT_REASONS = ["schedule", "release", "manual"] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

/** What can be wrong with one stored checkpoint. */
export const CHECKPOINT_PROBLEM_KINDS = ["unreadable", "unknown_key", "bad_signature", "rewritten", "truncated"] as const;
export type CheckpointProblemKind = (typeof CHECKPOINT_PROBLEM_KINDS)[number];

/** Why verify cannot vouch for the trail; `ok` is false whenever there is one. */
export const VERIFY_REASON_CODES = ["chain_broken", "checkpoint_problem", "no_verification_key", "no_checkpoint", "checkpoint_stale"] as const;
export type VerifyReasonCode = (typeof VERIFY_REASON_CODES)[number];

/** The files the trail exports to. */
export const EXPORT_FORMATS = ["jsonl", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
