/** Compare two recorded texts (or a recorded text with the current one), word by word, section by section. */
import { Button, Form, Label, Select } from "@trussworks/react-uswds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { api, type SnapshotDiff, type SnapshotInfo } from "../../api.ts";
import { dateTime, shortHash } from "../../format.ts";
import { queries } from "../../query.ts";
import { ErrorAlert } from "../ErrorAlert.tsx";
import { DiffView } from "./DiffView.tsx";

const CURRENT = "current";

function snapshotLabel(s: SnapshotInfo): string {
  return `${dateTime(s.takenAt)} · ${shortHash(s.hash)}`;
}

export function ComparePanel({ documentId, version }: { documentId: string; version: number }) {
  const id = useId();
  // Keyed by version: each step may have recorded a new text.
  const snapshots = useQuery({ ...queries.snapshots(documentId, version), placeholderData: keepPreviousData });
  const list = snapshots.data ?? [];
  const [from, setFrom] = useState("");
  const [to, setTo] = useState(CURRENT);
  const [result, setResult] = useState<{ status: "loading" } | { status: "ok"; diff: SnapshotDiff } | { status: "error"; error: unknown } | null>(null);
  // Default "from": the oldest recorded text.
  const fromValue = from || list[list.length - 1]?.hash || "";

  const compare = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fromValue) return;
    setResult({ status: "loading" });
    try {
      setResult({ status: "ok", diff: await api.diff(documentId, fromValue, to) });
    } catch (error) {
      setResult({ status: "error", error });
    }
  };

  const options = (
    <>
      {list.map((s) => (
        <option key={s.hash} value={s.hash}>
          {snapshotLabel(s)}
        </option>
      ))}
      <option value={CURRENT}>Current text</option>
    </>
  );

  return (
    <section aria-labelledby="compare-heading" className="tip-panel" data-testid="compare-panel">
      <h2 id="compare-heading">Compare texts</h2>
      {snapshots.isError ? <ErrorAlert error={snapshots.error} heading="Could not load the recorded texts" /> : null}
      {snapshots.isPending ? <p className="text-base-dark">Loading recorded texts…</p> : null}
      {snapshots.data && list.length === 0 ? (
        <p className="text-base-dark margin-bottom-0">No text has been recorded yet. Submitting, approving and clearing record the exact text.</p>
      ) : null}
      {list.length > 0 ? (
        <Form onSubmit={(e) => void compare(e)} className="tip-compare-form" aria-label="Compare texts">
          <div>
            <Label htmlFor={`${id}-from`}>From</Label>
            <Select id={`${id}-from`} name="from" value={fromValue} onChange={(e) => setFrom(e.target.value)}>
              {options}
            </Select>
          </div>
          <div>
            <Label htmlFor={`${id}-to`}>To</Label>
            <Select id={`${id}-to`} name="to" value={to} onChange={(e) => setTo(e.target.value)}>
              {options}
            </Select>
          </div>
          <Button type="submit" disabled={result?.status === "loading"}>
            Show differences
          </Button>
        </Form>
      ) : null}
      <div aria-live="polite">
        {result?.status === "loading" ? <p className="text-base-dark">Comparing…</p> : null}
        {result?.status === "error" ? <ErrorAlert error={result.error} heading="Could not compare the texts" /> : null}
        {result?.status === "ok" ? <DiffView diff={result.diff} /> : null}
      </div>
    </section>
  );
}
