/** One document: where it stands, what the signed-in user may do with it now, its clearances, tier, history and texts. */
import { Alert, AlertHeading, AlertText, GridContainer, SummaryBox, SummaryBoxContent, SummaryBoxHeading } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import { ApiError, api, type DocumentDetail, type Me } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { StateTag } from "../components/StateTag.tsx";
import { ClearancePanel } from "../components/workflow/ClearancePanel.tsx";
import { ComparePanel } from "../components/workflow/ComparePanel.tsx";
import { DueDate } from "../components/workflow/DueDate.tsx";
import { FiguresPanel } from "../components/figures/FiguresPanel.tsx";
import { HistoryList } from "../components/workflow/HistoryList.tsx";
import type { Perform } from "../components/workflow/perform.ts";
import { TierPanel } from "../components/tiers/TierPanel.tsx";
import { WorkflowPanel } from "../components/workflow/WorkflowPanel.tsx";
import { longDate, regionName, roleLabel } from "../format.ts";
import { tierLabel } from "#shared/tiers.ts";
import { usePageTitle } from "../page-title.ts";
import { invalidateDocumentSummaries, queries, queryKeys } from "../query.ts";

// The editor (Tiptap, Yjs, the room's provider) is most of the app's code: it loads with the first document opened.
const Workspace = lazy(() => import("../workspace/Workspace.tsx").then((m) => ({ default: m.Workspace })));

const STALE_MESSAGE =
  "Someone else changed this document while you had it open, so nothing was changed. The page has been reloaded with their changes: check where it stands now and try again if needed.";

/** Someone else acted first: the server checks the version before anything else and says so. */
function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.code === "stale_version";
}

/**
 * Runs the panels' changes on the version shown. The answer (the changed document) goes into the cache;
 * a change answering something else, or refused as stale, reloads the document.
 */
function useDocumentChange(id: string, doc: DocumentDetail | undefined) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (call: Parameters<Perform>[0]) => {
      if (!doc) throw new Error("The document is not loaded yet.");
      return call(doc.version);
    },
    // The panels stay busy until the document shown is the one the change produced.
    onSuccess: async (result) => {
      void invalidateDocumentSummaries(client);
      if (result === "reload") await client.invalidateQueries({ queryKey: queryKeys.document(id), exact: true });
      else client.setQueryData(queries.document(id).queryKey, result);
    },
    onError: async (error) => {
      if (isStale(error)) await client.invalidateQueries({ queryKey: queryKeys.document(id), exact: true });
    },
  });
  const { mutateAsync, reset } = mutation;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new document id clears the last action's outcome
  useEffect(() => reset(), [id, reset]);
  const perform: Perform = useCallback(
    (call) =>
      mutateAsync(call).then(
        () => true,
        () => false,
      ),
    [mutateAsync],
  );
  return { perform, busy: mutation.isPending, error: mutation.error };
}

export function DocumentPage({ id, me }: { id: string; me: Me }) {
  const client = useQueryClient();
  const loaded = useQuery(queries.document(id));
  const doc = loaded.data;
  const [sourcesSlot, setSourcesSlot] = useState<HTMLDivElement | null>(null);
  usePageTitle(doc ? doc.title : "Document");
  const { perform, busy, error } = useDocumentChange(id, doc);
  const outcome = error === null ? null : isStale(error) ? { kind: "stale" as const } : { kind: "error" as const, error };
  const notFound = loaded.isError && loaded.error instanceof ApiError && loaded.error.status === 404;

  return (
    <GridContainer containerSize="widescreen">
      <p className="margin-top-3">
        <Link href="/" className="usa-link">
          ← All documents
        </Link>
      </p>
      {loaded.isPending ? <p className="text-base-dark">Loading document…</p> : null}
      {notFound ? <ErrorAlert error={loaded.error} heading="Document not found" message="Not found or not visible to you" /> : null}
      {loaded.isError && !notFound ? <ErrorAlert error={loaded.error} heading="Could not load the document" /> : null}
      {doc ? (
        <article aria-labelledby="document-title" data-testid="document-detail">
          <div className="tip-heading-line margin-top-1 margin-bottom-1">
            <h1 id="document-title" className="margin-0">
              {doc.title}
              {doc.kind === "country_narrative" && doc.approvedTier ? <span data-testid="heading-tier">: {tierLabel(doc.approvedTier)}</span> : null}
            </h1>
            <StateTag state={doc.state} />
          </div>
          <p className="margin-top-0 text-base-dark">
            {doc.cycleYear} report · {doc.kind === "country_narrative" ? "Country narrative" : "Report section"} · version {doc.version}
          </p>
          <dl className="tip-milestones margin-bottom-3" data-testid="document-facts">
            {doc.kind === "country_narrative" ? (
              <div>
                <dt>Region</dt>
                <dd data-testid="document-region">{doc.regionName ?? regionName(doc.regionCode)}</dd>
              </div>
            ) : null}
            <div>
              <dt>State</dt>
              <dd data-testid="document-state">
                <StateTag state={doc.state} />
              </dd>
            </div>
            {doc.kind === "country_narrative" ? (
              <>
                <div>
                  <dt>{doc.cycleYear - 1} tier (previous year)</dt>
                  <dd data-testid="document-previous-tier">{doc.previousTier ? tierLabel(doc.previousTier) : "Not ranked"}</dd>
                </div>
                {doc.approvedTier ? (
                  <div>
                    <dt>
                      {doc.cycleYear} tier ({doc.tierFixed ? "final" : "approved"})
                    </dt>
                    <dd data-testid="document-tier">{tierLabel(doc.approvedTier)}</dd>
                  </div>
                ) : null}
              </>
            ) : null}
            <div>
              <dt>Current step due</dt>
              <dd>
                <DueDate dueDate={doc.dueDate} overdue={doc.overdue} />
              </dd>
            </div>
            <div>
              <dt>Last updated</dt>
              <dd>
                <time dateTime={doc.updatedAt}>{longDate(doc.updatedAt)}</time>
              </dd>
            </div>
          </dl>
          <SummaryBox data-testid="your-roles">
            <SummaryBoxHeading headingLevel="h2">Your part in this document</SummaryBoxHeading>
            <SummaryBoxContent>
              <p className="margin-top-0">
                {doc.yourRoles.length > 0 ? `Your roles: ${doc.yourRoles.map(roleLabel).join(", ")}.` : "You have read access only."}{" "}
                {doc.youMayEdit ? "You may edit this document." : "You may not edit this document at its current stage."}
              </p>
            </SummaryBoxContent>
          </SummaryBox>
          <div aria-live="polite">
            {outcome?.kind === "stale" ? (
              <Alert type="warning" className="margin-top-3" data-testid="stale-notice">
                <AlertHeading level="h2">The document was reloaded</AlertHeading>
                <AlertText>{STALE_MESSAGE}</AlertText>
              </Alert>
            ) : null}
            {loaded.isFetching && doc ? <p className="text-base-dark margin-bottom-0">Reloading…</p> : null}
          </div>
          {outcome?.kind === "error" ? <ErrorAlert error={outcome.error} heading="That did not go through" /> : null}
          <div className="tip-document-layout">
            <div className="tip-document-layout__text">
              <Suspense fallback={<p className="text-base-dark">Opening the text…</p>}>
                <Workspace
                  documentId={doc.id}
                  kind={doc.kind}
                  me={me}
                  loadServerText={() => api.snapshot(doc.id, "current").then((s) => s.sections)}
                  mayBlock={doc.yourRoles.includes("clearer") || doc.yourRoles.includes("leadership")}
                  mayImportWord={doc.youMayEdit}
                  onWorkflowChange={() => void client.invalidateQueries({ queryKey: queryKeys.document(doc.id) })}
                  onCommentsChanged={() => void client.invalidateQueries({ queryKey: queryKeys.comments(doc.id) })}
                  sourcesSlot={sourcesSlot}
                />
              </Suspense>
            </div>
            <aside className="tip-document-layout__side" aria-label="Workflow, sources, tier, figures, clearances and history">
              <WorkflowPanel document={doc} busy={busy} perform={perform} />
              {/* The workspace puts the narrative's sources panel here, beside the text. */}
              <div ref={setSourcesSlot} />
              <p className="margin-y-2">
                <Link href={`/documents/${encodeURIComponent(doc.id)}/versions`} className="usa-link">
                  Versions and differences
                </Link>
              </p>
              <TierPanel document={doc} busy={busy} perform={perform} />
              <FiguresPanel document={doc} busy={busy} perform={perform} />
              <ClearancePanel document={doc} busy={busy} perform={perform} />
              <ComparePanel documentId={doc.id} version={doc.version} />
              <HistoryList history={doc.history} />
            </aside>
          </div>
        </article>
      ) : null}
    </GridContainer>
  );
}
