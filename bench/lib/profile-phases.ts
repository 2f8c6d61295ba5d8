/** The phases of `--only profile`, shared by the runner (Node) and the bench-only StorageProfile object (workerd). */
export const PROFILE_PHASES = [
  "apply",
  "applyWithStats",
  "checkThenApply",
  "messageAttachmentCheck",
  "lockCheck",
  "logInsert",
  "appendNoCheckpoint",
  "append",
  "syncOnly",
  "logInsertThenSync",
  "syncOnlyPaced",
  "logInsertThenSyncPaced",
  "appendThenSync",
  "appendBatch10ThenSync",
  "scanStockAttachments10",
  "scanOurAttachments10",
  "scanStockAttachments50",
  "scanOurAttachments50",
  "roomSocketList50",
] as const;
export type ProfilePhase = (typeof PROFILE_PHASES)[number];

/**
 * The paced phase writes one row every PACE_MS, the rate of the propagation and gap sections at
 * N = 10 (10 editors at 5 keystrokes/s), for at most PACED_UPDATES rows. Their time per update is
 * what each took beyond the pace.
 */
export const PACE_MS = 20;
export const PACED_UPDATES = 250;

export interface PhaseResult {
  phase: ProfilePhase;
  updates: number;
  totalMs: number;
  usPerUpdate: number;
}
