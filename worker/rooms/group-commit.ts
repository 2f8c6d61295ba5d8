/**
 * Group commit for a room's update log: store first, then let out, with one commit for many.
 *
 * Updates accepted in one turn of the room, or while the previous batch's commit is still in
 * flight, wait in a queue together with whatever must leave after them (their broadcasts, their
 * `saved` answers, and any reply that shows the document as it is with them, like a SyncStep2).
 * A flush writes the whole queue at once (RoomStorage.appendBatch: one multi-row INSERT) and
 * only then runs the outputs, in order, in the same turn: the output gate holds them until that
 * write is durable. A single update at a low rate is flushed at the end of its own turn, so it
 * costs one commit as before; under load one commit covers every update that arrived meanwhile.
 *
 * "Meanwhile" needs care in the local runtime. There the promise of `ctx.storage.sync()` settles
 * only after the next message has been delivered, so when a commit settles, the updates delivered
 * meanwhile are one or two, while many more may wait in the socket. Flushed at once, the
 * automerge-paper replay took 1.9 updates per commit and 118,000 commits. So in a burst (the
 * BURST_STREAK-th update in a row arriving within BUSY_MS of the one before it) the flush waits
 * for the commit in flight and then one timer tick: the runtime first delivers every message it
 * has already received, and they join the batch (about 1,050 commits for the same replay). The
 * wait ends anyway once no update has arrived for MAX_BURST_WAIT_MS: the late promise may be
 * waiting for a message that does not come. Outside a burst, an update never waits for either:
 * it is written at the end of its own turn even while the last commit is in flight (the output
 * gate still lets nothing out before both are durable), because waiting for that late promise and
 * a tick cost a person typing about 0.9 ms at the median and saved no commit. A streak, not a
 * pair: ten people typing on their own rhythm put two keystrokes within BUSY_MS of each other
 * every few seconds, and with a pair counted as a burst the second keystroke waited for the first
 * one's late promise, up to the next keystroke in the room. On Cloudflare the commit is in flight
 * for a network round trip, and the wait for it does the same.
 *
 * A batch is also bounded: once MAX_BATCH_UPDATES updates or MAX_BATCH_BYTES of them wait, they
 * are flushed at once, in the turn that filled it, so a reader waits for at most that many. With
 * no bound, one batch of the automerge-paper replay once held 78,475 updates and failed as one
 * statement too big for SQLite (SQLITE_TOOBIG), which reset the room.
 *
 * If the write throws, no output of the batch runs (none of its updates reaches anyone) and
 * `onFailure` resets the room; nothing is ever let out before it is stored.
 */

export interface Pending<E> {
  /** The row to store, or null for an output that only has to wait for the rows before it. */
  entry: E | null;
  /** Runs once the batch holding `entry` (and everything queued before it) is written. */
  deliver: () => void;
}

export interface GroupCommitHooks<E> {
  /** Writes the rows in order, synchronously (one transaction with the turn's other writes). */
  write(entries: E[]): void;
  /** Resolves once what was written so far is durable (`ctx.storage.sync()`; it does not block input). */
  durable(): Promise<void>;
  /** The write threw: the batch's outputs were dropped; reset. */
  onFailure(error: unknown, batch: number): void;
  /** The entry's size in bytes, for MAX_BATCH_BYTES. */
  bytesOf(entry: E): number;
}

/** Updates arriving this close together are close. */
export const BUSY_MS = 2;
/** This many close arrivals in a row make a burst: gather what has already arrived first. */
export const BURST_STREAK = 3;
/** In a burst an update waits for the commit in flight until no update has arrived for this long. */
export const MAX_BURST_WAIT_MS = 2;
/** A batch this full is flushed at once: readers wait for no more than this many updates. */
export const MAX_BATCH_UPDATES = 250;
export const MAX_BATCH_BYTES = 256 * 1024;

export class GroupCommit<E> {
  private queue: Pending<E>[] = [];
  private queuedEntries = 0;
  private queuedBytes = 0;
  private lastArrivalAt = Number.NEGATIVE_INFINITY;
  private closeInARow = 0;
  private burst = false;
  private turnScheduled = false;
  private tick: { timer: ReturnType<typeof setTimeout>; why: "settled" | "quiet" } | null = null;
  private inFlight = false;
  private failed = false;
  /** Largest batch written so far (the bench reads it through the room's status). */
  largestBatch = 0;
  batches = 0;
  updates = 0;

  private readonly hooks: GroupCommitHooks<E>;

  constructor(hooks: GroupCommitHooks<E>) {
    this.hooks = hooks;
  }

  /** Nothing is waiting to be written: outputs can leave at once (the gate still orders them after earlier writes). */
  get idle(): boolean {
    return this.queue.length === 0;
  }

  /** Queues a row and what must leave after it. */
  add(entry: E, deliver: () => void): void {
    if (this.failed) return;
    const now = Date.now();
    this.closeInARow = now - this.lastArrivalAt < BUSY_MS ? this.closeInARow + 1 : 0;
    this.burst = this.closeInARow >= BURST_STREAK;
    this.lastArrivalAt = now;
    this.queuedEntries++;
    this.queuedBytes += this.hooks.bytesOf(entry);
    this.push({ entry, deliver });
    if (this.queuedEntries >= MAX_BATCH_UPDATES || this.queuedBytes >= MAX_BATCH_BYTES) this.flush();
  }

  /** Runs `deliver` now when nothing is waiting, else after the rows queued before it. */
  after(deliver: () => void): void {
    if (this.queue.length === 0) deliver();
    else this.push({ entry: null, deliver });
  }

  private push(item: Pending<E>): void {
    if (this.failed) return;
    this.queue.push(item);
    // In a burst, wait for the commit in flight and then a tick, so the messages already received
    // join the batch, but no longer than MAX_BURST_WAIT_MS without another arrival (the burst is
    // over); otherwise write at the end of this turn.
    if (!this.burst) this.scheduleTurn();
    else this.scheduleTick(this.inFlight ? "quiet" : "settled");
  }

  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    queueMicrotask(() => {
      this.turnScheduled = false;
      this.flush();
    });
  }

  /**
   * Flushes from a timer (the runtime first delivers what it has already received): `settled`, the
   * next tick once no commit is in flight, replacing a `quiet` wait; `quiet`, MAX_BURST_WAIT_MS
   * after the latest arrival while the commit is in flight (each arrival pushes it back).
   */
  private scheduleTick(why: "settled" | "quiet"): void {
    if (this.tick) {
      if (this.tick.why === "settled") return;
      clearTimeout(this.tick.timer);
    }
    const timer = setTimeout(
      () => {
        this.tick = null;
        this.flush();
      },
      why === "settled" ? 0 : MAX_BURST_WAIT_MS,
    );
    this.tick = { timer, why };
  }

  /**
   * Writes and lets out everything queued, now (RPCs whose answer must say whether the write
   * succeeded, and readers of the stored log such as snapshots). Returns false if it failed.
   */
  flush(): boolean {
    if (this.failed) return false;
    if (this.queue.length === 0) return true;
    if (this.tick) {
      clearTimeout(this.tick.timer);
      this.tick = null;
    }
    const batch = this.queue;
    this.queue = [];
    this.queuedEntries = 0;
    this.queuedBytes = 0;
    const entries = batch.flatMap((p) => (p.entry === null ? [] : [p.entry]));
    if (entries.length) {
      try {
        this.hooks.write(entries);
      } catch (error) {
        this.failed = true;
        try {
          this.hooks.onFailure(error, entries.length);
        } catch {
          // ctx.abort() throws by design once it has reset the object.
        }
        return false;
      }
      this.batches++;
      this.updates += entries.length;
      this.largestBatch = Math.max(this.largestBatch, entries.length);
    }
    for (const item of batch) item.deliver();
    if (entries.length) this.waitForCommit();
    return true;
  }

  /** Updates arriving while this commit is in flight wait for it and go out in the next batch. */
  private waitForCommit(): void {
    if (this.inFlight) return;
    this.inFlight = true;
    this.hooks.durable().then(
      () => {
        this.inFlight = false;
        if (!this.queue.length) return;
        if (this.burst) this.scheduleTick("settled");
        else this.scheduleTurn();
      },
      () => {
        // The runtime breaks the output gate and resets the object itself when a commit fails.
        this.inFlight = false;
      },
    );
  }
}
