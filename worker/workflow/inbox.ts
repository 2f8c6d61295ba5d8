/** What waits on a person: every document where the state machine offers them an action now. */
import type { CurrentUser } from "../auth/current-user.ts";
import type { Cycle } from "../cycles/cycle-queries.ts";
import { today } from "../cycles/cycle-queries.ts";
import type { Database } from "../db/client.ts";
import { cycleDocuments, visibleTo } from "../documents/cycle-documents.ts";
import { withDeadline } from "../documents/document-queries.ts";
import { actionContext, offeredActions } from "./action-context.ts";
import type { ClearanceState } from "./clearance-state.ts";

const NOTHING_PENDING: ClearanceState = { listIsOwn: false, list: [], offices: [], pending: [], stale: [] };

export async function inboxOf(db: Database, user: CurrentUser, cycle: Cycle) {
  // The header asks for this on every page: the cycle's kept documents, one small round trip.
  const { documents, clearance } = await cycleDocuments(db, cycle.year);
  const open = visibleTo(user, documents).filter((d) => d.state !== "cleared" && d.state !== "published");
  const day = today();
  const items = open.flatMap((doc) => {
    const actions = offeredActions(actionContext(user, doc, clearance.get(doc.id) ?? NOTHING_PENDING));
    return actions.length ? [{ ...withDeadline(doc, cycle, day), actions }] : [];
  });
  // Overdue first, then by due date, then in the report's order.
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));
  return { year: cycle.year, today: day, total: items.length, overdue: items.filter((i) => i.overdue).length, items };
}
