/**
 * GroupCommit's wait (worker/rooms/group-commit.ts): an update arriving alone is written at the
 * end of its own turn, even while the last commit is in flight; updates arriving in a burst wait
 * for that commit and go out together one timer tick after it.
 */
import { describe, expect, it } from "vitest";
import { BUSY_MS, GroupCommit } from "../../worker/rooms/group-commit.ts";

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

  it("updates arriving in a burst wait for the commit in flight, then go out in one write a tick after it", async () => {
    const { writes, delivered, commits, add } = recordingCommit();
    add("a");
    add("b");
    await endOfTurn();
    expect(writes).toEqual([["a", "b"]]);
    // Still within BUSY_MS of b (the clock stands still between I/O): a burst.
    add("c");
    add("d");
    await later(0);
    expect(writes).toEqual([["a", "b"]]);
    expect(delivered).toEqual(["a", "b"]);
    commits[0]!();
    await endOfTurn();
    add("e");
    expect(writes).toHaveLength(1); // not yet: the tick lets already-received messages join
    await later(0);
    expect(writes).toEqual([
      ["a", "b"],
      ["c", "d", "e"],
    ]);
    expect(delivered).toEqual(["a", "b", "c", "d", "e"]);
  });
});
