/** Which threads the margins show: open ones (or all), only mine, only blocking. */
import type { CommentThread } from "../../api.ts";

export interface ThreadFilter {
  open: boolean;
  mine: boolean;
  blocking: boolean;
}

const isOpen = (t: CommentThread) => t.state === "open" || t.state === "reopened";

export function keepThread(thread: CommentThread, filter: ThreadFilter, myId: string): boolean {
  if (filter.open && !isOpen(thread)) return false;
  if (filter.mine && thread.author.id !== myId) return false;
  if (filter.blocking && !thread.blocking) return false;
  return true;
}

export function threadCounts(threads: CommentThread[], myId: string) {
  return {
    open: threads.filter(isOpen).length,
    all: threads.length,
    mine: threads.filter((t) => t.author.id === myId).length,
    blocking: threads.filter((t) => t.blocking && isOpen(t)).length,
  };
}

interface Props {
  filter: ThreadFilter;
  onChange: (filter: ThreadFilter) => void;
  counts: ReturnType<typeof threadCounts>;
}

export function ThreadFilters({ filter, onChange, counts }: Props) {
  const toggle = (key: keyof ThreadFilter, label: string, count: number) => (
    <button
      type="button"
      className={`usa-button usa-button--unstyled tip-toolbar__button${filter[key] ? " is-active" : ""}`}
      aria-pressed={filter[key]}
      onClick={() => onChange({ ...filter, [key]: !filter[key] })}
    >
      {label} ({count})
    </button>
  );
  return (
    <div className="tip-thread-filters" role="group" aria-label="Which comments to show" data-testid="thread-filters">
      <span className="tip-presence__label">Comments:</span>
      {toggle("open", "Open only", counts.open)}
      {toggle("mine", "Mine", counts.mine)}
      {toggle("blocking", "Blocking", counts.blocking)}
      <span className="tip-presence__label">{counts.all} in all</span>
    </div>
  );
}
