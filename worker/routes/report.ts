/**
 * /api/cycles/:year/report — the compiled report (docs/report.md): where its release stands, and
 * the report itself as HTML, Word or JSON, either the preview (every document's current text,
 * what is not cleared marked DRAFT) or the published edition (the text frozen at the release).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import {
  REPORT_FORMATS,
  ReportProgressLineSchema,
  ReportQuerySchema,
  ReportSchema,
  ReportStatusSchema,
  type ReportEdition,
  type ReportFormat,
} from "#shared/api/report.ts";
import { requireUser } from "../auth/identity.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { requireCycle } from "../cycles/cycle-queries.ts";
import { database } from "../db/client.ts";
import { publishedEditions } from "../db/schema.ts";
import type { Env } from "../env.ts";
import { createRouter, errorResponse, errorResponses, jsonContent, readErrors } from "../http/router.ts";
import { assertCanPreviewReport, publishedTablesReader } from "../policy/policy.ts";
import { unpublished } from "../report/gather.ts";
import { compileReport, fileHeaders, NDJSON, progressResponse, REPORT_CONTENT_TYPES, type ReportRequest } from "../report/report-response.ts";
import { reportStatus } from "../report/report-status.ts";
import { YearParam } from "./schemas.ts";

export const reportRoutes = createRouter();

reportRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/report",
    summary: "Where the report's release stands: the documents that block it, whether it can be released, the published edition",
    description: "Leadership and administrators (global grants). Blockers are the documents without final clearance, in report order.",
    tags: ["Report"],
    request: { params: YearParam },
    responses: { 200: jsonContent(ReportStatusSchema, "The release's standing"), ...readErrors, 403: errorResponses[403] },
  }),
  async (c) => {
    assertCanPreviewReport(await requireUser(c));
    return c.json(await reportStatus(c.env, c.req.valid("param").year), 200);
  },
);

/** Who may have which edition, checked before anything is compiled (a stream, once started, can only say 200). */
async function reportRequest(env: Env, user: CurrentUser, year: number, edition: ReportEdition, format: ReportFormat): Promise<ReportRequest> {
  const db = database(env);
  if (edition === "preview") {
    assertCanPreviewReport(user);
    await requireCycle(db, year);
    return { year, edition, format, tablesReader: user };
  }
  await requireCycle(db, year);
  const released = await db.select({ year: publishedEditions.cycleYear }).from(publishedEditions).where(eq(publishedEditions.cycleYear, year)).get();
  if (!released) throw unpublished(year);
  return { year, edition, format, tablesReader: publishedTablesReader(user) };
}

const FORMAT_CONTENT: Record<ReportFormat, { schema: z.ZodType; what: string }> = {
  html: { schema: z.string(), what: "one self-contained HTML document with print CSS (print to PDF from a browser)" },
  docx: { schema: z.string().openapi({ format: "binary" }), what: "a Word document" },
  json: { schema: ReportSchema, what: "the report's document model (ReportSchema)" },
};

for (const format of REPORT_FORMATS) {
  reportRoutes.openapi(
    createRoute({
      method: "get",
      path: `/{year}/report.${format}`,
      summary: `The report as ${FORMAT_CONTENT[format].what}: preview or published edition`,
      description: [
        "`edition=preview` (default; leadership and administrators): every document's current text in report order, what is not cleared marked DRAFT and listed first.",
        "`edition=published` (any signed-in user: it is the released, public text): the edition frozen at the release; 404 `not_published` before it.",
        "`progress=ndjson`: a stream of JSON lines instead, one `progress` line per document gathered, then a `file` line (the file in base64) or an `error` line naming the document that failed (ReportProgressLine).",
        "Without it, a document that fails is a 500 `report_document_failed` naming it (`details.documentId`, `details.title`).",
      ].join(" "),
      tags: ["Report"],
      request: { params: YearParam, query: ReportQuerySchema },
      responses: {
        200: {
          description: `tip-report-<year>-<edition>.${format}`,
          content: { [REPORT_CONTENT_TYPES[format]]: { schema: FORMAT_CONTENT[format].schema }, [NDJSON]: { schema: ReportProgressLineSchema } },
        },
        ...readErrors,
        403: errorResponses[403],
        500: errorResponse("A document could not be compiled (named in details)"),
      },
    }),
    async (c) => {
      const user = await requireUser(c);
      const query = c.req.valid("query");
      const request = await reportRequest(c.env, user, c.req.valid("param").year, query.edition, format);
      if (query.progress === "ndjson") return progressResponse(c.env, c.executionCtx, request);
      const file = await compileReport(c.env, request);
      return c.body(file.body, 200, fileHeaders(file));
    },
  );
}
