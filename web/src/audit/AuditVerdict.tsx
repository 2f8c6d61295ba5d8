/** What GET /api/audit/verify found, in words: whether the trail can be vouched for, and why not. */
import { Alert, AlertHeading, AlertText, Button } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import type { AuditVerification } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { dateTime, plural } from "../format.ts";
import { queries } from "../query.ts";

function chainInWords(v: AuditVerification): string {
  if (v.events === 0) return "The trail has no events yet.";
  if (v.firstBrokenSeq === null)
    return `The hash chain of all ${plural(v.events, "event")} is intact: every event's hash recomputes and links to the one before.`;
  const broken = v.brokenSeqs.length;
  return `The hash chain breaks at event #${v.firstBrokenSeq}${broken > 1 ? ` (${broken} events do not recompute: #${v.brokenSeqs.slice(0, 10).join(", #")}${broken > 10 ? ", …" : ""})` : ""}: an event was changed, inserted or deleted there.`;
}

function checkpointInWords(v: AuditVerification): string {
  const { checkpoints } = v;
  const latest = checkpoints.latest;
  const checked = `${plural(checkpoints.checked, "signed checkpoint")} checked`;
  if (!latest) return `${checked}; none can vouch for the trail.`;
  return `${checked}; the newest covers the chain up to event #${latest.seq} (${plural(latest.events, "event")}), signed ${dateTime(latest.at)} (${latest.reason}).`;
}

export function AuditVerdict() {
  const verify = useQuery(queries.auditVerification());
  return (
    <section aria-labelledby="verify-heading" className="margin-top-3" data-testid="audit-verdict">
      <h2 id="verify-heading" className="margin-bottom-1">
        Does the trail verify?
      </h2>
      {verify.isPending ? <p>Recomputing the chain…</p> : null}
      {verify.isError ? <ErrorAlert error={verify.error} heading="The trail could not be verified" /> : null}
      {verify.data ? (
        <Alert type={verify.data.ok ? "success" : "warning"} className="margin-top-1" data-testid="audit-verdict-result" data-ok={verify.data.ok}>
          <AlertHeading level="h3">
            {verify.data.ok ? "Verified: the trail is intact and vouched for" : "Not verified: the trail cannot be vouched for"}
          </AlertHeading>
          <AlertText>{chainInWords(verify.data)}</AlertText>
          <AlertText>{checkpointInWords(verify.data)}</AlertText>
          {verify.data.reasons.length ? (
            <ul className="usa-list" data-testid="audit-verdict-reasons">
              {verify.data.reasons.map((r) => (
                <li key={r.code} data-code={r.code}>
                  {r.message}
                </li>
              ))}
            </ul>
          ) : null}
          {verify.data.checkpoints.problems.length ? (
            <ul className="usa-list">
              {verify.data.checkpoints.problems.map((p) => (
                <li key={p.checkpointKey}>
                  Checkpoint {p.checkpointSeq === null ? p.checkpointKey : `#${p.checkpointSeq}`}: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <Button type="button" outline onClick={() => void verify.refetch()} disabled={verify.isFetching}>
        {verify.isFetching ? "Verifying…" : "Verify again"}
      </Button>
    </section>
  );
}
