/**
 * The CSV a batch of submissions is filed from (`POST /api/cycles/:year/submissions/import`):
 * `organisation,contact,received_on,countries,topics,summary,link`, one submission per row.
 * Pure, so every rule is tested table by table; the worker reads the countries and writes the rows.
 *
 * - countries: names or ids from the countries list, separated by `;` (one or many).
 * - topics: prosecution, protection, prevention, profile (or "trafficking profile"), separated by `;`; may be empty.
 * - received_on: YYYY-MM-DD, a real date, not after today.
 * - link: empty or an http(s) address.
 * A row identical to another row of the file, or to a submission already filed (same organisation,
 * date, countries and summary), is rejected as a duplicate, so importing a file twice files nothing twice.
 */
import Papa from "papaparse";
import { SubmissionFieldsSchema, type SubmissionFields } from "./api/sources.ts";
import { SOURCE_TOPICS, type SourceTopic } from "./sources.ts";
import { countryFinder, type CountryRef } from "./tier-history-csv.ts";

export const SUBMISSION_CSV_COLUMNS = ["organisation", "contact", "received_on", "countries", "topics", "summary", "link"] as const;
const REQUIRED = ["organisation", "received_on", "countries", "summary"];

export interface SubmissionCsvReference {
  countries: readonly CountryRef[];
  today: string;
  /** `duplicateKey` of every submission already filed in the cycle. */
  existing: ReadonlySet<string>;
}

export interface SubmissionCsvLine {
  line: number;
  organisation: string;
  receivedOn: string | null;
  countryIds: string[];
  topics: SourceTopic[];
  reasons: string[];
}

export type SubmissionCsvResult =
  | { ok: true; accepted: (SubmissionCsvLine & { fields: SubmissionFields })[]; rejected: SubmissionCsvLine[] }
  | { ok: false; problem: string };

/** Same sender, date, countries and summary: the same submission. */
export function duplicateKey(s: { organisation: string; receivedOn: string; countryIds: readonly string[]; summary: string }): string {
  const norm = (t: string) => t.trim().toLowerCase().replace(/\s+/g, " ");
  return [norm(s.organisation), s.receivedOn, [...s.countryIds].sort().join(";"), norm(s.summary)].join("|");
}

function parseTopic(text: string): SourceTopic | undefined {
  const t = text.trim().toLowerCase();
  if (t === "trafficking profile") return "profile";
  return (SOURCE_TOPICS as readonly string[]).includes(t) ? (t as SourceTopic) : undefined;
}

function isRealDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const time = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === d;
}
const split = (cell: string) =>
  cell
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean);

export function parseSubmissionsCsv(csv: string, reference: SubmissionCsvReference): SubmissionCsvResult {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, "").trim(), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const quoting = parsed.errors.find((e) => e.type === "Quotes");
  if (quoting) return { ok: false, problem: `The CSV cannot be read near row ${(quoting.row ?? 0) + 2}: ${quoting.message}.` };
  const header = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) return { ok: false, problem: `The header line lacks column(s) ${missing.join(", ")}; expected ${SUBMISSION_CSV_COLUMNS.join(",")}.` };
  const unknown = header.filter((h) => !(SUBMISSION_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) return { ok: false, problem: `Unknown column(s) ${unknown.join(", ")}; expected ${SUBMISSION_CSV_COLUMNS.join(",")}.` };
  if (!parsed.data.length) return { ok: false, problem: "The CSV has a header line but no submissions." };

  const findCountry = countryFinder(reference.countries);
  const accepted: (SubmissionCsvLine & { fields: SubmissionFields })[] = [];
  const rejected: SubmissionCsvLine[] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((raw, index) => {
    const line = index + 2;
    const cell = (name: string) => (raw[name] ?? "").trim();
    const reasons: string[] = [];
    const countryIds: string[] = [];
    for (const name of split(cell("countries"))) {
      const country = findCountry(name);
      if (!country) reasons.push(`unknown country "${name}" (use the name or id in the countries list)`);
      else if (!countryIds.includes(country.id)) countryIds.push(country.id);
    }
    const topics: SourceTopic[] = [];
    for (const name of split(cell("topics"))) {
      const topic = parseTopic(name);
      if (!topic) reasons.push(`unknown topic "${name}" (one of ${SOURCE_TOPICS.join(", ")})`);
      else if (!topics.includes(topic)) topics.push(topic);
    }
    const receivedOn = cell("received_on");
    if (!isRealDate(receivedOn)) reasons.push(`received_on "${receivedOn}" is not a date as YYYY-MM-DD`);
    else if (receivedOn > reference.today) reasons.push(`received_on ${receivedOn} is after today (${reference.today})`);
    const result = SubmissionFieldsSchema.safeParse({
      organisation: cell("organisation"),
      contact: cell("contact"),
      receivedOn: isRealDate(receivedOn) ? receivedOn : "2000-01-01",
      // Unknown names are reported above; the schema only needs to hear whether any were given.
      countries: countryIds.length ? countryIds : split(cell("countries")).length ? ["unknown"] : [],
      topics,
      summary: cell("summary"),
      link: cell("link") || null,
    });
    if (!result.success) for (const issue of result.error.issues) reasons.push(`${issue.path.join(".") || "row"}: ${issue.message}`);
    const organisation = cell("organisation");
    const summary = cell("summary");
    const outcome: SubmissionCsvLine = { line, organisation, receivedOn: isRealDate(receivedOn) ? receivedOn : null, countryIds, topics, reasons };
    if (!reasons.length && result.success) {
      const key = duplicateKey({ organisation, receivedOn, countryIds, summary });
      if (reference.existing.has(key)) reasons.push("already filed: a submission with the same organisation, date, countries and summary exists");
      else if (seen.has(key)) reasons.push(`duplicate of line ${seen.get(key)}`);
      else {
        seen.set(key, line);
        accepted.push({ ...outcome, fields: result.data });
        return;
      }
    }
    rejected.push(outcome);
  });
  return { ok: true, accepted, rejected };
}
