import { describe, expect, it } from "vitest";
import { diffSections } from "#shared/text-diff.ts";

describe("diffSections", () => {
  it("marks the changed words of a changed section and leaves the others unchanged", () => {
    const before = [
      { key: "summary", label: "Summary", text: "The government made key achievements." },
      { key: "prosecution", label: "Prosecution", text: "It investigated 12 cases." },
    ];
    const after = [
      { key: "summary", label: "Summary", text: "The government made significant achievements." },
      { key: "prosecution", label: "Prosecution", text: "It investigated 12 cases." },
    ];
    const [summary, prosecution] = diffSections(before, after);
    expect(summary).toMatchObject({ key: "summary", changed: true });
    expect(summary!.parts.filter((p) => p.change === "removed").map((p) => p.text.trim())).toEqual(["key"]);
    expect(summary!.parts.filter((p) => p.change === "added").map((p) => p.text.trim())).toEqual(["significant"]);
    expect(prosecution).toMatchObject({ changed: false, parts: [{ change: "same", text: "It investigated 12 cases." }] });
  });
  it("a section present on one side only is all added or all removed", () => {
    const diff = diffSections([{ key: "a", label: "A", text: "gone" }], [{ key: "b", label: "B", text: "new" }]);
    expect(diff.map((d) => [d.key, d.parts.map((p) => p.change)])).toEqual([
      ["b", ["added"]],
      ["a", ["removed"]],
    ]);
  });
});
