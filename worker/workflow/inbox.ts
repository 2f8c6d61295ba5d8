/** What waits on a person: every document where the state machine offers them an action now. */
import type { CurrentUser } from "../auth/current-user.ts";
import type { Cycle } from "../cycles/cycle-queries.ts";
import { today } from "../cycles/cycle-queries.ts";
import type { Database } from "../db/client.ts";
import { listDocuments, withDeadline } from "../documents/document-queries.ts";
import { listScope } from "../policy/policy.ts";
import { actionContext, offeredActions } from "./action-context.ts";
import { clearanceStatesFrom, cycleClearanceQueries, type ClearanceState } from "./clearance-state.ts";

const NOTHING_PENDING: ClearanceState = { listIsOwn: false, list: [], offices: [], pending: [], stale: [] };

export async function inboxOf(db: Database, user: CurrentUser, cycle: Cycle) {
  // One round trip: the header asks for this on every page.
  const [visible, ...clearanceRows] = await db.batch([listDocuments(db, cycle.year, listScope(user), {}), ...cycleClearanceQueries(db, cycle.year)]);
  const open = visible.filter((d) => d.state !== "cleared" && d.state !== "published");
  const clearance = clearanceStatesFrom(
    open.filter((d) => d.state === "in_clearance"),
    clearanceRows,
  );
  const day = today();
  const items = open.flatMap((doc) => {
    const actions = offeredActions(actionContext(user, doc, clearance.get(doc.id) ?? NOTHING_PENDING));
    return actions.length ? [{ ...withDeadline(doc, cycle, day), actions }] : [];
  });
  // Overdue first, then by due date, then in the report's order.
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));
  return { year: cycle.year, today: day, total: items.length, overdue: items.filter((i) => i.overdue).length, items };
}
