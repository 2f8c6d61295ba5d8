/** The "saved means stored" count: local changes minus what the room's answers confirmed. */
import { describe, expect, it } from "vitest";
import { outgoingSyncKind, SaveTracker } from "#shared/room-save-tracker.ts";

type Step = "change" | "sendUpdate" | "sendStep2" | "saved" | "refused" | "close";

function run(steps: Step[], unsentFromEarlier = 0) {
  const t = new SaveTracker(unsentFromEarlier);
  for (const step of steps) {
    if (step === "change") t.localChange();
    if (step === "sendUpdate") t.sentUpdate();
    if (step === "sendStep2") t.sentSyncStep2();
    if (step === "saved" || step === "refused") t.answer(step);
    if (step === "close") t.connectionClosed();
  }
  return t.counts;
}

describe("SaveTracker", () => {
  const cases: { name: string; steps: Step[]; earlier?: number; pending: number; unsent: number; refused: number }[] = [
    { name: "nothing typed: all saved", steps: [], pending: 0, unsent: 0, refused: 0 },
    { name: "typed and sent, no answer yet: saving", steps: ["change", "sendUpdate"], pending: 1, unsent: 0, refused: 0 },
    { name: "typed, sent, answered: saved", steps: ["change", "sendUpdate", "saved"], pending: 0, unsent: 0, refused: 0 },
    {
      name: "three keystrokes, two answers: one outstanding",
      steps: ["change", "sendUpdate", "change", "sendUpdate", "change", "sendUpdate", "saved", "saved"],
      pending: 1,
      unsent: 0,
      refused: 0,
    },
    { name: "offline keystrokes stay unsent", steps: ["change", "change", "change"], pending: 3, unsent: 3, refused: 0 },
    { name: "reconnect: one SyncStep2 carries every unsent change", steps: ["change", "change", "sendStep2"], pending: 2, unsent: 0, refused: 0 },
    { name: "reconnect answered: all saved", steps: ["change", "change", "sendStep2", "saved"], pending: 0, unsent: 0, refused: 0 },
    {
      name: "an empty SyncStep2 and its answer do not eat a later keystroke's answer",
      steps: ["sendStep2", "change", "sendUpdate", "saved"],
      pending: 1,
      unsent: 0,
      refused: 0,
    },
    { name: "closed before the answer: in-flight changes are unsent again", steps: ["change", "sendUpdate", "close"], pending: 1, unsent: 1, refused: 0 },
    { name: "refused changes are counted as refused", steps: ["change", "sendUpdate", "refused"], pending: 0, unsent: 0, refused: 1 },
    {
      name: "changes from an earlier page are unsent until the next SyncStep2 is answered",
      steps: ["sendStep2"],
      earlier: 12,
      pending: 12,
      unsent: 0,
      refused: 0,
    },
    { name: "an answer with nothing in flight changes nothing", steps: ["saved", "change"], pending: 1, unsent: 1, refused: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(run(c.steps, c.earlier)).toEqual({ pending: c.pending, unsent: c.unsent, refused: c.refused });
    });
  }
});

describe("outgoingSyncKind", () => {
  it.each([
    [[0, 0, 1], null],
    [[0, 1, 2, 0, 0], "syncStep2"],
    [[0, 2, 3], "update"],
    [[1, 2, 3], null],
    [[0], null],
  ] as const)("%j is %s", (bytes, kind) => {
    expect(outgoingSyncKind(new Uint8Array(bytes))).toBe(kind);
  });
});
