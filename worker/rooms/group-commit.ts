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
 * automerge-paper replay took 1.9 updates per commit and 118,000 commits. So in a burst (an update
 * arriving within BUSY_MS of the one before it) the flush waits for the commit in flight and then
 * one timer tick: the runtime first delivers every message it has already received, and they join
 * the batch (about 1,050 commits for the same replay). Outside a burst, an update never waits for
 * either: it is written at the end of its own turn even while the last commit is in flight (the
 * output gate still lets nothing out before both are durable), because waiting for that late
 * promise and a tick cost a person typing about 0.9 ms at the median and saved no commit. On
 * Cloudflare the commit is in flight for a network round trip, and the wait for it does the same.
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

/** Updates arriving this close together are a burst: gather what has already arrived first. */
export const BUSY_MS = 2;
/** A batch this full is flushed at once: readers wait for no more than this many updates. */
export const MAX_BATCH_UPDATES = 250;
export const MAX_BATCH_BYTES = 256 * 1024;

export class GroupCommit<E> {
  private queue: Pending<E>[] = [];
  private queuedEntries = 0;
  private queuedBytes = 0;
  private lastArrivalAt = Number.NEGATIVE_INFINITY;
  private burst = false;
  private scheduled = false;
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
    this.burst = now - this.lastArrivalAt < BUSY_MS;
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
    // join the batch; otherwise write at the end of this turn.
    if (!this.burst) this.schedule("turn");
    else if (!this.inFlight) this.schedule("tick");
  }

  private schedule(wait: "turn" | "tick"): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      if (wait === "turn" || !this.inFlight) this.flush();
    };
    if (wait === "tick") setTimeout(run, 0);
    else queueMicrotask(run);
  }

  /**
   * Writes and lets out everything queued, now (RPCs whose answer must say whether the write
   * succeeded, and readers of the stored log such as snapshots). Returns false if it failed.
   */
  flush(): boolean {
    if (this.failed) return false;
    if (this.queue.length === 0) return true;
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
        if (this.queue.length) this.schedule(this.burst ? "tick" : "turn");
      },
      () => {
        // The runtime breaks the output gate and resets the object itself when a commit fails.
        this.inFlight = false;
      },
    );
  }
}
