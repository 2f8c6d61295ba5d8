/**
 * The tier-history CSV an administrator imports for report years before the foundation data:
 * `country,year,tier,waiver`, one placement per line. Reading a file (this module's
 * `parseTierHistoryCsv`) and comparing it with what is stored (`planTierHistoryImport`) are pure,
 * so every rule is tested table by table; the worker reads the database and writes the plan.
 *
 * - country: the name as the countries table has it, or its id slug, case-insensitive
 *   (accents and punctuation do not matter: "Cote d'Ivoire" is "cote-d-ivoire").
 * - year: a whole report year from 2001 (the first report) to the year before the newest cycle.
 * - tier: the report's wording ("Tier 2 Watch List") or the code ("tier2wl").
 * - waiver: yes/no, true/false, 1/0 or empty (= no); yes only on a Tier 2 Watch List year, and a
 *   country gets the waiver of the automatic downgrade once.
 */
import Papa from "papaparse";
import { slugify } from "./documents.ts";
import type { TierHistorySource } from "./tier-recommendations.ts";
import { TIERS, tierLabel, type TierCode } from "./tiers.ts";

export const TIER_HISTORY_COLUMNS = ["country", "year", "tier", "waiver"] as const;
/** The first Trafficking in Persons Report was released in 2001. */
export const FIRST_REPORT_YEAR = 2001;

export interface CountryRef {
  id: string;
  name: string;
}

export interface TierHistoryCsvReference {
  countries: readonly CountryRef[];
  /** The newest year an import may write (the year before the newest report cycle). */
  maxYear: number;
}

/** A line that passed every check of its own. */
export interface TierHistoryRow {
  line: number;
  countryId: string;
  countryName: string;
  year: number;
  tier: TierCode;
  waiverUsed: boolean;
}

export interface RejectedTierHistoryRow {
  line: number;
  /** The country and year as written in the file. */
  country: string;
  year: string;
  reasons: string[];
}

export type TierHistoryCsvResult =
  | { ok: true; rows: TierHistoryRow[]; rejected: RejectedTierHistoryRow[] }
  /** The file as a whole cannot be read (no header, missing columns, broken quoting, no rows). */
  | { ok: false; problem: string };

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/** A tier written as the report prints it or as its code; undefined when it is neither. */
export function parseTier(text: string): TierCode | undefined {
  const wanted = normalise(text);
  return TIERS.find((t) => t.code === wanted || t.label.toLowerCase() === wanted)?.code;
}

/** yes/no, true/false, 1/0, empty = no; undefined for anything else. */
export function parseWaiver(text: string): boolean | undefined {
  const value = normalise(text);
  if (["", "no", "false", "0", "n"].includes(value)) return false;
  if (["yes", "true", "1", "y"].includes(value)) return true;
  return undefined;
}

/** Finds a country by name or id, ignoring case, accents and punctuation. */
export function countryFinder(countries: readonly CountryRef[]): (text: string) => CountryRef | undefined {
  const byKey = new Map<string, CountryRef>();
  for (const c of countries) {
    byKey.set(normalise(c.name), c);
    byKey.set(c.id, c);
    byKey.set(slugify(c.name), c);
  }
  return (text) => {
    const wanted = normalise(text);
    if (!wanted) return undefined;
    return byKey.get(wanted) ?? byKey.get(slugify(wanted));
  };
}

/** One physical line as CSV cells (quoted fields may hold commas; a placement never spans lines). */
function cellsOf(line: string): { cells: string[]; problem?: string } {
  const parsed = Papa.parse<string[]>(line, { header: false });
  const quoting = parsed.errors.find((e) => e.type === "Quotes");
  return { cells: parsed.data[0] ?? [], ...(quoting ? { problem: quoting.message } : {}) };
}

export function parseTierHistoryCsv(csv: string, reference: TierHistoryCsvReference): TierHistoryCsvResult {
  const physical = csv.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const numbered = physical.map((text, i) => ({ line: i + 1, text })).filter((l) => l.text.replace(/[\s,]/g, "") !== "");
  const [headerLine, ...lines] = numbered;
  if (!headerLine) return { ok: false, problem: "The CSV is empty; expected a header line country,year,tier,waiver and one line per placement." };
  for (const l of numbered) {
    const { problem } = cellsOf(l.text);
    if (problem) return { ok: false, problem: `The CSV cannot be read at line ${l.line}: ${problem} (a quoted field must close on the same line).` };
  }
  const headerCells = cellsOf(headerLine.text).cells;
  const header = headerCells.map((h) => h.trim().toLowerCase());
  const missing = TIER_HISTORY_COLUMNS.filter((c) => c !== "waiver" && !header.includes(c));
  if (missing.length) {
    return {
      ok: false,
      problem: `The header line lacks column(s) ${missing.join(", ")}; expected ${TIER_HISTORY_COLUMNS.join(",")} (found "${headerLine.text.trim()}").`,
    };
  }
  const unknown = header.filter((h) => !(TIER_HISTORY_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) return { ok: false, problem: `Unknown column(s) ${unknown.join(", ")} in the header line; expected ${TIER_HISTORY_COLUMNS.join(",")}.` };
  if (lines.length === 0) return { ok: false, problem: "The CSV has a header line but no placements." };

  const findCountry = countryFinder(reference.countries);
  const reasonsByLine = new Map<number, string[]>();
  const addReason = (line: number, reason: string) => reasonsByLine.set(line, [...(reasonsByLine.get(line) ?? []), reason]);
  const candidates: (TierHistoryRow | null)[] = [];
  const written: { line: number; country: string; year: string }[] = [];
  // Rows whose country and year resolved, by country|year, to find duplicates and conflicts.
  const seen = new Map<string, { line: number; tier: TierCode | undefined; waiver: boolean | undefined }[]>();

  for (const { line, text } of lines) {
    const cells = cellsOf(text).cells;
    const column = (name: string) => {
      const i = header.indexOf(name);
      return i < 0 ? "" : (cells[i] ?? "").trim();
    };
    const countryText = column("country");
    const yearText = column("year");
    const tierText = column("tier");
    const waiverText = column("waiver");
    written.push({ line, country: countryText, year: yearText });
    const reasons: string[] = [];
    if (cells.length !== header.length) reasons.push(`expected ${header.length} fields (${header.join(",")}), found ${cells.length}`);

    const country = findCountry(countryText);
    if (!countryText) reasons.push("country is empty");
    else if (!country) reasons.push(`unknown country "${countryText}" (use the name or id in the countries list)`);

    let year: number | undefined;
    if (!/^\d{4}$/.test(yearText)) reasons.push(`year "${yearText}" is not a four-digit year`);
    else {
      year = Number(yearText);
      if (year < FIRST_REPORT_YEAR || year > reference.maxYear) {
        reasons.push(`year ${year} is outside ${FIRST_REPORT_YEAR}..${reference.maxYear} (the first report to the year before the newest cycle)`);
        year = undefined;
      }
    }

    const tier = parseTier(tierText);
    if (!tier) reasons.push(`unknown tier "${tierText}" (use ${TIERS.map((t) => `"${t.label}"`).join(", ")} or their codes)`);
    const waiver = parseWaiver(waiverText);
    if (waiver === undefined) reasons.push(`waiver "${waiverText}" must be yes or no (true/false, 1/0, or empty)`);
    if (waiver === true && tier && tier !== "tier2wl") reasons.push(`a waiver is only used on a Tier 2 Watch List year, not ${tierLabel(tier)}`);

    if (country && year !== undefined) {
      const key = `${country.id}|${year}`;
      const earlier = seen.get(key) ?? [];
      for (const e of earlier) {
        if (e.tier === tier && e.waiver === waiver) reasons.push(`duplicate of line ${e.line} (${country.name} ${year})`);
        else {
          const why = `${country.name} ${year} is given twice with a different tier or waiver`;
          reasons.push(`conflicts with line ${e.line} (${why})`);
          addReason(e.line, `conflicts with line ${line} (${why})`);
        }
      }
      seen.set(key, [...earlier, { line, tier, waiver }]);
    }
    for (const r of reasons) addReason(line, r);
    candidates.push(
      reasons.length === 0 && country && year !== undefined && tier && waiver !== undefined
        ? { line, countryId: country.id, countryName: country.name, year, tier, waiverUsed: waiver }
        : null,
    );
  }

  // Decided after every line was read: a later line may make an earlier one conflicting.
  const rows: TierHistoryRow[] = [];
  const rejected: RejectedTierHistoryRow[] = [];
  written.forEach((w, i) => {
    const reasons = reasonsByLine.get(w.line) ?? [];
    const row = candidates[i];
    if (row && reasons.length === 0) rows.push(row);
    else rejected.push({ ...w, reasons });
  });
  return { ok: true, rows, rejected };
}

/** A stored placement, as the plan compares against it. */
export interface StoredPlacement {
  countryId: string;
  year: number;
  tier: TierCode;
  waiverUsed: boolean;
  source: TierHistorySource;
}

export type ImportOutcome = "inserted" | "updated" | "unchanged" | "rejected";

export interface PlannedRow {
  line: number;
  outcome: ImportOutcome;
  country: string;
  countryId: string | null;
  year: number | null;
  tier: TierCode | null;
  waiverUsed: boolean | null;
  /** What is stored now (updated and unchanged rows). */
  before: { tier: TierCode; waiverUsed: boolean; source: TierHistorySource } | null;
  reasons: string[];
}

export interface TierHistoryImportPlan {
  rows: PlannedRow[];
  counts: Record<ImportOutcome, number>;
  /** The inserted and updated rows: what a real run writes. */
  writes: TierHistoryRow[];
}

/**
 * Compares the file's rows with what is stored. A placement written by a cycle's release is the
 * report as published and is not overwritten by an import; a country's waiver may be used once.
 */
export function planTierHistoryImport(
  parsed: { rows: TierHistoryRow[]; rejected: RejectedTierHistoryRow[] },
  stored: readonly StoredPlacement[],
): TierHistoryImportPlan {
  const storedByKey = new Map(stored.map((s) => [`${s.countryId}|${s.year}`, s]));
  const fileKeys = new Set(parsed.rows.map((r) => `${r.countryId}|${r.year}`));
  const waiverYears = new Map<string, Set<number>>();
  const addWaiver = (countryId: string, year: number) => waiverYears.set(countryId, (waiverYears.get(countryId) ?? new Set()).add(year));
  for (const s of stored) if (s.waiverUsed && !fileKeys.has(`${s.countryId}|${s.year}`)) addWaiver(s.countryId, s.year);
  for (const r of parsed.rows) if (r.waiverUsed) addWaiver(r.countryId, r.year);

  const rows: PlannedRow[] = parsed.rejected.map((r) => ({
    line: r.line,
    outcome: "rejected",
    country: r.country,
    countryId: null,
    year: /^\d{4}$/.test(r.year) ? Number(r.year) : null,
    tier: null,
    waiverUsed: null,
    before: null,
    reasons: r.reasons,
  }));
  const writes: TierHistoryRow[] = [];
  for (const r of parsed.rows) {
    const before = storedByKey.get(`${r.countryId}|${r.year}`);
    const base = {
      line: r.line,
      country: r.countryName,
      countryId: r.countryId,
      year: r.year,
      tier: r.tier,
      waiverUsed: r.waiverUsed,
      before: before ? { tier: before.tier, waiverUsed: before.waiverUsed, source: before.source } : null,
    };
    const reasons: string[] = [];
    const same = before && before.tier === r.tier && before.waiverUsed === r.waiverUsed;
    if (before?.source === "release" && !same)
      reasons.push(`${r.countryName} ${r.year} was placed by the release of the ${r.year} report and is not changed by an import`);
    const otherWaivers = [...(waiverYears.get(r.countryId) ?? [])].filter((y) => y !== r.year).sort();
    if (r.waiverUsed && otherWaivers.length)
      reasons.push(`the waiver of the automatic downgrade is granted only once; ${r.countryName} also has it in ${otherWaivers.join(", ")}`);
    if (reasons.length) rows.push({ ...base, outcome: "rejected", reasons });
    else if (!before) {
      rows.push({ ...base, outcome: "inserted", reasons });
      writes.push(r);
    } else if (same) rows.push({ ...base, outcome: "unchanged", reasons });
    else {
      rows.push({ ...base, outcome: "updated", reasons });
      writes.push(r);
    }
  }
  rows.sort((a, b) => a.line - b.line);
  const counts: Record<ImportOutcome, number> = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const r of rows) counts[r.outcome]++;
  return { rows, counts, writes };
}
