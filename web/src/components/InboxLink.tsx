/** The header's link to the inbox, with how many documents wait on the user (refreshed on navigation and after each action). */
import { useEffect } from "react";
import { api } from "../api.ts";
import { Link, useLocation } from "../router.tsx";
import { useApi } from "../useApi.ts";

const CHANGED = "tip:inbox-changed";

/** Tells the header badge that an action may have changed what waits on the user. */
export function notifyInboxChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function InboxLink() {
  const { pathname } = useLocation();
  const inbox = useApi((signal) => api.inbox(signal), [pathname]);
  const { reload } = inbox;
  useEffect(() => {
    window.addEventListener(CHANGED, reload);
    return () => window.removeEventListener(CHANGED, reload);
  }, [reload]);
  const total = inbox.data?.total;
  const overdue = inbox.data?.overdue ?? 0;
  const label = total === undefined ? "Inbox" : `Inbox: ${total} waiting on you${overdue ? `, ${overdue} overdue` : ""}`;
  return (
    <Link href="/inbox" className="usa-link text-bold text-no-wrap" aria-label={label} aria-current={pathname === "/inbox" ? "page" : undefined} data-testid="inbox-link">
      Inbox
      {total !== undefined && total > 0 ? (
        <span className={`usa-tag tip-inbox-badge ${overdue ? "bg-secondary-dark" : "bg-primary"}`} data-testid="inbox-count">
          {total}
        </span>
      ) : null}
    </Link>
  );
}
