/** The cycle's request for information in full (dates, days left, the notice), and for administrators the form that opens or changes it. */
import { Button } from "@trussworks/react-uswds";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, type RfiResponse } from "../api.ts";
import { deadlineText } from "../components/RfiSummary.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { longDate } from "../format.ts";
import { queryKeys } from "../query.ts";

export function RfiBox({ year, response }: { year: number; response: RfiResponse }) {
  const [editing, setEditing] = useState(false);
  const rfi = response.rfi;
  return (
    <section className="tip-panel" aria-labelledby="rfi-title" data-testid="rfi-box">
      <h2 id="rfi-title">Request for information, {year} report</h2>
      {rfi ? (
        <>
          <p className="text-bold" data-testid="rfi-deadline">
            {deadlineText(rfi)}
          </p>
          <p className="text-base-dark">Opened {longDate(rfi.opensOn)}.</p>
          <details>
            <summary>The notice</summary>
            <div className="tip-rfi-notice">{rfi.notice}</div>
          </details>
        </>
      ) : (
        <p>The request for information is not open yet.</p>
      )}
      {response.youMayEdit && !editing ? (
        <Button type="button" outline className="margin-top-2" onClick={() => setEditing(true)}>
          {rfi ? "Change the request" : "Open the request"}
        </Button>
      ) : null}
      {editing ? <RfiForm year={year} response={response} onDone={() => setEditing(false)} /> : null}
    </section>
  );
}

function RfiForm({ year, response, onDone }: { year: number; response: RfiResponse; onDone: () => void }) {
  const client = useQueryClient();
  const [opensOn, setOpensOn] = useState(response.rfi?.opensOn ?? `${year - 1}-12-01`);
  const [deadline, setDeadline] = useState(response.rfi?.deadline ?? `${year}-02-01`);
  const [notice, setNotice] = useState(response.rfi?.notice ?? "");
  const save = useMutation({
    mutationFn: () => api.saveRfi(year, { opensOn, deadline, notice }),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.rfi(year), saved);
      void client.invalidateQueries({ queryKey: queryKeys.sources(year) });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="margin-top-2" data-testid="rfi-form">
      <label className="usa-label" htmlFor="rfi-opens">
        Opens on
      </label>
      <input id="rfi-opens" className="usa-input" type="date" required value={opensOn} onChange={(e) => setOpensOn(e.target.value)} />
      <label className="usa-label" htmlFor="rfi-deadline">
        Deadline for submissions
      </label>
      <input id="rfi-deadline" className="usa-input" type="date" required value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      <label className="usa-label" htmlFor="rfi-notice">
        The notice
      </label>
      <textarea id="rfi-notice" className="usa-textarea" required rows={10} value={notice} onChange={(e) => setNotice(e.target.value)} />
      {save.isError ? <ErrorAlert error={save.error} heading="The request was not saved" /> : null}
      <Button type="submit" className="margin-top-2" disabled={save.isPending}>
        Save the request
      </Button>
      <Button type="button" unstyled className="margin-left-2" onClick={onDone}>
        Cancel
      </Button>
    </form>
  );
}
