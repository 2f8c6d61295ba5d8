/**
 * Tier history: `POST /api/tier-history/import` (admins; CSV of earlier years' placements) and
 * `GET /api/countries/:id/tier-history` (anyone signed in; the recorded tiers are the published reports').
 */
import { createRoute, z } from "@hono/zod-openapi";
import { CountryTierHistorySchema, TierHistoryImportReportSchema } from "#shared/api/tier-history.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { createRouter, errorResponse, jsonContent, readErrors, writeErrors } from "../http/router.ts";
import { assertAdmin } from "../policy/policy.ts";
import { importTierHistory } from "../tiers/tier-history-import.ts";
import { countryTierHistory } from "../tiers/tier-history-queries.ts";

export const tierHistoryRoutes = createRouter();
export const countryTierHistoryRoutes = createRouter();

const CSV_EXAMPLE = 'country,year,tier,waiver\nAustria,2023,Tier 1,no\n"Congo, Republic of",2023,Tier 2 Watch List,yes';

tierHistoryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/import",
    summary: "Import earlier years' tier placements from CSV (country,year,tier,waiver)",
    description: [
      "Admins only. One placement per line: `country` is the name in the countries list or its id (case-insensitive);",
      '`year` a report year from 2001 to the year before the newest cycle; `tier` the report\'s wording ("Tier 2 Watch List") or its code;',
      "`waiver` yes/no/true/false/1/0/empty, yes only on a Tier 2 Watch List year and once per country.",
      "Each line is reported as inserted, updated (with what is stored now), unchanged or rejected (line number and reasons):",
      "unknown country, bad year, unknown tier, bad waiver, a waiver on a non-Watch-List year or a second waiver, a duplicate or conflicting line",
      "for the same country and year, or a change to a placement written by a cycle's release.",
      "With `?dryRun=true` nothing is written. Without it, **any rejected line refuses the whole file** with 422 `import_rejected`",
      "(the report, listing every rejection, is in `error.details`) and nothing is written, so the file is fixed and imported again;",
      "otherwise the inserted and updated lines are upserted (source `import`, never duplicated) in one batch with one audit event",
      "`tier_history.import` (counts and changed lines). A file that cannot be read as this CSV at all is 400 `malformed_csv`.",
    ].join(" "),
    tags: ["Tier history"],
    request: {
      query: z.object({ dryRun: z.enum(["true", "false"]).optional() }).strict(),
      body: { required: true, content: { "text/csv": { schema: z.string().openapi({ example: CSV_EXAMPLE }) } } },
    },
    responses: {
      200: jsonContent(TierHistoryImportReportSchema, "Import report (dry run: what would change)"),
      ...writeErrors,
      413: errorResponse("The file is larger than the import limit"),
      422: errorResponse("Lines rejected; nothing written (the report is in error.details)"),
    },
  }),
  async (c) => {
    const admin = await requireUser(c);
    assertAdmin(admin);
    const dryRun = c.req.valid("query").dryRun === "true";
    const report = await importTierHistory(
      database(c.env),
      { actor: { id: admin.id, email: admin.email }, requestId: c.get("requestId") },
      await c.req.text(),
      dryRun,
    );
    return c.json(report, 200);
  },
);

const CountryIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: "id", in: "path" }, example: "austria" }),
});

countryTierHistoryRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/tier-history",
    summary: "A country's recorded tier placements, oldest year first",
    description: "Published placements (the reports, imports of earlier years, released cycles); any signed-in user may read them.",
    tags: ["Tier history"],
    request: { params: CountryIdParam },
    responses: { 200: jsonContent(CountryTierHistorySchema, "The country and its years"), ...readErrors },
  }),
  async (c) => {
    await requireUser(c);
    return c.json(await countryTierHistory(database(c.env), c.req.valid("param").id), 200);
  },
);
