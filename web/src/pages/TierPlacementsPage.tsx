/**
 * The report's tier placement tables for one year: per region, the countries on each tier with
 * their movement against the year before (arrow and words, never colour alone), the counts, and
 * the year's upgrades and downgrades.
 */
import { Alert, AlertText, Button, GridContainer, Label, Select, Table } from "@trussworks/react-uswds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useLocation } from "wouter";
import type { PlacedCountry, PlacementGroup } from "#shared/tier-placements.ts";
import { TIERS } from "#shared/tiers.ts";
import type { Me, TierPlacements } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { plural } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queries } from "../query.ts";

/** The marker beside a country: an arrow for the eye (hidden from screen readers) and words for everyone. */
export function ChangeMarker({ country, previousYear }: { country: PlacedCountry; previousYear: number }) {
  const before = country.previousTierLabel;
  switch (country.change) {
    case "up":
      return (
        <span className="tip-change tip-change--up" data-change="up">
          <span aria-hidden="true">▲ </span>up from {before}
        </span>
      );
    case "down":
      return (
        <span className="tip-change tip-change--down" data-change="down">
          <span aria-hidden="true">▼ </span>down from {before}
        </span>
      );
    case "unranked":
      return (
        <span className="tip-change" data-change="unranked">
          <span aria-hidden="true">◆ </span>was {before}
        </span>
      );
    case "new":
      return (
        <span className="tip-change" data-change="new">
          new (no {previousYear} placement)
        </span>
      );
    default:
      return null;
  }
}

function CountryItem({ country, previousYear, showNew }: { country: PlacedCountry; previousYear: number; showNew: boolean }) {
  const marker = <ChangeMarker country={country} previousYear={previousYear} />;
  const marked = country.change !== null && country.change !== "same" && (showNew || country.change !== "new");
  return (
    <li data-testid={`placement-${country.countryId}`}>
      {country.name}
      {marked ? <> {marker}</> : null}
      {country.status === "approved" ? <span className="font-body-3xs text-base-dark"> (approved, not final)</span> : null}
    </li>
  );
}

function CountsTable({ group, caption, testId }: { group: PlacementGroup; caption: string; testId: string }) {
  return (
    <div data-testid={testId}>
      <Table bordered compact fullWidth>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {group.tiers.map((t) => (
              <th key={t.tier} scope="col">
                {t.label}
              </th>
            ))}
            <th scope="col">Placed</th>
            {group.notPlaced.length ? <th scope="col">Not placed</th> : null}
          </tr>
        </thead>
        <tbody>
          <tr>
            {group.tiers.map((t) => (
              <td key={t.tier} data-testid={`${testId}-${t.tier}`}>
                {t.count}
              </td>
            ))}
            <td data-testid={`${testId}-placed`}>{group.placed}</td>
            {group.notPlaced.length ? <td>{group.notPlaced.length}</td> : null}
          </tr>
        </tbody>
      </Table>
    </div>
  );
}

function RegionTable({ region, previousYear, showNew }: { region: TierPlacements["regions"][number]; previousYear: number; showNew: boolean }) {
  return (
    <section aria-labelledby={`region-${region.code}`} className="margin-top-4" data-testid={`region-${region.code}`}>
      <h2 id={`region-${region.code}`}>{region.name}</h2>
      <Table bordered fullWidth className="tip-tier-table">
        <caption className="usa-sr-only">{region.name}: countries per tier</caption>
        <thead>
          <tr>
            {region.tiers.map((t) => (
              <th key={t.tier} scope="col">
                {t.label} <span className="text-normal">({t.count})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {region.tiers.map((t) => (
              <td key={t.tier} className="tip-tier-table__cell">
                {t.countries.length ? (
                  <ul className="usa-list usa-list--unstyled">
                    {t.countries.map((c) => (
                      <CountryItem key={c.countryId} country={c} previousYear={previousYear} showNew={showNew} />
                    ))}
                  </ul>
                ) : (
                  <span className="text-base-dark">None</span>
                )}
              </td>
            ))}
          </tr>
        </tbody>
      </Table>
      {region.notPlaced.length ? (
        <p className="font-body-xs">
          <strong>Not placed yet:</strong> {region.notPlaced.map((c) => c.name).join(", ")}
        </p>
      ) : null}
    </section>
  );
}

function MovementList({ title, countries, testId, previousYear }: { title: string; countries: PlacedCountry[]; testId: string; previousYear: number }) {
  return (
    <div className="tablet:grid-col-6" data-testid={testId}>
      <h3>
        {title} ({countries.length})
      </h3>
      {countries.length ? (
        <ul className="usa-list">
          {countries.map((c) => (
            <li key={c.countryId}>
              {c.name}: {c.tierLabel} <ChangeMarker country={c} previousYear={previousYear} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-base-dark">None.</p>
      )}
    </div>
  );
}

export function TierPlacementsPage({ year, me }: { year: number; me: Me | null }) {
  usePageTitle(`Tier placements ${year}`);
  const [, navigate] = useLocation();
  // The previous year's tables keep the year picker's choices while the next year loads.
  const result = useQuery({ ...queries.tierPlacements(year), placeholderData: keepPreviousData });
  const data = result.data?.year === year ? result.data : undefined;
  const isAdmin = me?.grants.some((g) => g.role === "admin") ?? false;
  const years = data?.availableYears ?? result.data?.availableYears ?? [year];
  return (
    <GridContainer>
      <h1 className="margin-top-4 margin-bottom-1">Tier placements: {year} report</h1>
      <div className="display-flex flex-align-end flex-wrap">
        <div className="margin-right-3">
          <Label htmlFor="placement-year">Report year</Label>
          <Select id="placement-year" name="placement-year" value={String(year)} onChange={(e) => navigate(`/cycles/${e.target.value}/tiers`)}>
            {(years.includes(year) ? years : [year, ...years]).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </div>
        {isAdmin ? (
          <p className="margin-bottom-1">
            <Link href="/admin/tier-history" className="usa-link">
              Import earlier years' tier history
            </Link>
          </p>
        ) : null}
      </div>
      {result.isFetching && !data ? <p className="text-base-dark">Loading placements…</p> : null}
      {result.isError ? (
        <ErrorAlert error={result.error} heading={`Could not load the ${year} placements`}>
          <Button type="button" outline className="margin-top-1" onClick={() => void result.refetch()}>
            Try again
          </Button>
        </ErrorAlert>
      ) : null}
      {data ? (
        <>
          <p data-testid="placement-source">
            {data.source === "tier_history"
              ? `Recorded placements of the ${year} report, compared with ${data.previousYear}${data.previousSource ? "" : " (no placements are recorded for that year, so nothing moved)"}.`
              : `Placements of the ${year} cycle in progress: the tier fixed at final clearance, else the one the reviewer approved; ${plural(data.global.notPlaced.length, "country", "countries")} not placed yet.`}
          </p>
          {data.partial ? (
            <Alert type="info" slim>
              <AlertText>These placements are pre-decisional: {plural(data.hiddenCountries, "narrative")} outside your assignments are not shown.</AlertText>
            </Alert>
          ) : null}
          <h2>All regions</h2>
          <CountsTable group={data.global} caption={`${year}: countries per tier, all regions (${data.global.total} in total)`} testId="global-counts" />
          <section aria-labelledby="movement-heading">
            <h2 id="movement-heading">Changes since {data.previousYear}</h2>
            <div className="grid-row grid-gap">
              <MovementList title="Upgrades" countries={data.upgrades} testId="upgrades" previousYear={data.previousYear} />
              <MovementList title="Downgrades" countries={data.downgrades} testId="downgrades" previousYear={data.previousYear} />
            </div>
          </section>
          {data.regions.map((r) => (
            <RegionTable key={r.code} region={r} previousYear={data.previousYear} showNew={data.previousSource !== null} />
          ))}
          <p className="font-body-3xs text-base-dark margin-top-3">
            Order:{" "}
            {TIERS.filter((t) => t.code !== "special_case")
              .map((t) => t.label)
              .join(" > ")}
            . Special Case is not ranked: moving into or out of it is neither an upgrade nor a downgrade.
          </p>
        </>
      ) : null}
    </GridContainer>
  );
}
