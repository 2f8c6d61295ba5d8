/** Word-level differences between two recorded texts, section by section (jsdiff's `diffWords`). */
import { diffWords } from "diff";

export interface SectionText {
  key: string;
  label: string;
  text: string;
}

export interface DiffPart {
  change: "same" | "added" | "removed";
  text: string;
}

export interface SectionDiff {
  key: string;
  label: string;
  changed: boolean;
  parts: DiffPart[];
}

/** Sections in the newer text's order, then any the older text had alone. */
export function diffSections(before: SectionText[], after: SectionText[]): SectionDiff[] {
  const keys = [...after.map((s) => s.key), ...before.map((s) => s.key).filter((k) => !after.some((s) => s.key === k))];
  return keys.map((key) => {
    const a = before.find((s) => s.key === key);
    const b = after.find((s) => s.key === key);
    const parts: DiffPart[] = diffWords(a?.text ?? "", b?.text ?? "").map((c) => ({
      change: c.added ? "added" : c.removed ? "removed" : "same",
      text: c.value,
    }));
    return { key, label: (b ?? a)!.label, changed: parts.some((p) => p.change !== "same"), parts };
  });
}
