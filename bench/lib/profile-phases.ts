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
  "appendThenSync",
  "appendBatch10ThenSync",
  "scanStockAttachments10",
  "scanOurAttachments10",
  "scanStockAttachments50",
  "scanOurAttachments50",
  "roomSocketList50",
] as const;
export type ProfilePhase = (typeof PROFILE_PHASES)[number];

export interface PhaseResult {
  phase: ProfilePhase;
  updates: number;
  totalMs: number;
  usPerUpdate: number;
}
