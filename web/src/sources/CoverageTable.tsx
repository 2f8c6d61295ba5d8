/** Per region: how many countries have a submission, which have none yet, and every country's count. */
import type { SourceCoverage } from "../api.ts";
import { plural } from "../format.ts";

export function CoverageTable({ coverage }: { coverage: SourceCoverage }) {
  return (
    <div data-testid="coverage">
      {coverage.regions.map((region) => (
        <section key={region.code} className="margin-top-3" aria-labelledby={`coverage-${region.code}`} data-testid={`coverage-${region.code}`}>
          <h3 id={`coverage-${region.code}`} className="margin-bottom-05">
            {region.name}: {region.covered} of {plural(region.countries, "country", "countries")} with submissions
          </h3>
          {region.without.length ? (
            <p className="margin-top-05">
              <strong>No submission yet ({region.without.length}):</strong>{" "}
              <span data-testid={`without-${region.code}`}>{region.without.map((c) => c.name).join(", ")}</span>
            </p>
          ) : (
            <p className="margin-top-05">Every country has at least one submission.</p>
          )}
          <details>
            <summary>Submissions per country</summary>
            <table className="usa-table usa-table--compact usa-table--borderless">
              <caption className="usa-sr-only">{region.name}: submissions per country</caption>
              <thead>
                <tr>
                  <th scope="col">Country</th>
                  <th scope="col">Submissions</th>
                </tr>
              </thead>
              <tbody>
                {region.counts.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th>
                    <td>{c.submissions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      ))}
    </div>
  );
}
