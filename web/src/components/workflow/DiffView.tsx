// biome-ignore-all lint/suspicious/noArrayIndexKey: a diff's parts are positional and rendered afresh for each diff, never reordered
/** Word-level differences per section: added words underlined on green, removed words struck through on red. */
import type { SnapshotDiff } from "../../api.ts";
import { dateTime, plural, shortHash } from "../../format.ts";

/** One section's changes: added words underlined, removed words struck through. */
export function DiffParts({ parts, className = "tip-diff" }: { parts: SnapshotDiff["sections"][number]["parts"]; className?: string }) {
  return (
    <p className={className}>
      {parts.map((part, i) =>
        part.change === "added" ? (
          <ins key={i} className="tip-diff__added">
            {part.text}
          </ins>
        ) : part.change === "removed" ? (
          <del key={i} className="tip-diff__removed">
            {part.text}
          </del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}

export function DiffView({ diff }: { diff: SnapshotDiff }) {
  const changed = diff.sections.filter((s) => s.changed);
  const unchanged = diff.sections.length - changed.length;
  return (
    <div className="margin-top-2" data-testid="diff">
      <p className="margin-top-0 text-base-dark">
        From <code>{shortHash(diff.from.hash)}</code> ({dateTime(diff.from.takenAt)}) to <code>{shortHash(diff.to.hash)}</code> ({dateTime(diff.to.takenAt)}).
      </p>
      {diff.identical || changed.length === 0 ? (
        <p className="text-bold" data-testid="diff-identical">
          The two texts are identical.
        </p>
      ) : (
        <>
          {changed.map((section) => (
            <div key={section.key} className="tip-diff-section">
              <h3 className="font-body-md margin-bottom-1">{section.label}</h3>
              <DiffParts parts={section.parts} className="tip-diff margin-top-0" />
            </div>
          ))}
          {unchanged > 0 ? <p className="text-base-dark font-body-2xs">{plural(unchanged, "other section")} unchanged.</p> : null}
        </>
      )}
    </div>
  );
}
