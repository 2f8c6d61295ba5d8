/**
 * /cycles/:year/sources: the request for information, which countries have no submission yet
 * (per region, with counts), and for admins and regional staff the filing form and the CSV import.
 */
import { GridContainer } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import type { Me, Submission } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { plural } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queries } from "../query.ts";
import { mayFileSubmissionsWith } from "#shared/sources.ts";
import { CoverageTable } from "./CoverageTable.tsx";
import { RfiBox } from "./RfiBox.tsx";
import { SubmissionDetails } from "./SubmissionDetails.tsx";
import { SubmissionForm } from "./SubmissionForm.tsx";
import { SubmissionImport } from "./SubmissionImport.tsx";

export function SourcesPage({ year, me }: { year: number; me: Me }) {
  usePageTitle(`${year} submissions and coverage`);
  const rfi = useQuery(queries.rfi(year));
  const coverage = useQuery(queries.sourceCoverage(year));
  const [filed, setFiled] = useState<Submission | null>(null);
  const mayFile = mayFileSubmissionsWith(me.grants);
  const data = coverage.data;
  return (
    <GridContainer>
      <p className="margin-top-3">
        <Link href="/" className="usa-link">
          Back to the documents
        </Link>
      </p>
      <h1 className="margin-top-1">{year} submissions and coverage</h1>
      {rfi.isError ? <ErrorAlert error={rfi.error} heading="Could not load the request for information" /> : null}
      {rfi.data ? <RfiBox year={year} response={rfi.data} /> : null}
      <h2 className="margin-top-4">Which countries have submissions</h2>
      {coverage.isPending ? <p className="text-base-dark">Loading the coverage…</p> : null}
      {coverage.isError ? <ErrorAlert error={coverage.error} heading="Could not load the coverage" /> : null}
      {data ? (
        <>
          <p data-testid="coverage-total">
            {plural(data.totalSubmissions, "submission")} filed;{" "}
            {plural(
              data.regions.reduce((n, r) => n + r.without.length, 0),
              "country",
              "countries",
            )}{" "}
            without any yet.
          </p>
          <CoverageTable coverage={data} />
        </>
      ) : null}
      {mayFile && data ? (
        <>
          <h2 className="margin-top-5">File a submission</h2>
          {filed ? (
            <div className="usa-alert usa-alert--success usa-alert--slim" role="status" data-testid="filed">
              <div className="usa-alert__body">
                <p className="usa-alert__text">Filed: {filed.organisation}.</p>
                <SubmissionDetails submission={filed} />
              </div>
            </div>
          ) : null}
          <SubmissionForm year={year} coverage={data} onFiled={setFiled} />
          <h2 className="margin-top-5">Import a batch (CSV)</h2>
          <SubmissionImport year={year} />
        </>
      ) : null}
    </GridContainer>
  );
}
