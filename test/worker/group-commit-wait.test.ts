/**
 * GroupCommit's wait (worker/rooms/group-commit.ts): an update arriving alone is written at the
 * end of its own turn, even while the last commit is in flight, and so is the second of two
 * arriving together; updates arriving in a burst (a streak of close arrivals) wait for that commit,
 * at most MAX_BURST_WAIT_MS, and go out together one timer tick after it.
 */
import { describe, expect, it } from "vitest";
import { BURST_STREAK, BUSY_MS, GroupCommit, MAX_BURST_WAIT_MS } from "../../worker/rooms/group-commit.ts";

/** A GroupCommit whose commits settle only when the test says so, recording each write and each delivery. */
function recordingCommit() {
  const writes: string[][] = [];
  const delivered: string[] = [];
  const commits: (() => void)[] = [];
  const commit = new GroupCommit<string>({
    write: (entries) => void writes.push([...entries]),
    durable: () => new Promise<void>((resolve) => commits.push(resolve)),
    onFailure: () => undefined,
    bytesOf: (entry) => entry.length,
  });
  const add = (entry: string) => commit.add(entry, () => delivered.push(entry));
  return { writes, delivered, commits, add };
}

const endOfTurn = () => new Promise<void>((resolve) => queueMicrotask(resolve));
const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("GroupCommit wait", () => {
  it("an update arriving alone is written and let out at the end of its turn, while the last commit is still in flight", async () => {
    const { writes, delivered, commits, add } = recordingCommit();
    add("a");
    await endOfTurn();
    expect(writes).toEqual([["a"]]);
    expect(commits).toHaveLength(1); // a's commit never settles in this test
    await later(BUSY_MS * 5);
    add("b");
    await endOfTurn();
    expect(writes).toEqual([["a"], ["b"]]);
    expect(delivered).toEqual(["a", "b"]);
  });

  it("two updates arriving together are not a burst: the second is written at the end of its own turn", async () => {
    const { writes, delivered, commits, add } = recordingCommit();
    add("a");
    await endOfTurn();
    // Within BUSY_MS of a (the clock stands still between I/O), while a's commit is in flight.
    add("b");
    await endOfTurn();
    expect(commits).toHaveLength(1);
    expect(writes).toEqual([["a"], ["b"]]);
    expect(delivered).toEqual(["a", "b"]);
  });

  it("updates arriving in a burst wait for the commit in flight, then go out in one write a tick after it", async () => {
    const { writes, delivered, commits, add } = recordingCommit();
    const first = Array.from({ length: BURST_STREAK }, (_, i) => `u${i}`);
    for (const entry of first) add(entry);
    await endOfTurn();
    expect(writes).toEqual([first]);
    // The next close arrival makes the streak a burst.
    add("c");
    add("d");
    await later(0);
    expect(writes).toEqual([first]);
    expect(delivered).toEqual(first);
    commits[0]!();
    await endOfTurn();
    add("e");
    expect(writes).toHaveLength(1); // not yet: the tick lets already-received messages join
    await later(0);
    expect(writes).toEqual([first, ["c", "d", "e"]]);
    expect(delivered).toEqual([...first, "c", "d", "e"]);
  });

  it("in a burst an update waits for a commit that does not settle at most MAX_BURST_WAIT_MS", async () => {
    const { writes, delivered, add } = recordingCommit();
    const first = Array.from({ length: BURST_STREAK }, (_, i) => `u${i}`);
    for (const entry of first) add(entry);
    await endOfTurn();
    add("c");
    await later(0);
    expect(writes).toEqual([first]);
    await later(MAX_BURST_WAIT_MS + 5);
    expect(writes).toEqual([first, ["c"]]);
    expect(delivered).toEqual([...first, "c"]);
  });
});
