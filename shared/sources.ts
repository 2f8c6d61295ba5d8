/**
 * The request for information and its submissions (docs/sources.md): what a submission may be,
 * how its ids look (the editor's citations name one), the upload limits, and the days left.
 */
export const SOURCE_TOPICS = ["prosecution", "protection", "prevention", "profile"] as const;
export type SourceTopic = (typeof SOURCE_TOPICS)[number];

export const SOURCE_TOPIC_LABELS: Record<SourceTopic, string> = {
  prosecution: "Prosecution",
  protection: "Protection",
  prevention: "Prevention",
  profile: "Trafficking profile",
};

/** `sub_` and 8 to 32 lowercase letters or digits: made by the worker, checked wherever a citation names one. */
export const SUBMISSION_ID_PATTERN = /^sub_[a-z0-9]{8,32}$/;

export function isSubmissionId(value: unknown): value is string {
  return typeof value === "string" && SUBMISSION_ID_PATTERN.test(value);
}

/** A new random id (`sub_` + 20 base-36 characters) for a submission or one of its files (`file_`). */
export function newSourceId(prefix: "sub" | "file"): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return `${prefix}_${Array.from(bytes, (b) => (b % 36).toString(36)).join("")}`;
}

/** One file at most this large; at most this many files per submission. */
export const SUBMISSION_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const SUBMISSION_MAX_FILES = 5;
/** The whole multipart upload (files, fields and envelope): worker/app.ts refuses a larger body before it is read. */
export const SUBMISSION_UPLOAD_MAX_BYTES = 25 * 1024 * 1024;
/** The multipart form field(s) that carry files. */
export const SUBMISSION_FILE_FIELD = "files";

/** What a citation shows as its note: who sent the submission and when. */
export function citationLabel(submission: { organisation: string; receivedOn: string }): string {
  return `${submission.organisation}, submission received ${submission.receivedOn}`.slice(0, MAX_CITATION_LABEL);
}
export const MAX_CITATION_LABEL = 300;

/** Whole days from `today` to `deadline` (both YYYY-MM-DD): 0 on the day itself, negative once it has passed. */
export function daysUntil(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export type RfiStatus = "not_open" | "open" | "closed";

/** Before the opening date, from it through the deadline, after the deadline. */
export function rfiStatus(rfi: { opensOn: string; deadline: string }, today: string): RfiStatus {
  if (today < rfi.opensOn) return "not_open";
  return today <= rfi.deadline ? "open" : "closed";
}

/**
 * Whether someone may file submissions at all (the form is shown to them): administrators, and
 * "regional staff", drafters or reviewers with a region or global grant. Which countries each may
 * file for is the worker's policy (worker/policy/policy.ts canFileSubmissionFor).
 */
export function mayFileSubmissionsWith(grants: readonly { role: string; scopeType: string }[]): boolean {
  return grants.some((g) => g.role === "admin" || ((g.role === "drafter" || g.role === "reviewer") && g.scopeType !== "country"));
}
