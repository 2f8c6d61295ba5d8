/** Runs an API call when its inputs change; cancels the previous one so a slow answer never overwrites a newer one. */
import { useCallback, useEffect, useState, type DependencyList } from "react";
import { isAbort } from "./api.ts";

export type Loadable<T> =
  /** While loading, `data` is the previous answer (if any), so lists need not flash empty between filters. */
  | { status: "loading"; data?: T; error?: undefined }
  | { status: "ok"; data: T; error?: undefined }
  | { status: "error"; data?: undefined; error: unknown };

export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loadable<T> & { reload: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.status === "loading" ? s : { status: "loading", data: s.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ok", data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setState({ status: "error", error });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists the inputs of `load`
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}

/** Sets the browser tab title for the current page. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · TIP Clearance` : "TIP Clearance";
  }, [title]);
}
