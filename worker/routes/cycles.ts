/** /api/cycles: report cycles, their milestones, and the documents of a cycle. */
import { createRoute } from "@hono/zod-openapi";
import { daysUntil, missedDeadline } from "#shared/progress.ts";
import { CycleListSchema, CycleProgressSchema, CycleSchema, ReleaseRequestSchema, ReleaseResponseSchema } from "#shared/api/cycles.ts";
import { DocumentListQuerySchema, DocumentListSchema } from "#shared/api/documents.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { OpenCycleRequestSchema, OpenCycleResponseSchema } from "#shared/api/report.ts";
import { openCycle } from "../cycles/open-cycle.ts";
import { releaseCycle } from "../cycles/cycle-release.ts";
import { listCycles, requireCycle, today as todayUtc } from "../cycles/cycle-queries.ts";
import { cycleDocuments, visibleTo } from "../documents/cycle-documents.ts";
import { documentList } from "../documents/document-list.ts";
import { createRouter, errorResponse, errorResponses, jsonContent, readErrors, writeErrors } from "../http/router.ts";
import { YearParam } from "./schemas.ts";

export const cycleRoutes = createRouter();

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    summary: "All report cycles, newest first",
    tags: ["Cycles"],
    responses: { 200: jsonContent(CycleListSchema, "Report cycles"), 401: errorResponses[401] },
  }),
  async (c) => {
    await requireUser(c);
    const cycles = await listCycles(database(c.env));
    return c.json({ cycles }, 200);
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    summary: "Open a report cycle (admins): its documents start from the previous published edition's text",
    description:
      "Creates the cycle (standard milestones for the year, status drafting; set real dates with `npm run cycle:set`), its default clearance lists copied from the previous cycle, one narrative per country and one document per report section. Each document whose country or section is in the previous published edition starts from that text, imported into its room on first open. 409 `cycle_exists`, `not_next_cycle` (older than the newest cycle) or `previous_not_released`.",
    tags: ["Cycles"],
    request: { body: { required: true, content: { "application/json": { schema: OpenCycleRequestSchema } } } },
    responses: {
      201: jsonContent(OpenCycleResponseSchema, "The cycle opened"),
      ...writeErrors,
      409: errorResponse("The year exists, is not after the newest cycle, or the newest cycle is not released"),
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const result = await openCycle(c.env, { user, requestId: c.get("requestId") }, c.req.valid("json").year);
    return c.json(result, 201);
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}",
    summary: "One report cycle: reporting period, milestones, status",
    tags: ["Cycles"],
    request: { params: YearParam },
    responses: { 200: jsonContent(CycleSchema, "The cycle"), ...readErrors },
  }),
  async (c) => {
    await requireUser(c);
    return c.json(await requireCycle(database(c.env), c.req.valid("param").year), 200);
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/documents",
    summary: "Documents of a cycle visible to the caller, with filters and counts",
    description:
      "Counts are over the filtered list. `tier` filters on the previous year's tier, `approvedTier` on this year's. Each document names who it waits on now " +
      "(`assignees`: drafters while drafting or returned, reviewers in review, the clearers of each pending office in clearance, leadership in final review); " +
      "the top-level `assignees` lists everyone some visible document waits on, for the `assignee` filter.",
    tags: ["Documents"],
    request: { params: YearParam, query: DocumentListQuerySchema },
    responses: {
      200: jsonContent(DocumentListSchema, "The documents"),
      ...readErrors,
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    return c.json(await documentList(database(c.env), user, c.req.valid("param").year, c.req.valid("query")), 200);
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/progress",
    summary: "Where the cycle stands: documents per workflow state and overdue against the milestones, per region and overall",
    description:
      "Over the documents visible to the caller. A document is overdue when a milestone has passed and it has not left the states that milestone closes.",
    tags: ["Cycles"],
    request: { params: YearParam },
    responses: {
      200: jsonContent(CycleProgressSchema, "Progress"),
      ...readErrors,
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const { year } = c.req.valid("param");
    const { cycle, documents } = await cycleDocuments(database(c.env), year);
    const rows = visibleTo(user, documents);
    const today = todayUtc();
    const empty = () => ({ total: 0, byState: {} as Record<string, number>, overdue: 0 });
    const overall = empty();
    const reportSections = empty();
    const byRegion: Record<string, ReturnType<typeof empty>> = {};
    for (const row of rows) {
      const late = missedDeadline(row.state, cycle, today) !== null;
      const groups = [overall, row.regionCode ? (byRegion[row.regionCode] ??= empty()) : reportSections];
      for (const g of groups) {
        g.total++;
        g.byState[row.state] = (g.byState[row.state] ?? 0) + 1;
        if (late) g.overdue++;
      }
    }
    return c.json({ year, today, releaseDate: cycle.releaseDate, daysToRelease: daysUntil(today, cycle.releaseDate), overall, byRegion, reportSections }, 200);
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{year}/release",
    summary: "Release the report: every document must be cleared; all become published (leadership)",
    tags: ["Cycles"],
    request: { params: YearParam, body: { required: true, content: { "application/json": { schema: ReleaseRequestSchema } } } },
    responses: {
      200: jsonContent(ReleaseResponseSchema, "Released, with the audit checkpoint signed at the release"),
      ...writeErrors,
      409: errorResponse("Already released, or documents without final clearance"),
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const result = await releaseCycle(c.env, { user, requestId: c.get("requestId") }, c.req.valid("param").year);
    return c.json(result, 200);
  },
);
