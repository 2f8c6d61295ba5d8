/** The document list: country narratives grouped by region (in the report's order), then the report sections. */
import { Table } from "@trussworks/react-uswds";
import { Link } from "wouter";
import type { DocumentListItem as DocumentSummary } from "../api.ts";
import { AssigneeNames } from "./AssigneeNames.tsx";
import { plural, regionName } from "../format.ts";
import { REGIONS } from "#shared/regions.ts";
import { tierLabel } from "#shared/tiers.ts";
import { StateTag } from "./StateTag.tsx";
import { TierBadge } from "./tiers/TierBadge.tsx";

interface Group {
  id: string;
  heading: string;
  documents: DocumentSummary[];
}

/** One row: the linked title, last year's and this year's tier (narratives only), the workflow state (and whether it is late) and who it waits on. */
function DocumentRow({ document: d, showTier }: { document: DocumentSummary; showTier: boolean }) {
  return (
    <tr data-testid={`document-row-${d.id}`}>
      <th scope="row">
        <Link href={`/documents/${encodeURIComponent(d.id)}`} className="usa-link">
          {d.title}
        </Link>
      </th>
      {showTier && <td>{d.previousTier ? tierLabel(d.previousTier) : <span className="text-base-dark">—</span>}</td>}
      {showTier && (
        <td data-testid="current-tier">
          <TierBadge tier={d.approvedTier} fixed={d.tierFixed} />
        </td>
      )}
      <td>
        <StateTag state={d.state} />
        {d.overdue ? (
          <span className="usa-tag bg-secondary-dark margin-left-05 text-no-wrap" data-testid="overdue-tag" title={d.dueDate ? `Due ${d.dueDate}` : undefined}>
            Overdue
          </span>
        ) : null}
      </td>
      <td data-testid="assignees">
        <AssigneeNames assignees={d.assignees} />
      </td>
    </tr>
  );
}

function groupNarratives(documents: DocumentSummary[]): Group[] {
  const narratives = documents.filter((d) => d.kind === "country_narrative");
  const codes: string[] = REGIONS.map((r) => r.code);
  // Regions the app does not know (should not happen) still get a group, after the known ones.
  for (const d of narratives) if (d.regionCode && !codes.includes(d.regionCode)) codes.push(d.regionCode);
  const groups: Group[] = codes.map((code) => ({
    id: code,
    heading: narratives.find((d) => d.regionCode === code)?.regionName ?? regionName(code),
    documents: narratives.filter((d) => d.regionCode === code),
  }));
  const unassigned = narratives.filter((d) => !d.regionCode);
  if (unassigned.length > 0) groups.push({ id: "none", heading: "No region", documents: unassigned });
  return groups.filter((g) => g.documents.length > 0).map((g) => ({ ...g, documents: [...g.documents].sort((a, b) => a.title.localeCompare(b.title)) }));
}

function NarrativeTable({ group, previousYear }: { group: Group; previousYear: number }) {
  const headingId = `region-${group.id}`;
  return (
    <section aria-labelledby={headingId} data-testid={`region-group-${group.id}`}>
      <div className="tip-group__header">
        <h2 id={headingId}>{group.heading}</h2>
        <span className="tip-group__count" data-testid="group-count">
          {plural(group.documents.length, "country", "countries")}
        </span>
      </div>
      <Table fullWidth striped compact>
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col">{previousYear} tier</th>
            <th scope="col">{previousYear + 1} tier</th>
            <th scope="col">State</th>
            <th scope="col">Waiting on</th>
          </tr>
        </thead>
        <tbody>
          {group.documents.map((d) => (
            <DocumentRow key={d.id} document={d} showTier />
          ))}
        </tbody>
      </Table>
    </section>
  );
}

function SectionTable({ documents }: { documents: DocumentSummary[] }) {
  return (
    <section aria-labelledby="report-sections" data-testid="report-sections">
      <div className="tip-group__header">
        <h2 id="report-sections">Report sections</h2>
        <span className="tip-group__count" data-testid="group-count">
          {plural(documents.length, "section")}
        </span>
      </div>
      <Table fullWidth striped compact>
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">State</th>
            <th scope="col">Waiting on</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <DocumentRow key={d.id} document={d} showTier={false} />
          ))}
        </tbody>
      </Table>
    </section>
  );
}

export function DocumentGroups({ documents, previousYear }: { documents: DocumentSummary[]; previousYear: number }) {
  const sections = documents.filter((d) => d.kind === "report_section");
  return (
    <>
      {groupNarratives(documents).map((group) => (
        <NarrativeTable key={group.id} group={group} previousYear={previousYear} />
      ))}
      {sections.length > 0 ? <SectionTable documents={sections} /> : null}
    </>
  );
}
