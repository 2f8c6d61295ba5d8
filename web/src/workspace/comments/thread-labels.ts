/** How a thread's state reads, in the margin and in the cycle's list. */
import type { CommentThread } from "../../api.ts";

export const THREAD_STATE_LABELS: Record<CommentThread["state"], string> = {
  open: "Open",
  reopened: "Reopened",
  resolved: "Resolved",
  accepted: "Accepted",
  rejected: "Rejected",
  outdated: "Outdated: the words changed",
};
