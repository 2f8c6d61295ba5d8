/**
 * Law-enforcement figures: what each country narrative reports (investigations, prosecutions,
 * convictions and victims identified, each as a total and a labor-trafficking-only count, plus new
 * or amended legislation), the rules a set of figures must meet, and the regional and global sums
 * the report's tables print ("Trafficking Numbers", "Global Law Enforcement Data").
 *
 * A figure is a non-negative whole number, or null when the government did not report it; sums
 * count only reported figures and say how many countries reported each one.
 */
import { REGION_CODES, REGIONS, type RegionCode } from "./regions.ts";

/** The four counted measures, each a total and a labor-only part, in the order the report prints them. */
export const MEASURES = [
  { total: "prosecutions", labor: "prosecutionsLabor", label: "Prosecutions" },
  { total: "convictions", labor: "convictionsLabor", label: "Convictions" },
  { total: "victimsIdentified", labor: "victimsIdentifiedLabor", label: "Victims identified" },
  { total: "investigations", labor: "investigationsLabor", label: "Investigations" },
] as const;

export type Measure = (typeof MEASURES)[number];

/** Every figure a narrative carries, with the label the report prints. */
export const FIGURE_FIELDS = [
  ...MEASURES.flatMap((m) => [
    { key: m.total, label: m.label },
    { key: m.labor, label: `${m.label} (labor)` },
  ]),
  { key: "newOrAmendedLaws", label: "New or amended legislation" },
] as const;

export type FigureField = (typeof FIGURE_FIELDS)[number]["key"];
export const FIGURE_FIELD_KEYS = FIGURE_FIELDS.map((f) => f.key) as [FigureField, ...FigureField[]];

/** The columns of the report's published tables (they carry no investigations). */
export const TABLE_FIELDS = [
  "prosecutions",
  "prosecutionsLabor",
  "convictions",
  "convictionsLabor",
  "victimsIdentified",
  "victimsIdentifiedLabor",
  "newOrAmendedLaws",
] as const satisfies readonly FigureField[];
export type TableField = (typeof TABLE_FIELDS)[number];

/** A narrative's figures: null = not reported. */
export type Figures = Record<FigureField, number | null>;
/** One row of a published table: every column filled. */
export type TableValues = Record<TableField, number>;

/** Larger than any country has reported (the global victims identified in 2023 were 133,948); catches typing slips. */
export const MAX_FIGURE = 10_000_000;

export interface FieldError {
  field: FigureField;
  message: string;
}

export function figureLabel(field: FigureField): string {
  return FIGURE_FIELDS.find((f) => f.key === field)!.label;
}

/** The total a labor-only field is part of, or null for a field that is not a labor-only part. */
export function totalOf(field: FigureField): FigureField | null {
  return MEASURES.find((m) => m.labor === field)?.total ?? null;
}

export const noFigures = (): Figures => Object.fromEntries(FIGURE_FIELD_KEYS.map((k) => [k, null])) as Figures;

/** Reads a loose input (missing, undefined or null = not reported) into figures; values are kept as given for validateFigures. */
export function figuresFrom(input: Partial<Record<FigureField, unknown>>): Record<FigureField, unknown> {
  return Object.fromEntries(FIGURE_FIELD_KEYS.map((k) => [k, input[k] ?? null])) as Record<FigureField, unknown>;
}

const formatCount = (n: number) => n.toLocaleString("en-US");

/**
 * Every rule a set of figures breaks, one error per field (the first rule it breaks):
 * each figure a whole number from 0 to MAX_FIGURE, or not reported; a labor-only count never above
 * its total, and never given while the total is not reported.
 */
export function validateFigures(input: Partial<Record<FigureField, unknown>>): FieldError[] {
  const values = figuresFrom(input);
  const errors: FieldError[] = [];
  const valid = new Set<FigureField>();
  for (const { key, label } of FIGURE_FIELDS) {
    const value = values[key];
    if (value === null) continue;
    if (typeof value !== "number" || !Number.isFinite(value))
      errors.push({ field: key, message: `${label} must be a number (or left empty when not reported).` });
    else if (!Number.isInteger(value)) errors.push({ field: key, message: `${label} must be a whole number.` });
    else if (value < 0) errors.push({ field: key, message: `${label} cannot be negative.` });
    else if (value > MAX_FIGURE) errors.push({ field: key, message: `${label} cannot be more than ${formatCount(MAX_FIGURE)}.` });
    else valid.add(key);
  }
  for (const m of MEASURES) {
    if (!valid.has(m.labor)) continue;
    const labor = values[m.labor] as number;
    const total = values[m.total];
    if (total === null) errors.push({ field: m.labor, message: `${m.label} (labor) is given but ${m.label} is not: enter the total too.` });
    else if (valid.has(m.total) && labor > (total as number)) {
      errors.push({
        field: m.labor,
        message: `${m.label} (labor) cannot be more than ${m.label} (${formatCount(labor)} > ${formatCount(total as number)}): labor cases are part of the total.`,
      });
    }
  }
  return errors;
}

/** The fields whose values differ, with before and after (for the audit trail). */
export function changedFigures(before: Figures, after: Figures): Partial<Record<FigureField, { before: number | null; after: number | null }>> {
  const changes: Partial<Record<FigureField, { before: number | null; after: number | null }>> = {};
  for (const key of FIGURE_FIELD_KEYS) if (before[key] !== after[key]) changes[key] = { before: before[key], after: after[key] };
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Sums of the narratives' figures (the cycle's own year)

export interface FigureSum {
  /** Sum of the reported values (0 when nobody reported). */
  totals: Record<FigureField, number>;
  /** How many countries reported each figure. */
  reporting: Record<FigureField, number>;
  /** How many country narratives the sum covers (reported or not). */
  countries: number;
}

const zeros = () => Object.fromEntries(FIGURE_FIELD_KEYS.map((k) => [k, 0])) as Record<FigureField, number>;

export function sumFigures(rows: readonly (Figures | null)[]): FigureSum {
  const sum: FigureSum = { totals: zeros(), reporting: zeros(), countries: rows.length };
  for (const row of rows) {
    if (!row) continue;
    for (const key of FIGURE_FIELD_KEYS) {
      const value = row[key];
      if (value === null) continue;
      sum.totals[key] += value;
      sum.reporting[key] += 1;
    }
  }
  return sum;
}

/** Per region (every region, in report order) and global sums of the narratives' figures; a null figures = nothing entered yet. */
export function sumByRegion(narratives: readonly { regionCode: string; figures: Figures | null }[]): {
  regions: ({ regionCode: RegionCode } & FigureSum)[];
  global: FigureSum;
} {
  return {
    regions: REGION_CODES.map((regionCode) => ({ regionCode, ...sumFigures(narratives.filter((n) => n.regionCode === regionCode).map((n) => n.figures)) })),
    global: sumFigures(narratives.map((n) => n.figures)),
  };
}

// ---------------------------------------------------------------------------------------------
// Consistency of a published year: the global row should equal the sum of the six regional rows

export interface PublishedRow {
  scope: "GLOBAL" | RegionCode;
  values: TableValues;
  note: string | null;
}

export interface RegionFlag {
  /** duplicates_region: the row repeats another region's row; marked_unreliable: the source marks it. */
  kind: "duplicates_region" | "marked_unreliable";
  duplicateOf: RegionCode | null;
  reason: string;
  /** The global row minus the other five regions, when this region is the only one in doubt. */
  derived: TableValues | null;
}

export interface PublishedYearCheck {
  year: number;
  consistent: boolean;
  global: TableValues | null;
  /** Global minus the sum of the regions, per column (all zero when consistent). */
  difference: TableValues | null;
  regions: { regionCode: RegionCode; values: TableValues | null; note: string | null; flag: RegionFlag | null }[];
  /** Why the year does not add up, when no single region explains it. */
  problem: string | null;
}

const regionName = (code: RegionCode) => REGIONS.find((r) => r.code === code)!.name;

const sameValues = (a: TableValues, b: TableValues) => TABLE_FIELDS.every((f) => a[f] === b[f]);

function subtract(from: TableValues, rows: readonly TableValues[]): TableValues {
  return Object.fromEntries(TABLE_FIELDS.map((f) => [f, rows.reduce((left, r) => left - r[f], from[f])])) as TableValues;
}

/** "1,387 prosecutions (…) " for the columns the report prints, e.g. for the derived values. */
export function describeValues(values: TableValues): string {
  return [
    `${formatCount(values.prosecutions)} prosecutions (${formatCount(values.prosecutionsLabor)} labor)`,
    `${formatCount(values.convictions)} convictions (${formatCount(values.convictionsLabor)} labor)`,
    `${formatCount(values.victimsIdentified)} victims identified (${formatCount(values.victimsIdentifiedLabor)} labor)`,
    `${formatCount(values.newOrAmendedLaws)} new or amended laws`,
  ].join(", ");
}

/**
 * Checks one published year. When the regions do not add up to the global row, a region is
 * suspect when its row repeats another region's row exactly (the later one in report order is the
 * repeat, unless only the earlier is marked by a note) or when the source marks it (a note); a
 * single suspect gets the derived values, the global row minus the other five regions.
 */
export function checkPublishedYear(year: number, rows: readonly PublishedRow[]): PublishedYearCheck {
  const global = rows.find((r) => r.scope === "GLOBAL") ?? null;
  const byRegion = new Map(rows.filter((r) => r.scope !== "GLOBAL").map((r) => [r.scope as RegionCode, r]));
  const present = REGION_CODES.filter((code) => byRegion.has(code));
  const missing = REGION_CODES.filter((code) => !byRegion.has(code));
  const difference = global
    ? subtract(
        global.values,
        present.map((code) => byRegion.get(code)!.values),
      )
    : null;
  const consistent = global !== null && missing.length === 0 && TABLE_FIELDS.every((f) => difference![f] === 0);
  const check: PublishedYearCheck = {
    year,
    consistent,
    global: global?.values ?? null,
    difference,
    regions: REGION_CODES.map((regionCode) => ({
      regionCode,
      values: byRegion.get(regionCode)?.values ?? null,
      note: byRegion.get(regionCode)?.note ?? null,
      flag: null,
    })),
    problem: null,
  };
  if (consistent) return check;
  if (!global) return { ...check, problem: `The ${year} table has no global row to check the regions against.` };
  if (missing.length > 0) return { ...check, problem: `The ${year} table has no row for ${missing.map(regionName).join(", ")}.` };

  const suspects = new Map<RegionCode, Omit<RegionFlag, "derived">>();
  for (const [i, a] of present.entries()) {
    for (const b of present.slice(i + 1)) {
      if (!sameValues(byRegion.get(a)!.values, byRegion.get(b)!.values)) continue;
      const repeat = byRegion.get(a)!.note && !byRegion.get(b)!.note ? a : b;
      const original = repeat === a ? b : a;
      suspects.set(repeat, {
        kind: "duplicates_region",
        duplicateOf: original,
        reason: `The ${regionName(repeat)} row repeats the ${regionName(original)} row in every column, and the six regions do not add up to the global row.`,
      });
    }
  }
  for (const code of present) {
    const note = byRegion.get(code)!.note;
    if (note && !suspects.has(code)) {
      suspects.set(code, {
        kind: "marked_unreliable",
        duplicateOf: null,
        reason: `The ${regionName(code)} row is marked in the source (${note}), and the six regions do not add up to the global row.`,
      });
    }
  }
  if (suspects.size === 0) {
    return {
      ...check,
      problem: `The six regions do not add up to the global row (global minus regions: ${TABLE_FIELDS.map((f) => `${figureLabel(f)} ${formatCount(difference![f])}`).join(", ")}); no single region is in doubt.`,
    };
  }
  const single = suspects.size === 1;
  check.regions = check.regions.map((row) => {
    const suspect = suspects.get(row.regionCode);
    if (!suspect) return row;
    if (!single)
      return { ...row, flag: { ...suspect, reason: `${suspect.reason} More than one region is in doubt, so no value can be derived.`, derived: null } };
    const derived = subtract(
      global.values,
      present.filter((c) => c !== row.regionCode).map((c) => byRegion.get(c)!.values),
    );
    const negative = TABLE_FIELDS.filter((f) => derived[f] < 0);
    const reason = `${suspect.reason} The global row minus the other five regions gives ${regionName(row.regionCode)} ${describeValues(derived)}.${
      negative.length > 0 ? ` Some derived values are negative (${negative.map(figureLabel).join(", ")}), so the global row is in doubt too.` : ""
    }`;
    return { ...row, flag: { ...suspect, reason, derived } };
  });
  return { ...check, problem: single ? null : `More than one region is in doubt (${[...suspects.keys()].map(regionName).join(", ")}).` };
}
