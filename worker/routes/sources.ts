/**
 * A cycle's request for information and its submissions (docs/sources.md):
 * `GET|PUT /api/cycles/{year}/rfi`, `GET|POST /api/cycles/{year}/submissions`,
 * `POST /api/cycles/{year}/submissions/import` (CSV, `?dryRun=true`) and
 * `GET /api/cycles/{year}/sources/coverage`. One submission and its files: routes/submissions.ts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  CoverageSchema,
  RfiInputSchema,
  RfiResponseSchema,
  SubmissionImportReportSchema,
  SubmissionListSchema,
  SubmissionSchema,
} from "#shared/api/sources.ts";
import { SOURCE_TOPICS, SUBMISSION_FILE_FIELD, SUBMISSION_FILE_MAX_BYTES, SUBMISSION_MAX_FILES } from "#shared/sources.ts";
import { cycleCaller } from "../cycles/cycle-caller.ts";
import { createRouter, errorResponse, jsonContent, readErrors, writeErrors } from "../http/router.ts";
import { assertCanEditRfi, assertCanFileSubmission, assertMayFileSubmissions, hasRole, listScope } from "../policy/policy.ts";
import { sourceCoverage } from "../sources/coverage.ts";
import { findRfi, saveRfi } from "../sources/rfi.ts";
import { importSubmissions } from "../sources/submission-import.ts";
import { findSubmission, listSubmissions, namedCountriesScope } from "../sources/submission-queries.ts";
import { fileSubmission } from "../sources/submission-store.ts";
import { readSubmissionForm } from "../sources/submission-upload.ts";
import { YearParam } from "./schemas.ts";

export const sourceRoutes = createRouter();

/** The paths whose bodies may be as large as a submission's files (worker/app.ts gives them their own limit). */
export const SUBMISSION_UPLOAD_PATH = /^\/api\/cycles\/\d+\/submissions$/;
export const SUBMISSION_IMPORT_PATH = /^\/api\/cycles\/\d+\/submissions\/import$/;

const MB = SUBMISSION_FILE_MAX_BYTES / 1024 / 1024;
const FILING_RULE =
  "Filed by administrators, and by drafting officers or reviewers whose region grant covers every concerned country (embassy officers, clearers and leadership read but do not file).";
const audit = (user: { id: string; email: string }, requestId: string) => ({ actor: { id: user.id, email: user.email }, requestId });

sourceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/rfi",
    summary: "The cycle's request for information: opening date, deadline, notice, days left",
    description: "Anyone signed in. `rfi` is null until an administrator opens it; `submissions` counts those the caller may see.",
    tags: ["Sources"],
    request: { params: YearParam },
    responses: { 200: jsonContent(RfiResponseSchema, "The request, or null"), ...readErrors },
  }),
  async (c) => {
    const { year } = c.req.valid("param");
    const { user, db } = await cycleCaller(c, year);
    return c.json({ rfi: await findRfi(db, year, listScope(user)), youMayEdit: hasRole(user, "admin") }, 200);
  },
);

sourceRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{year}/rfi",
    summary: "Open or change the cycle's request for information",
    description: "Administrators. Audited as `rfi.open` (first time) or `rfi.update`.",
    tags: ["Sources"],
    request: { params: YearParam, body: { required: true, content: { "application/json": { schema: RfiInputSchema } } } },
    responses: { 200: jsonContent(RfiResponseSchema, "The request as saved"), ...writeErrors },
  }),
  async (c) => {
    const { year } = c.req.valid("param");
    const { user, db } = await cycleCaller(c, year, assertCanEditRfi);
    await saveRfi(db, audit(user, c.get("requestId")), year, c.req.valid("json"));
    return c.json({ rfi: await findRfi(db, year, listScope(user)), youMayEdit: true }, 200);
  },
);

const ListQuery = z
  .object({
    country: z.string().min(1).max(80).optional(),
    topic: z.enum(SOURCE_TOPICS).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

sourceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/submissions",
    summary: "The cycle's submissions the caller may see, newest first (by country, by topic)",
    description: "A submission is visible to whoever may read the narrative of at least one country it concerns.",
    tags: ["Sources"],
    request: { params: YearParam, query: ListQuery },
    responses: { 200: jsonContent(SubmissionListSchema, "The submissions and how many match"), ...readErrors },
  }),
  async (c) => {
    const { year } = c.req.valid("param");
    const { user, db } = await cycleCaller(c, year);
    const q = c.req.valid("query");
    return c.json(
      await listSubmissions(db, { cycleYear: year, visible: listScope(user), countryId: q.country, topic: q.topic, limit: q.limit, offset: q.offset }),
      200,
    );
  },
);

const upload = {
  required: true,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object" as const,
        properties: {
          organisation: { type: "string" as const },
          contact: { type: "string" as const },
          receivedOn: { type: "string" as const, format: "date" },
          countries: { type: "array" as const, items: { type: "string" as const }, description: "Country ids (repeat the field, or separate with ; or ,)" },
          topics: { type: "array" as const, items: { type: "string" as const, enum: [...SOURCE_TOPICS] } },
          summary: { type: "string" as const },
          link: { type: "string" as const, format: "uri" },
          [SUBMISSION_FILE_FIELD]: {
            type: "array" as const,
            items: { type: "string" as const, format: "binary" },
            description: `Up to ${SUBMISSION_MAX_FILES} files, each at most ${MB} MB: PDF, Word (.docx), PNG, JPEG, GIF or WebP`,
          },
        },
        required: ["organisation", "receivedOn", "countries", "summary"],
      },
    },
  },
};

sourceRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{year}/submissions",
    summary: "File a submission: who sent it, when, which countries, topics, summary, files or a link",
    description: [
      FILING_RULE,
      `Files: at most ${SUBMISSION_MAX_FILES}, each at most ${MB} MB (413 \`payload_too_large\`); the type is read from the bytes, never the name:`,
      "PDF, Word (.docx), PNG, JPEG, GIF and WebP are kept, anything else (HTML, SVG, scripts, archives) is refused with 415 `file_type_refused`.",
      "On any refusal nothing is stored. Audited as `submission.file`.",
    ].join(" "),
    tags: ["Sources"],
    request: { params: YearParam, body: upload },
    responses: {
      201: jsonContent(SubmissionSchema, "The submission as filed"),
      ...writeErrors,
      413: errorResponse(`A file is larger than ${MB} MB, or the upload larger than the limit (\`payload_too_large\`)`),
      415: errorResponse("Not multipart (`multipart_required`), or a file's bytes are not an accepted type (`file_type_refused`, `details.detected`)"),
    },
  }),
  async (c) => {
    const { year } = c.req.valid("param");
    const { user, db } = await cycleCaller(c, year, assertMayFileSubmissions);
    const { fields, files } = await readSubmissionForm(c);
    assertCanFileSubmission(user, await namedCountriesScope(db, fields.countries));
    const id = await fileSubmission(c.env, db, audit(user, c.get("requestId")), { cycleYear: year, fields, files });
    return c.json((await findSubmission(db, id))!, 201);
  },
);

sourceRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{year}/submissions/import",
    summary: "File a batch of submissions from CSV (organisation,contact,received_on,countries,topics,summary,link)",
    description: [
      FILING_RULE,
      "One submission per row; `countries` and `topics` separated by `;`; countries by name or id; no files (give a link).",
      "Each row is accepted or rejected with its reasons (unknown country or topic, bad date, missing field, outside your region, duplicate in the file or of one filed).",
      "With `?dryRun=true` nothing is written. Otherwise any rejected row refuses the whole file with 422 `import_rejected` (the report in `error.details`);",
      "else every row is filed in one batch with one audit event `submission.import`. A file that cannot be read as this CSV is 400 `malformed_csv`.",
    ].join(" "),
    tags: ["Sources"],
    request: {
      params: YearParam,
      query: z.object({ dryRun: z.enum(["true", "false"]).optional() }).strict(),
      body: {
        required: true,
        content: {
          "text/csv": {
            schema: z.string().openapi({
              example:
                'organisation,contact,received_on,countries,topics,summary,link\nExample NGO,info@ngo.example,2025-01-10,Nigeria;Ghana,prosecution;protection,"Court monitoring, Lagos",',
            }),
          },
        },
      },
    },
    responses: {
      200: jsonContent(SubmissionImportReportSchema, "Import report (dry run: what would be filed)"),
      ...writeErrors,
      413: errorResponse("The file is larger than the import limit"),
      422: errorResponse("Rows rejected; nothing filed (the report is in error.details)"),
    },
  }),
  async (c) => {
    const { year } = c.req.valid("param");
    const { user, db } = await cycleCaller(c, year, assertMayFileSubmissions);
    const dryRun = c.req.valid("query").dryRun === "true";
    return c.json(await importSubmissions(db, audit(user, c.get("requestId")), user, year, await c.req.text(), dryRun), 200);
  },
);

sourceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/sources/coverage",
    summary: "Per region, the countries with no submission yet, and the count per country",
    description: "Over the countries whose narratives the caller may read (leadership and admins: all).",
    tags: ["Sources"],
    request: { params: YearParam },
    responses: { 200: jsonContent(CoverageSchema, "Coverage by region"), ...readErrors },
  }),
  async (c) => {
    const { year } = c.req.valid("param");
    const { user, db } = await cycleCaller(c, year);
    return c.json(await sourceCoverage(db, year, listScope(user)), 200);
  },
);
