/**
 * Admins: import earlier years' tier placements from CSV. "Check" is a dry run listing what would
 * change and every rejected line; "Import" is offered only after a clean check of the same text.
 */
import { GridContainer, Table } from "@trussworks/react-uswds";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "wouter";
import type { PlannedRow } from "#shared/tier-history-csv.ts";
import { tierLabel } from "#shared/tiers.ts";
import { api, type TierHistoryImportReport } from "../api.ts";
import { CsvImportForm } from "../components/CsvImportForm.tsx";
import { useCsvImport } from "../components/csv-import.ts";
import { plural } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queryKeys } from "../query.ts";

const EXAMPLE = "country,year,tier,waiver\nAustria,2023,Tier 1,no\nAlgeria,2023,Tier 2 Watch List,no";

const placement = (tier: PlannedRow["tier"], waiver: boolean | null) => (tier ? `${tierLabel(tier)}${waiver ? " (waiver)" : ""}` : "");

function Detail({ row }: { row: PlannedRow }) {
  if (row.outcome === "rejected") return <>{row.reasons.join("; ")}</>;
  if (row.outcome === "updated" && row.before) return <>{`${placement(row.before.tier, row.before.waiverUsed)} → ${placement(row.tier, row.waiverUsed)}`}</>;
  return <>{placement(row.tier, row.waiverUsed)}</>;
}

const OUTCOME_LABEL: Record<PlannedRow["outcome"], string> = { inserted: "New", updated: "Changed", unchanged: "Unchanged", rejected: "Rejected" };

function ReportTable({ report }: { report: TierHistoryImportReport }) {
  const { counts } = report;
  return (
    <>
      <p className="text-bold" data-testid="import-summary">
        {report.applied ? "Imported: " : "Check: "}
        {counts.inserted} new, {counts.updated} changed, {counts.unchanged} unchanged, {counts.rejected} rejected.
      </p>
      <Table bordered compact fullWidth>
        <caption className="usa-sr-only">Each line of the file and what the import does with it</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Country</th>
            <th scope="col">Year</th>
            <th scope="col">Outcome</th>
            <th scope="col">Placement or reason</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.line} data-testid={`import-row-${row.line}`}>
              <td>{row.line}</td>
              <th scope="row">{row.country}</th>
              <td>{row.year ?? ""}</td>
              <td>{OUTCOME_LABEL[row.outcome]}</td>
              <td>
                <Detail row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

export function TierHistoryImportPage() {
  usePageTitle("Import tier history");
  const client = useQueryClient();
  const flow = useCsvImport<TierHistoryImportReport>(
    (csv, dryRun) => api.importTierHistory(csv, dryRun), // Every year's tables compare with the year before, so any of them may show the imported placements.
    () => client.invalidateQueries({ queryKey: queryKeys.tierPlacements() }),
  );
  const { checked, checkedReport } = flow;
  const clean = checkedReport !== null && checkedReport.counts.rejected === 0;
  const changes = checked ? checked.report.counts.inserted + checked.report.counts.updated : 0;
  return (
    <GridContainer>
      <h1 className="margin-top-4 margin-bottom-1">Import tier history</h1>
      <p>
        Placements of report years before the current cycle, one per line: <code>country,year,tier,waiver</code>. Country is the name or id, tier the report's
        wording (“Tier 2 Watch List”) or code, waiver yes or no (only on a Tier 2 Watch List year). Check the file first: nothing is written until it has no
        rejected line. See the{" "}
        <Link href="/tiers" className="usa-link">
          tier placements
        </Link>
        .
      </p>
      <CsvImportForm
        flow={flow}
        testIdPrefix="import"
        example={EXAMPLE}
        clean={clean}
        changes={changes}
        hint={{ unit: "placement", nothing: "Nothing to write: every line is unchanged.", rejected: "line" }}
        errorHeading="The tier history was not imported"
        done={(imported) => <>Imported {plural(imported.counts.inserted + imported.counts.updated, "placement")}.</>}
        report={(report) => <ReportTable report={report} />}
      />
    </GridContainer>
  );
}
