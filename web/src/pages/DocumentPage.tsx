/** One document: what it is, where it stands, and what the signed-in user may do with it. */
import { Alert, AlertText, GridContainer, SummaryBox, SummaryBoxContent, SummaryBoxHeading } from "@trussworks/react-uswds";
import { ApiError, api } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { StateTag } from "../components/StateTag.tsx";
import { longDate, regionName, roleLabel } from "../format.ts";
import { Link } from "../router.tsx";
import { tierLabel } from "#shared/tiers.ts";
import { useApi, usePageTitle } from "../useApi.ts";

export function DocumentPage({ id }: { id: string }) {
  const doc = useApi((signal) => api.document(id, signal), [id]);
  usePageTitle(doc.status === "ok" ? doc.data.title : "Document");
  const notFound = doc.status === "error" && doc.error instanceof ApiError && doc.error.status === 404;

  return (
    <GridContainer>
      <p className="margin-top-3">
        <Link href="/">← All documents</Link>
      </p>
      {doc.status === "loading" ? <p className="text-base">Loading document…</p> : null}
      {notFound ? <ErrorAlert error={doc.error} heading="Document not found" message="Not found or not visible to you" /> : null}
      {doc.status === "error" && !notFound ? <ErrorAlert error={doc.error} heading="Could not load the document" /> : null}
      {doc.status === "ok" ? (
        <article aria-labelledby="document-title" data-testid="document-detail">
          <h1 id="document-title" className="margin-top-1 margin-bottom-1">
            {doc.data.title}
          </h1>
          <p className="margin-top-0 text-base-dark">
            {doc.data.cycleYear} report · {doc.data.kind === "country_narrative" ? "Country narrative" : "Report section"} · version {doc.data.version}
          </p>
          <dl className="tip-milestones margin-bottom-3" data-testid="document-facts">
            {doc.data.kind === "country_narrative" ? (
              <div>
                <dt>Region</dt>
                <dd data-testid="document-region">{doc.data.regionName ?? regionName(doc.data.regionCode)}</dd>
              </div>
            ) : null}
            <div>
              <dt>State</dt>
              <dd data-testid="document-state">
                <StateTag state={doc.data.state} />
              </dd>
            </div>
            {doc.data.kind === "country_narrative" ? (
              <div>
                <dt>{doc.data.cycleYear - 1} tier</dt>
                <dd data-testid="document-previous-tier">{doc.data.previousTier ? tierLabel(doc.data.previousTier) : "Not ranked"}</dd>
              </div>
            ) : null}
            <div>
              <dt>Last updated</dt>
              <dd>
                <time dateTime={doc.data.updatedAt}>{longDate(doc.data.updatedAt)}</time>
              </dd>
            </div>
          </dl>
          <SummaryBox data-testid="your-roles">
            <SummaryBoxHeading headingLevel="h2">Your part in this document</SummaryBoxHeading>
            <SummaryBoxContent>
              <p className="margin-top-0">
                {doc.data.yourRoles.length > 0 ? `Your roles: ${doc.data.yourRoles.map(roleLabel).join(", ")}.` : "You have read access only."}{" "}
                {doc.data.youMayEdit ? "You may edit this document." : "You may not edit this document at its current stage."}
              </p>
            </SummaryBoxContent>
          </SummaryBox>
          <Alert type="info" slim className="margin-top-3" data-testid="workspace-note">
            <AlertText>The co-editing workspace arrives in a later step.</AlertText>
          </Alert>
        </article>
      ) : null}
    </GridContainer>
  );
}
