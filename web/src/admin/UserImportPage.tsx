/**
 * Administrators: people and grants from a CSV file (email,name,role,scope,office,active). "Check"
 * is the dry run: it lists each rejected row with its reasons and what would change; "Import" is
 * offered only after a clean check of the same text.
 */
import { GridContainer, Table } from "@trussworks/react-uswds";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "wouter";
import { api, type UserImportReport } from "../api.ts";
import { CsvImportForm } from "../components/CsvImportForm.tsx";
import { useCsvImport } from "../components/csv-import.ts";
import { plural, roleLabel } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queryKeys } from "../query.ts";

const EXAMPLE = "email,name,role,scope,office,active\njane.doe@state.gov,Jane Doe,drafter,region:AF,,true\nli.legal@state.gov,Li Legal,clearer,global,L,true";

/** "drafter|country:zimbabwe|" as "Drafting officer, country:zimbabwe"; the key is the import's own spelling of a grant. */
function grantKeyText(key: string): string {
  const [role = "", scope = "", office = ""] = key.split("|");
  return [roleLabel(role), scope, office ? `office ${office}` : ""].filter(Boolean).join(", ");
}

function List({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  if (!items.length) return null;
  return (
    <div data-testid={testId}>
      <h3 className="margin-bottom-05">
        {title} ({items.length})
      </h3>
      <ul className="usa-list margin-top-0">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

function Report({ report }: { report: UserImportReport }) {
  return (
    <section aria-labelledby="import-report-heading" data-testid="user-import-report">
      <h2 id="import-report-heading">{report.applied ? "Imported" : "Check"}</h2>
      <p className="text-bold" data-testid="user-import-summary">
        {plural(report.rows, "row")}: {report.rejected.length} rejected, {plural(report.usersToCreate.length, "person", "people")} to add,{" "}
        {report.usersToUpdate.length} to update, {plural(report.grantsToAdd.length, "grant")} to add.
      </p>
      {report.rejected.length ? (
        <Table bordered compact fullWidth className="font-body-2xs">
          <caption>Rejected rows: nothing is imported until there are none</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Email</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.map((r) => (
              <tr key={r.line} data-testid={`rejected-row-${r.line}`}>
                <td>{r.line}</td>
                <th scope="row">{r.email ?? "—"}</th>
                <td>{r.reasons.join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <List title="People to add" items={report.usersToCreate} testId="users-to-create" />
      <List title="People to update (name or active)" items={report.usersToUpdate} testId="users-to-update" />
      <List title="Grants to add" items={report.grantsToAdd.map((g) => `${g.email}: ${grantKeyText(g.grant)}`)} testId="grants-to-add" />
    </section>
  );
}

export function UserImportPage() {
  usePageTitle("Import people");
  const client = useQueryClient();
  const flow = useCsvImport<UserImportReport>(
    (csv, dryRun) => api.importUsers(csv, dryRun),
    () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.adminUsers() }), client.invalidateQueries({ queryKey: queryKeys.documentLists() })]),
  );
  const { checked, checkedReport } = flow;
  const clean = checkedReport !== null && checkedReport.rejected.length === 0;
  const changes = checked ? checked.report.usersToCreate.length + checked.report.usersToUpdate.length + checked.report.grantsToAdd.length : 0;

  return (
    <GridContainer>
      <p className="margin-top-3 margin-bottom-0">
        <Link href="/admin/users" className="usa-link">
          People and grants
        </Link>
      </p>
      <h1 className="margin-top-1 margin-bottom-1">Import people</h1>
      <p>
        One row per grant: <code>email,name,role,scope,office,active</code>. Scope is <code>global</code>, <code>region:AF</code> (AF, EAP, EUR, NEA, SCA, WHA)
        or <code>country:angola</code>; office only for clearers (AF … WHA, DRL, L, J); role may be empty for a person without one. Check the file first:
        nothing is written while any row is rejected, and importing the same file twice adds nothing.
      </p>
      <CsvImportForm
        flow={flow}
        testIdPrefix="user-import"
        example={EXAMPLE}
        clean={clean}
        changes={changes}
        hint={{ unit: "change", nothing: "Nothing to write: everything is already there.", rejected: "row" }}
        errorHeading="The people were not imported"
        done={(imported) => (
          <>
            Imported: {plural(imported.usersToCreate.length, "person", "people")} added, {imported.usersToUpdate.length} updated,{" "}
            {plural(imported.grantsToAdd.length, "grant")} added.
          </>
        )}
        report={(report) => <Report report={report} />}
      />
    </GridContainer>
  );
}
