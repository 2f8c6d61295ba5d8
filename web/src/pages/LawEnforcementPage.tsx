/**
 * The cycle's law-enforcement data laid out like the report's tables: this cycle's year summed from
 * the narratives' figures, then the global table and each region's table of earlier years, with a
 * region whose published rows do not add up to the global row flagged and its derived values shown.
 */
import { Alert, AlertHeading, AlertText, Button, GridContainer, Table, Tag } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import { Fragment } from "react";
import { Link } from "wouter";
import type { LawEnforcementData } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { regionName } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queries } from "../query.ts";
import { MEASURES, type TableValues } from "#shared/law-enforcement.ts";

const n = (value: number) => value.toLocaleString("en-US");
/** "18,774 (3,684)": a total with its labor-trafficking part, as the report prints it. */
const withLabor = (total: number, labor: number) => `${n(total)} (${n(labor)})`;

const REPORT_COLUMNS = ["Prosecutions", "Convictions", "Victims identified", "New or amended legislation"];

function ValueCells({ values }: { values: TableValues }) {
  return (
    <>
      <td>{withLabor(values.prosecutions, values.prosecutionsLabor)}</td>
      <td>{withLabor(values.convictions, values.convictionsLabor)}</td>
      <td>{withLabor(values.victimsIdentified, values.victimsIdentifiedLabor)}</td>
      <td>{n(values.newOrAmendedLaws)}</td>
    </>
  );
}

function CurrentYear({ data }: { data: LawEnforcementData }) {
  const rows = [
    ...data.current.regions.map((r) => ({ key: r.regionCode, name: r.regionName, sum: r })),
    { key: "GLOBAL", name: "Global", sum: data.current.global },
  ];
  return (
    <section aria-labelledby="current-heading" className="tip-panel" data-testid="current-year">
      <h2 id="current-heading">{data.reportingYear}: this cycle's figures so far</h2>
      <p className="margin-top-0 text-base-dark">
        Sums of the figures entered in the {data.cycleYear} country narratives. Labor-trafficking counts in parentheses; figures not reported are left out of
        the sums, and “reported by” counts the countries that gave each one.
      </p>
      <Table bordered compact scrollable fullWidth data-testid="current-year-table">
        <caption>
          {data.reportingYear} law-enforcement figures by region ({data.cycleYear} report)
        </caption>
        <thead>
          <tr>
            <th scope="col">Region</th>
            {MEASURES.map((m) => (
              <th scope="col" key={m.total}>
                {m.label}
              </th>
            ))}
            <th scope="col">New or amended legislation</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, sum }) => (
            <tr key={key} data-testid={`current-${key}`}>
              <th scope="row">{key === "GLOBAL" ? <strong>{name}</strong> : name}</th>
              {MEASURES.map((m) => (
                <td key={m.total} data-testid={`current-${key}-${m.total}`}>
                  {withLabor(sum.totals[m.total], sum.totals[m.labor])}
                  <span className="display-block font-body-3xs text-base-dark">
                    reported by {sum.reporting[m.total]} of {sum.countries}
                  </span>
                </td>
              ))}
              <td data-testid={`current-${key}-newOrAmendedLaws`}>
                {n(sum.totals.newOrAmendedLaws)}
                <span className="display-block font-body-3xs text-base-dark">
                  reported by {sum.reporting.newOrAmendedLaws} of {sum.countries}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

/** The published tables' header: the year, the report's columns, and an optional last column. */
function YearColumnsHead({ extra }: { extra?: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">Year</th>
        {REPORT_COLUMNS.map((c) => (
          <th scope="col" key={c}>
            {c}
          </th>
        ))}
        {extra ? <th scope="col">{extra}</th> : null}
      </tr>
    </thead>
  );
}

function GlobalTable({ data }: { data: LawEnforcementData }) {
  return (
    <section aria-labelledby="global-heading" className="tip-panel" data-testid="global-table">
      <h2 id="global-heading">Global law enforcement data</h2>
      <Table bordered compact scrollable fullWidth>
        <caption>Published in earlier reports. Labor-trafficking counts in parentheses.</caption>
        <YearColumnsHead extra="Regions add up" />
        <tbody>
          {data.published.map((year) => (
            <tr key={year.year} data-testid={`global-${year.year}`}>
              <th scope="row">{year.year}</th>
              {year.global ? <ValueCells values={year.global} /> : <td colSpan={4}>No global row</td>}
              <td>{year.consistent ? "Yes" : <Tag className="bg-secondary-dark">No</Tag>}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

type Flag = NonNullable<LawEnforcementData["published"][number]["regions"][number]["flag"]>;

/** Why a region is flagged, without the per-year numbers (they follow the table). */
function flagSummary(name: string, flag: Flag): string {
  const source =
    flag.kind === "duplicates_region" && flag.duplicateOf
      ? `its rows repeat the ${regionName(flag.duplicateOf)} rows`
      : "the source marks its rows as unreliable";
  return `In the published report, ${source}, so the six regions do not add up to the global table. Treat the ${name} rows as wrong.`;
}

function RegionTable({ data, regionCode }: { data: LawEnforcementData; regionCode: string }) {
  const years = data.published.map((y) => ({ year: y.year, row: y.regions.find((r) => r.regionCode === regionCode)! }));
  const name = years[0]?.row.regionName ?? regionCode;
  const flagged = years.filter((y) => y.row.flag);
  return (
    <section aria-labelledby={`region-${regionCode}-heading`} className="margin-top-4" data-testid={`region-table-${regionCode}`}>
      <h3 id={`region-${regionCode}-heading`}>
        {name} {flagged.length > 0 ? <Tag className="bg-secondary-dark margin-left-1 text-middle">Does not add up</Tag> : null}
      </h3>
      {flagged.length > 0 ? (
        <Alert type="warning" className="margin-bottom-2" data-testid={`region-flag-${regionCode}`}>
          <AlertHeading level="h4">
            The published {name} table is not reliable in {flagged.length === years.length ? "any year" : flagged.map((y) => y.year).join(", ")}
          </AlertHeading>
          <AlertText>{flagSummary(name, flagged[0]!.row.flag!)}</AlertText>
          <AlertText>Under each flagged year, the “derived” row gives the global table minus the other five regions.</AlertText>
        </Alert>
      ) : null}
      <Table bordered compact scrollable fullWidth>
        <YearColumnsHead />
        <tbody>
          {years.map(({ year, row }) => (
            <Fragment key={year}>
              <tr data-testid={`region-${regionCode}-${year}`}>
                <th scope="row">
                  {year}
                  {row.flag ? (
                    <Tag className="bg-secondary-dark margin-left-1" title={row.flag.reason}>
                      Flagged
                    </Tag>
                  ) : null}
                </th>
                {row.values ? <ValueCells values={row.values} /> : <td colSpan={4}>No row</td>}
              </tr>
              {row.flag ? (
                <tr className="bg-base-lightest" data-testid={`region-derived-${regionCode}-${year}`}>
                  <th scope="row" className="text-normal text-italic">
                    {year} derived
                  </th>
                  {row.flag.derived ? (
                    <ValueCells values={row.flag.derived} />
                  ) : (
                    <td colSpan={4} className="text-italic">
                      {row.flag.reason}
                    </td>
                  )}
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

export function LawEnforcementPage({ year }: { year: number }) {
  usePageTitle(`Law-enforcement data, ${year} report`);
  const loaded = useQuery(queries.lawEnforcement(year));
  const data = loaded.data;
  const problems = data?.published.filter((y) => y.problem) ?? [];
  return (
    <GridContainer>
      <p className="margin-top-3">
        <Link href="/" className="usa-link">
          ← All documents
        </Link>
      </p>
      <h1 className="margin-top-1">Law-enforcement data, {year} report</h1>
      {loaded.isPending ? <p className="text-base-dark">Loading the tables…</p> : null}
      {loaded.isError ? (
        <ErrorAlert error={loaded.error} heading="Could not load the law-enforcement data">
          <Button type="button" outline className="margin-top-1" onClick={() => void loaded.refetch()}>
            Try again
          </Button>
        </ErrorAlert>
      ) : null}
      {data ? (
        <>
          <CurrentYear data={data} />
          <GlobalTable data={data} />
          {problems.map((y) => (
            <Alert key={y.year} type="warning" slim className="margin-top-2">
              <AlertText>
                {y.year}: {y.problem}
              </AlertText>
            </Alert>
          ))}
          <section aria-labelledby="regions-heading" className="tip-panel" data-testid="region-tables">
            <h2 id="regions-heading">Regional law enforcement data</h2>
            {data.current.regions.map((r) => (
              <RegionTable key={r.regionCode} data={data} regionCode={r.regionCode} />
            ))}
          </section>
        </>
      ) : null}
    </GridContainer>
  );
}
