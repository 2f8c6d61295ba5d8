/** The header's link to the inbox, with how many documents wait on the user (refreshed on each page change and after each change to a document). */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useLocation } from "wouter";
import { queries } from "../query.ts";

export function InboxLink() {
  const [pathname] = useLocation();
  const inbox = useQuery(queries.inbox());
  const { refetch } = inbox;
  // Others act too: a new page counts again (the first render's count is already being fetched).
  const countedOn = useRef(pathname);
  useEffect(() => {
    if (countedOn.current === pathname) return;
    countedOn.current = pathname;
    void refetch();
  }, [pathname, refetch]);
  const total = inbox.data?.total;
  const overdue = inbox.data?.overdue ?? 0;
  // The accessible name starts with the visible text ("Inbox 13"), then says what the number means.
  const meaning = total === undefined ? "" : ` waiting on you${overdue ? `, ${overdue} overdue` : ""}`;
  return (
    <Link href="/inbox" className="usa-link text-bold text-no-wrap" aria-current={pathname === "/inbox" ? "page" : undefined} data-testid="inbox-link">
      Inbox
      {total !== undefined && total > 0 ? (
        <span className={`usa-tag tip-inbox-badge ${overdue ? "bg-secondary-dark" : "bg-primary"}`} data-testid="inbox-count">
          {total}
        </span>
      ) : (
        // Holds the badge's place while the count loads (or is zero), so the links after it never move under the pointer.
        <span className="usa-tag tip-inbox-badge tip-inbox-badge--placeholder" aria-hidden="true" />
      )}
      {total !== undefined ? (
        <span className="usa-sr-only">
          {total === 0 ? ": nothing" : ""}
          {meaning}
        </span>
      ) : null}
    </Link>
  );
}
