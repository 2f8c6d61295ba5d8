/** /api/cycles: report cycles, their milestones, and the documents of a cycle. */
import { createRoute } from "@hono/zod-openapi";
import { daysUntil, missedDeadline } from "#shared/progress.ts";
import { CycleListSchema, CycleProgressSchema, CycleSchema, ReleaseRequestSchema, ReleaseResponseSchema } from "#shared/api/cycles.ts";
import { DocumentListQuerySchema, DocumentListSchema } from "#shared/api/documents.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { releaseCycle } from "../workflow/cycle-release.ts";
import { listCycles, requireCycle, today as todayUtc } from "../cycles/cycle-queries.ts";
import { listDocuments, withDeadline, type DocumentSummary } from "../documents/document-queries.ts";
import { createRouter, errorResponse, errorResponses, jsonContent, readErrors, writeErrors } from "../http/router.ts";
import { listScope } from "../policy/policy.ts";
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

function countBy(rows: DocumentSummary[], key: (row: DocumentSummary) => string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const k = key(row) ?? "none";
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/documents",
    summary: "Documents of a cycle visible to the caller, with filters and counts",
    description: "Counts are over the filtered list. `tier` filters on the previous year's tier.",
    tags: ["Documents"],
    request: { params: YearParam, query: DocumentListQuerySchema },
    responses: {
      200: jsonContent(DocumentListSchema, "The documents"),
      ...readErrors,
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const { year } = c.req.valid("param");
    const query = c.req.valid("query");
    const db = database(c.env);
    // Both reads at once: the list does not depend on the cycle's row (an unknown year still answers 404).
    const [cycle, found] = await Promise.all([
      requireCycle(db, year),
      listDocuments(db, year, listScope(user), {
        region: query.region,
        kind: query.kind,
        state: query.state,
        tier: query.tier,
        mine: query.mine ? listScope(user, ["drafter", "reviewer", "clearer"]) : undefined,
      }),
    ]);
    const day = todayUtc();
    const rows = found.map((row) => withDeadline(row, cycle, day));
    return c.json(
      {
        documents: rows,
        counts: {
          total: rows.length,
          byState: countBy(rows, (r) => r.state),
          byRegion: countBy(rows, (r) => r.regionCode),
          byKind: countBy(rows, (r) => r.kind),
          byPreviousTier: countBy(rows, (r) => r.previousTier),
        },
      },
      200,
    );
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/progress",
    summary: "Where the cycle stands: documents per workflow state and overdue against the milestones, per region and overall",
    description: "Over the documents visible to the caller. A document is overdue when a milestone has passed and it has not left the states that milestone closes.",
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
    const db = database(c.env);
    const [cycle, rows] = await Promise.all([requireCycle(db, year), listDocuments(db, year, listScope(user), {})]);
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
