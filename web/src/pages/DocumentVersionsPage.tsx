/** A document's recorded texts (one per submit, approval and clearance) and the word diff between any two. */
import { GridContainer, Table } from "@trussworks/react-uswds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { ComparePanel } from "../components/workflow/ComparePanel.tsx";
import { dateTime, shortHash } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queries } from "../query.ts";

export function DocumentVersionsPage({ id }: { id: string }) {
  const loaded = useQuery(queries.document(id));
  const doc = loaded.data;
  const snapshots = useQuery({ ...queries.snapshots(id, doc?.version ?? 0), enabled: doc !== undefined, placeholderData: keepPreviousData });
  usePageTitle(doc ? `Versions: ${doc.title}` : "Versions");
  const back = `/documents/${encodeURIComponent(id)}`;
  return (
    <GridContainer>
      <p className="margin-top-3">
        <Link href={back} className="usa-link">
          ← Back to the text
        </Link>
      </p>
      {loaded.isError ? <ErrorAlert error={loaded.error} heading="Could not load the document" /> : null}
      {loaded.isPending ? <p className="text-base-dark">Loading…</p> : null}
      {doc ? (
        <>
          <h1 className="margin-top-1">Versions of {doc.title}</h1>
          <p className="text-base-dark">
            Every submission, approval and clearance records the exact text it was made on. Compare any two, or one with the text as it is now.
          </p>
          {snapshots.isError ? <ErrorAlert error={snapshots.error} heading="Could not load the recorded texts" /> : null}
          {snapshots.data && snapshots.data.length > 0 ? (
            <Table bordered fullWidth caption="Recorded texts, newest first">
              <thead>
                <tr>
                  <th scope="col">Recorded</th>
                  <th scope="col">By</th>
                  <th scope="col">Text hash</th>
                </tr>
              </thead>
              <tbody>
                {snapshots.data.map((s) => (
                  <tr key={s.hash}>
                    <td>{dateTime(s.takenAt)}</td>
                    <td>{s.takenBy ?? "System"}</td>
                    <td>
                      <code title={s.hash}>{shortHash(s.hash)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
          <ComparePanel documentId={doc.id} version={doc.version} />
        </>
      ) : null}
    </GridContainer>
  );
}
