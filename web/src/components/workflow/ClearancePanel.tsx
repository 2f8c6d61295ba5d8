/**
 * The document's clearance list: each office, whether it must clear or is told, and where it stands
 * for the current text; the reviewer's editor of the list when the server allows it.
 */
import { Button, Table, Tag } from "@trussworks/react-uswds";
import { useState } from "react";
import type { ClearanceRecord, DocumentDetail, OfficeStatus } from "../../api.ts";
import { dateTime, officeName, shortHash } from "../../format.ts";
import { ClearanceListEditor } from "./ClearanceListEditor.tsx";
import type { Perform } from "./perform.ts";

const STATUS_COLOURS: Record<OfficeStatus, string> = {
  not_started: "bg-base-lighter text-ink",
  pending: "bg-gold text-ink",
  concurred: "bg-success-dark",
  not_concurred: "bg-secondary-dark",
  informed: "bg-base",
};

/** The comment threads still open when the office cleared: they stay, and the record says which. */
function openThreadsText(record: ClearanceRecord): string {
  const open = record.openThreads ?? [];
  if (open.length === 0) return "";
  return ` — ${open.length === 1 ? "1 comment" : `${open.length} comments`} open at clearance: ${open.map((t) => `“${t.quote}”${t.blocking ? " (blocking)" : ""}`).join(", ")}`;
}

function statusText(status: OfficeStatus, record: ClearanceRecord | null): string {
  switch (status) {
    case "not_started":
      return "Not started";
    case "pending":
      return "Pending";
    case "informed":
      return "Informed";
    case "concurred":
      return record
        ? `Concurred by ${record.userName} on ${dateTime(record.at)}${record.comment ? ` — comments: ${record.comment}` : ""}${openThreadsText(record)}`
        : "Concurred";
    case "not_concurred":
      return record ? `Not concurred — proceeded without by ${record.userName}${record.comment ? `: ${record.comment}` : ""}` : "Not concurred";
  }
}

const STATUS_LABELS: Record<OfficeStatus, string> = {
  not_started: "Not started",
  pending: "Pending",
  concurred: "Concurred",
  not_concurred: "Not concurred",
  informed: "Informed",
};

interface Props {
  document: DocumentDetail;
  busy: boolean;
  perform: Perform;
}

export function ClearancePanel({ document: doc, busy, perform }: Props) {
  const clearance = doc.clearance;
  const [editing, setEditing] = useState(false);
  const mayEdit = doc.youMay.setClearanceList;
  return (
    <section aria-labelledby="clearance-heading" className="tip-panel" data-testid="clearance-panel">
      <h2 id="clearance-heading">Clearance</h2>
      <p className="margin-top-0 text-base-dark">
        <Tag className={`${clearance.listIsOwn ? "bg-primary" : "bg-base-dark"} margin-right-1`} data-testid="clearance-list-source">
          {clearance.listIsOwn ? "Document's own list" : "Cycle default list"}
        </Tag>
        {clearance.listIsOwn ? "This document's own clearance list." : "The cycle's default clearance list (fixed when the document enters clearance)."} Offices
        marked <strong>Clear</strong> must concur; <strong>Info</strong> offices are informed and never hold the document up.
      </p>
      <Table fullWidth compact>
        <thead>
          <tr>
            <th scope="col">Office</th>
            <th scope="col">Mode</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {clearance.offices.map((o) => (
            <tr key={o.officeCode} data-testid={`clearance-row-${o.officeCode}`}>
              <th scope="row">
                <abbr title={o.officeName}>{o.officeCode}</abbr>
                <span className="display-block font-body-3xs text-normal text-base-dark">{o.officeName}</span>
              </th>
              <td>{o.mode === "clear" ? "Clear" : "Info"}</td>
              <td>
                <Tag className={`${STATUS_COLOURS[o.status]} text-no-wrap`}>{STATUS_LABELS[o.status]}</Tag>
                {o.status === "concurred" || o.status === "not_concurred" ? (
                  <span className="display-block margin-top-05" data-testid="clearance-status">
                    {statusText(o.status, o.clearance)}
                  </span>
                ) : (
                  <span className="usa-sr-only">{statusText(o.status, o.clearance)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {mayEdit && !editing ? (
        <Button type="button" outline disabled={busy} aria-expanded={false} onClick={() => setEditing(true)}>
          Change the clearance list
        </Button>
      ) : null}
      {mayEdit && editing ? <ClearanceListEditor key={doc.version} document={doc} busy={busy} perform={perform} onDone={() => setEditing(false)} /> : null}
      {clearance.stale.length > 0 ? (
        <div data-testid="stale-clearances">
          <h3 className="font-body-md margin-bottom-1">Earlier clearances (no longer counted)</h3>
          <ul className="usa-list margin-top-0">
            {clearance.stale.map((c) => (
              <li key={c.id}>
                {c.officeCode} ({officeName(c.officeCode)}) — {c.outcome === "concurred" ? "concurred" : "not concurred"} by {c.userName} on {dateTime(c.at)} —{" "}
                <em>
                  stale (given for earlier text <code>{shortHash(c.snapshotHash)}</code>)
                </em>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
