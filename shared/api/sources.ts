/**
 * The request for information and its submissions (docs/sources.md): the cycle's request
 * (GET/PUT /api/cycles/:year/rfi), submissions (list, file, one, its files), the CSV import and
 * the coverage of countries.
 */
import { z } from "@hono/zod-openapi";
import { ALLOWED_FILE_TYPES } from "../file-sniff.ts";
import { SOURCE_TOPICS, SUBMISSION_ID_PATTERN } from "../sources.ts";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const Topic = z.enum(SOURCE_TOPICS);

export const RfiInputSchema = z
  .object({
    opensOn: IsoDate,
    deadline: IsoDate,
    notice: z.string().trim().min(1).max(20_000),
  })
  .strict()
  .refine((r) => r.opensOn <= r.deadline, { message: "the deadline is on or after the opening date", path: ["deadline"] })
  .openapi("RequestForInformationInput");

export const RfiSchema = z
  .object({
    cycleYear: z.number().int(),
    opensOn: z.string(),
    deadline: z.string(),
    notice: z.string(),
    status: z.enum(["not_open", "open", "closed"]),
    /** Days from today to the deadline: 0 on the day, negative once it has passed. */
    daysLeft: z.number().int(),
    today: z.string(),
    submissions: z.number().int().openapi({ description: "Submissions filed for the cycle that the caller may see" }),
    updatedAt: z.string(),
  })
  .openapi("RequestForInformation");

/** `rfi: null` when the cycle has no request yet. */
export const RfiResponseSchema = z.object({ rfi: RfiSchema.nullable(), youMayEdit: z.boolean() });

export const SubmissionFileSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    contentType: z.enum(Object.keys(ALLOWED_FILE_TYPES) as [keyof typeof ALLOWED_FILE_TYPES, ...(keyof typeof ALLOWED_FILE_TYPES)[]]),
    bytes: z.number().int(),
    sha256: z.string(),
    /** Where to download it (always as an attachment). */
    href: z.string(),
  })
  .openapi("SubmissionFile");

export const SubmissionSchema = z
  .object({
    id: z.string().regex(SUBMISSION_ID_PATTERN),
    cycleYear: z.number().int(),
    organisation: z.string(),
    contact: z.string(),
    receivedOn: z.string(),
    countries: z.array(z.object({ id: z.string(), name: z.string(), regionCode: z.string() })),
    topics: z.array(Topic),
    summary: z.string(),
    link: z.string().nullable(),
    files: z.array(SubmissionFileSchema),
    filedBy: z.object({ id: z.string(), name: z.string() }),
    filedAt: z.string(),
    /** What a citation of it shows as its note. */
    citationLabel: z.string(),
  })
  .openapi("Submission");

export const SubmissionListSchema = z.object({ submissions: z.array(SubmissionSchema), total: z.number().int() }).openapi("SubmissionList");

/** The fields of a new submission (multipart form fields; `countries` and `topics` repeat or are comma/semicolon separated). */
export const SubmissionFieldsSchema = z
  .object({
    organisation: z.string().trim().min(1, "name the organisation or person who sent it").max(200),
    contact: z.string().trim().max(300).default(""),
    receivedOn: IsoDate,
    countries: z.array(z.string().min(1).max(80)).min(1, "name at least one country").max(200),
    topics: z.array(Topic).max(SOURCE_TOPICS.length).default([]),
    summary: z.string().trim().min(1, "summarise what it says").max(5_000),
    link: z
      .url({ protocol: /^https?$/, error: "a web address (http or https)" })
      .max(2_000)
      .nullable()
      .default(null),
  })
  .strict();

export const SubmissionImportLineSchema = z.object({
  line: z.number().int().openapi({ description: "Line in the file (the header is line 1)" }),
  organisation: z.string(),
  receivedOn: z.string().nullable(),
  countryIds: z.array(z.string()),
  topics: z.array(Topic),
  reasons: z.array(z.string()).openapi({ description: "Why the line is rejected (empty when accepted)" }),
});

/** A 422 `import_rejected` carries the same report in `error.details`. */
export const SubmissionImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean(),
    counts: z.object({ accepted: z.number().int(), rejected: z.number().int() }),
    accepted: z.array(SubmissionImportLineSchema),
    rejected: z.array(SubmissionImportLineSchema),
    /** The new submissions' ids (a real run). */
    created: z.array(z.string()),
  })
  .openapi("SubmissionImportReport");

export const CoverageSchema = z
  .object({
    cycleYear: z.number().int(),
    deadline: z.string().nullable(),
    daysLeft: z.number().int().nullable(),
    totalSubmissions: z.number().int(),
    regions: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        countries: z.number().int(),
        covered: z.number().int(),
        /** The region's countries with no submission yet, by name. */
        without: z.array(z.object({ id: z.string(), name: z.string() })),
        /** Every country of the region with its count, most first. */
        counts: z.array(z.object({ id: z.string(), name: z.string(), submissions: z.number().int() })),
      }),
    ),
  })
  .openapi("SourceCoverage");

export type Rfi = z.infer<typeof RfiSchema>;
export type RfiResponse = z.infer<typeof RfiResponseSchema>;
export type Submission = z.infer<typeof SubmissionSchema>;
export type SubmissionList = z.infer<typeof SubmissionListSchema>;
export type SubmissionFields = z.infer<typeof SubmissionFieldsSchema>;
export type SubmissionImportReport = z.infer<typeof SubmissionImportReportSchema>;
export type SourceCoverage = z.infer<typeof CoverageSchema>;
