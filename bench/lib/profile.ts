/**
 * `--only profile`: the parts of our room's per-update work, timed inside workerd by the bench-only
 * StorageProfile object (bench/profile-room.ts). Each phase runs `runs` times on fresh objects;
 * the median is kept. Derived rows subtract phases to isolate one part.
 */
import { PACE_MS, PROFILE_PHASES, type PhaseResult, type ProfilePhase } from "./profile-phases.ts";

export interface ProfileResult {
  updatesPerPhase: number;
  runs: number;
  phases: (PhaseResult & { runsUs: number[] })[];
  /** Microseconds per update, by subtraction. */
  derived: Record<string, number>;
}

export async function measureProfile(url: string, updates: number, runs: number): Promise<ProfileResult> {
  const phases: ProfileResult["phases"] = [];
  for (const phase of PROFILE_PHASES) {
    const results: PhaseResult[] = [];
    for (let i = 0; i < runs; i++) {
      const res = await fetch(`${url}/bench/profile/${phase}?n=${updates}`);
      if (!res.ok) throw new Error(`profile ${phase}: ${res.status} ${await res.text()}`);
      results.push((await res.json()) as PhaseResult);
    }
    const sorted = [...results].sort((a, b) => a.usPerUpdate - b.usPerUpdate);
    phases.push({ ...sorted[Math.floor(sorted.length / 2)]!, runsUs: results.map((r) => r.usPerUpdate) });
  }
  const us = (p: ProfilePhase) => phases.find((x) => x.phase === p)!.usPerUpdate;
  const round = (n: number) => Math.round(n * 10) / 10;
  const derived = {
    "stats counting (applyWithStats - apply)": round(us("applyWithStats") - us("apply")),
    "update check (checkThenApply - apply)": round(us("checkThenApply") - us("apply")),
    "partyserver's attachment check per message": us("messageAttachmentCheck"),
    "append beyond the log INSERT (appendNoCheckpoint - apply - logInsert)": round(us("appendNoCheckpoint") - us("apply") - us("logInsert")),
    "checkpoints, amortized (append - appendNoCheckpoint)": round(us("append") - us("appendNoCheckpoint")),
    "commit wait of one log row (logInsertThenSync - logInsert - syncOnly)": round(us("logInsertThenSync") - us("logInsert") - us("syncOnly")),
    [`commit wait of one log row, one every ${PACE_MS} ms (logInsertThenSyncPaced - logInsert - syncOnlyPaced)`]: round(
      us("logInsertThenSyncPaced") - us("logInsert") - us("syncOnlyPaced"),
    ),
    "commit wait of append (appendThenSync - append - syncOnly)": round(us("appendThenSync") - us("append") - us("syncOnly")),
    "commit wait per update in batches of 10 (appendBatch10ThenSync - append - syncOnly/10)": round(
      us("appendBatch10ThenSync") - us("append") - us("syncOnly") / 10,
    ),
    "broadcast pass, 50 sockets: partyserver's scan of our attachments / the room's own list": round(us("scanOurAttachments50") - us("roomSocketList50")),
    "attachment scan, ours - stock, 10 sockets": round(us("scanOurAttachments10") - us("scanStockAttachments10")),
    "attachment scan, ours - stock, 50 sockets": round(us("scanOurAttachments50") - us("scanStockAttachments50")),
  };
  return { updatesPerPhase: updates, runs, phases, derived };
}
