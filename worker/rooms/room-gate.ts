/**
 * Who may write into a room right now. The document's workflow state lives in D1; the room keeps
 * a copy (state and version) that moves only forward by version, so a late or repeated update
 * from the Worker can never roll it back, and every connection brings the current one along.
 *
 * A hold locks the room before a workflow action commits, so the snapshot the action records is
 * the text the room keeps; it is released when a newer version arrives or the action gives up.
 * Kept in memory and in the room's SQLite, so a restarted room still refuses edits under a hold.
 */
import { canEditInState, LOCKED_STATES } from "#shared/workflow.ts";
import type { Role } from "#shared/roles.ts";
import { workflowStateLabel, type WorkflowState } from "#shared/workflow-states.ts";
import type { RoomStorage } from "./room-storage.ts";

export interface WorkflowPosition {
  state: WorkflowState;
  version: number;
  /** Who made the change that reached this position (a person's name), when the caller knows. */
  changedBy?: string | undefined;
}

interface Hold {
  token: string;
  reason: string;
  /** Who is taking the action the hold is for (a person's name). */
  by?: string | undefined;
  /** The document version the held action was made on. */
  forVersion: number;
}

export class RoomGate {
  private readonly storage: RoomStorage;
  private position: WorkflowPosition | null;
  private holds: Hold[];

  constructor(storage: RoomStorage) {
    this.storage = storage;
    const saved = storage.getState("workflow");
    this.position = saved ? (JSON.parse(saved) as WorkflowPosition) : null;
    const holds = storage.getState("holds");
    this.holds = holds ? (JSON.parse(holds) as Hold[]) : [];
  }

  /** Adopts the Worker's view when it is newer; returns whether anything changed. */
  advance(position: WorkflowPosition): boolean {
    if (this.position && position.version < this.position.version) return false;
    const moved = this.position?.state !== position.state || this.position?.version !== position.version;
    // The same position told again (each connection brings it, without a name) keeps who caused it;
    // the workflow's own call may name them after a connection brought the position first.
    const named = !moved && position.changedBy !== undefined && position.changedBy !== this.position?.changedBy;
    const changed = moved || named;
    if (changed)
      this.position = { state: position.state, version: position.version, ...(position.changedBy !== undefined ? { changedBy: position.changedBy } : {}) };
    const before = this.holds.length;
    this.holds = this.holds.filter((h) => h.forVersion >= position.version);
    if (changed) this.storage.setState("workflow", JSON.stringify(this.position));
    if (this.holds.length !== before) this.saveHolds();
    return changed || this.holds.length !== before;
  }

  hold(token: string, reason: string, forVersion: number, by?: string): void {
    this.holds = [...this.holds.filter((h) => h.token !== token), { token, reason, forVersion, ...(by !== undefined ? { by } : {}) }];
    this.saveHolds();
  }

  release(token: string): boolean {
    const before = this.holds.length;
    this.holds = this.holds.filter((h) => h.token !== token);
    if (this.holds.length === before) return false;
    this.saveHolds();
    return true;
  }

  get state(): WorkflowState | null {
    return this.position?.state ?? null;
  }

  get locked(): boolean {
    return this.holds.length > 0 || (this.position !== null && LOCKED_STATES.includes(this.position.state));
  }

  get lockReason(): string | null {
    if (this.holds.length) return this.holds[0]!.reason;
    return this.locked && this.position ? workflowStateLabel(this.position.state) : null;
  }

  /** Who caused the lock, when known: the person taking the held action, or whose action locked the state. */
  get lockedBy(): string | null {
    if (this.holds.length) return this.holds[0]!.by ?? null;
    return this.locked && this.position ? (this.position.changedBy ?? null) : null;
  }

  canEdit(roles: readonly Role[]): boolean {
    if (this.locked || !this.position) return false;
    return canEditInState(this.position.state, new Set(roles));
  }

  private saveHolds(): void {
    this.storage.setState("holds", this.holds.length ? JSON.stringify(this.holds) : null);
  }
}
