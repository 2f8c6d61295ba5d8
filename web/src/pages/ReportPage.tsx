/**
 * Leadership's report page: what still blocks the release, the whole report as a preview (DRAFT
 * where not cleared), the release itself behind a confirmation, and the frozen published edition's
 * downloads. Every answer is the server's: the page offers, the API decides.
 */
import { Alert, AlertHeading, AlertText, Button, ButtonGroup, GridContainer, Table } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import type { ReportEdition, ReportFormat } from "#shared/api/report.ts";
import { workflowStateLabel, type WorkflowState } from "#shared/workflow-states.ts";
import { api, type ReleaseResult, type ReportStatus } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { StateTag } from "../components/StateTag.tsx";
import { dateTime, plural, shortHash } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { invalidateDocumentSummaries, queries, queryKeys } from "../query.ts";
import { compileReport, type CompiledReport, type CompileProgress } from "../report/compile-report.ts";

const FORMAT_LABELS: Record<ReportFormat, string> = { html: "Web page (HTML)", docx: "Word (DOCX)", json: "Data (JSON)" };

export function ReportPage({ year }: { year: number }) {
  usePageTitle(`The ${year} report`);
  const status = useQuery(queries.reportStatus(year));
  return (
    <GridContainer className="margin-bottom-6">
      <h1 className="margin-top-4">The {year} Trafficking in Persons Report</h1>
      {status.isPending ? <p className="text-base-dark">Loading where the release stands…</p> : null}
      {status.isError ? <ErrorAlert error={status.error} heading="Could not load the report" /> : null}
      {status.data ? (
        <>
          <ReleaseState status={status.data} />
          {status.data.published ? <PublishedEdition year={year} status={status.data} /> : <Preview year={year} />}
        </>
      ) : null}
    </GridContainer>
  );
}

function ReleaseState({ status }: { status: ReportStatus }) {
  if (status.published) {
    return (
      <Alert type="success" data-testid="report-released" className="margin-y-3">
        <AlertHeading level="h2">Released</AlertHeading>
        <AlertText>
          Released {dateTime(status.published.releasedAt)}
          {status.published.releasedBy ? ` by ${status.published.releasedBy}` : ""}: {plural(status.published.documents, "document")}, frozen. Manifest{" "}
          <code title={status.published.manifestHash}>{shortHash(status.published.manifestHash)}</code>
          {status.published.checkpointSeq !== null ? `, signed in audit checkpoint #${status.published.checkpointSeq}` : ""}.
        </AlertText>
      </Alert>
    );
  }
  return (
    <section aria-labelledby="blockers-heading" data-testid="report-blockers">
      <h2 id="blockers-heading">What blocks the release</h2>
      {status.blockers.length === 0 ? (
        <p data-testid="no-blockers">All {plural(status.documents, "document")} have final clearance. The report can be released.</p>
      ) : (
        <>
          <p>
            {plural(status.blockers.length, "document")} of {status.documents} {status.blockers.length === 1 ? "has" : "have"} no final clearance yet.
          </p>
          <details open={status.blockers.length <= 20} data-testid="blocker-list">
            <summary className="usa-link">
              {status.blockers.length <= 20 ? "The documents" : `Show the ${status.blockers.length} documents`} ({byState(status.blockers)})
            </summary>
            <Table bordered compact fullWidth>
              <thead>
                <tr>
                  <th scope="col">Document</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {status.blockers.map((b) => (
                  <tr key={b.documentId}>
                    <td>
                      <Link href={`/documents/${encodeURIComponent(b.documentId)}`} className="usa-link">
                        {b.title}
                      </Link>
                    </td>
                    <td>
                      <StateTag state={b.state} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </details>
        </>
      )}
      <Release status={status} />
    </section>
  );
}

/** "188 drafting, 3 in review": the blockers at a glance, in workflow order as they come. */
function byState(blockers: ReportStatus["blockers"]): string {
  const counts = new Map<WorkflowState, number>();
  for (const b of blockers) counts.set(b.state, (counts.get(b.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${workflowStateLabel(state).toLowerCase()}`).join(", ");
}

function Release({ status }: { status: ReportStatus }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  const release = useMutation<ReleaseResult, Error>({
    mutationFn: () => api.releaseCycle(status.year),
    onSuccess: async () => {
      setConfirming(false);
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.reportStatus(status.year) }),
        client.invalidateQueries({ queryKey: queryKeys.cycles() }),
        invalidateDocumentSummaries(client),
      ]);
    },
  });
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  return (
    <div className="margin-top-3">
      {release.isError ? <ErrorAlert error={release.error} heading="The report was not released" /> : null}
      {!confirming ? (
        <Button
          type="button"
          onClick={() => setConfirming(true)}
          disabled={!status.canRelease}
          aria-describedby={status.canRelease ? undefined : "release-why-not"}
          data-testid="release-start"
        >
          Release the {status.year} report
        </Button>
      ) : (
        <div
          ref={confirmRef}
          tabIndex={-1}
          role="group"
          aria-labelledby="release-confirm-heading"
          className="bg-base-lightest padding-2 radius-md"
          data-testid="release-confirm"
        >
          <h3 id="release-confirm-heading" className="margin-top-0">
            Release the {status.year} report?
          </h3>
          <p>
            Every document becomes published and the edition is frozen: the exact cleared texts, listed by hash in a manifest signed in the audit trail. Nothing
            can change it afterwards.
          </p>
          <ButtonGroup>
            <Button type="button" onClick={() => release.mutate()} disabled={release.isPending} data-testid="release-confirm-button">
              {release.isPending ? "Releasing…" : "Yes, release and freeze it"}
            </Button>
            <Button type="button" outline onClick={() => setConfirming(false)} disabled={release.isPending}>
              Cancel
            </Button>
          </ButtonGroup>
        </div>
      )}
      {!status.canRelease ? (
        <p id="release-why-not" className="text-base-dark font-body-2xs">
          {status.blockers.length ? "The release opens when every document has final clearance." : "Only leadership releases the report."}
        </p>
      ) : null}
    </div>
  );
}

/** One compile at a time, with its progress and its outcome. */
function useCompile(year: number, edition: ReportEdition) {
  const [progress, setProgress] = useState<CompileProgress | null>(null);
  const [running, setRunning] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<(CompiledReport & { url: string }) | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => () => void (result && URL.revokeObjectURL(result.url)), [result]);
  const run = async (format: ReportFormat) => {
    abort.current?.abort();
    const controller = (abort.current = new AbortController());
    setRunning(format);
    setProgress(null);
    setError(null);
    try {
      const compiled = await compileReport(year, format, edition, setProgress, controller.signal);
      setResult({ ...compiled, url: URL.createObjectURL(compiled.blob) });
    } catch (e) {
      if (!(e instanceof DOMException && e.name === "AbortError")) setError(e);
    } finally {
      if (abort.current === controller) setRunning(null);
    }
  };
  return { progress, running, error, result, run };
}

function CompileProgressBar({ progress, label }: { progress: CompileProgress | null; label: string }) {
  return (
    <div className="margin-y-2" data-testid="compile-progress">
      <label htmlFor="compile-progress-bar" className="usa-label margin-top-0">
        {label}
      </label>
      <progress id="compile-progress-bar" className="width-full" max={progress?.total ?? 1} value={progress ? progress.done : undefined} />
      <p className="font-body-2xs text-base-dark margin-top-05" aria-live="polite">
        {progress ? `Read ${progress.done} of ${progress.total} documents (${progress.title})` : "Starting…"}
      </p>
    </div>
  );
}

function failureMessage(error: unknown): string | undefined {
  const details = (error as { details?: { title?: string } } | null)?.details;
  return details?.title ? `${(error as Error).message} (document: ${details.title})` : undefined;
}

function Preview({ year }: { year: number }) {
  const compile = useCompile(year, "preview");
  const previewUrl = compile.result?.format === "html" ? compile.result.url : null;
  return (
    <section aria-labelledby="preview-heading" className="margin-top-4">
      <h2 id="preview-heading">Preview</h2>
      <p>The whole report in its published order, from the current text. What is not cleared yet is marked DRAFT and listed at the top.</p>
      <ButtonGroup>
        <Button type="button" onClick={() => void compile.run("html")} disabled={compile.running !== null} data-testid="preview-report">
          Preview report
        </Button>
        <Button type="button" outline onClick={() => void compile.run("docx")} disabled={compile.running !== null} data-testid="preview-docx">
          Preview as Word
        </Button>
      </ButtonGroup>
      {compile.running ? <CompileProgressBar progress={compile.progress} label={`Compiling the ${year} preview…`} /> : null}
      {compile.error ? <ErrorAlert error={compile.error} heading="The preview could not be compiled" message={failureMessage(compile.error)} /> : null}
      {compile.result && !compile.running ? (
        <p className="margin-top-2">
          <a href={compile.result.url} download={compile.result.filename} className="usa-link" data-testid="preview-download">
            Download {compile.result.filename}
          </a>
          {previewUrl ? (
            <>
              {" · "}
              <a href={previewUrl} target="_blank" rel="noopener" className="usa-link">
                Open in a new tab to print
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      {previewUrl && !compile.running ? (
        <iframe
          title={`Preview of the ${year} report`}
          src={previewUrl}
          className="tip-report-preview"
          data-testid="preview-frame"
          sandbox="allow-same-origin"
        />
      ) : null}
    </section>
  );
}

function PublishedEdition({ year, status }: { year: number; status: ReportStatus }) {
  const compile = useCompile(year, "published");
  return (
    <section aria-labelledby="published-heading" className="margin-top-4">
      <h2 id="published-heading">The published edition</h2>
      <p>Compiled from the frozen texts the manifest lists; every download holds the same words.</p>
      <ButtonGroup>
        {(Object.keys(FORMAT_LABELS) as ReportFormat[]).map((format) => (
          <Button
            key={format}
            type="button"
            outline
            onClick={() => void compile.run(format)}
            disabled={compile.running !== null}
            data-testid={`published-${format}`}
          >
            {FORMAT_LABELS[format]}
          </Button>
        ))}
      </ButtonGroup>
      {compile.running ? <CompileProgressBar progress={compile.progress} label={`Compiling the published ${year} report…`} /> : null}
      {compile.error ? <ErrorAlert error={compile.error} heading="The download could not be compiled" message={failureMessage(compile.error)} /> : null}
      {compile.result && !compile.running ? (
        <p className="margin-top-2" data-testid="published-ready">
          <a href={compile.result.url} download={compile.result.filename} className="usa-link" data-testid="published-download">
            Save {compile.result.filename}
          </a>{" "}
          ({plural(status.published?.documents ?? 0, "document")})
        </p>
      ) : null}
    </section>
  );
}
