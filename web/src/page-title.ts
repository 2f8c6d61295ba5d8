/** The browser tab's title for the current page. */
import { useEffect } from "react";

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · TIP Clearance` : "TIP Clearance";
  }, [title]);
}
