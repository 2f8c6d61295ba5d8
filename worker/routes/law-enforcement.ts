/** /api/cycles/:year/law-enforcement — the regional and global law-enforcement tables of a cycle. */
import { createRoute, z } from "@hono/zod-openapi";
import { FIGURE_FIELDS, TABLE_FIELDS, type FigureField, type TableField } from "#shared/law-enforcement.ts";
import { REGION_CODES } from "#shared/regions.ts";
import { requireUser } from "../auth/identity.ts";
import { lawEnforcementData } from "../cycles/law-enforcement-data.ts";
import { database } from "../db/client.ts";
import { createRouter, jsonContent, readErrors } from "../http/router.ts";
import { YearParam } from "./schemas.ts";

export const lawEnforcementRoutes = createRouter();

const counts = z.object(Object.fromEntries(FIGURE_FIELDS.map((f) => [f.key, z.number().int()])) as Record<FigureField, z.ZodNumber>);
const tableValues = z.object(Object.fromEntries(TABLE_FIELDS.map((f) => [f, z.number().int()])) as Record<TableField, z.ZodNumber>).openapi("LawEnforcementTableValues");

const FigureSumSchema = z.object({
  totals: counts.openapi({ description: "Sum of the reported figures" }),
  reporting: counts.openapi({ description: "How many countries reported each figure" }),
  countries: z.number().int().openapi({ description: "Country narratives covered" }),
});

const LawEnforcementDataSchema = z
  .object({
    cycleYear: z.number().int(),
    reportingYear: z.number().int().openapi({ description: "The year the cycle's report covers (cycle year - 1)" }),
    partial: z.boolean().openapi({ description: "Some narratives of the cycle are not visible to the caller and are not summed" }),
    hiddenCountries: z.number().int().openapi({ description: "How many narratives were left out of the sums" }),
    current: z.object({
      year: z.number().int(),
      global: FigureSumSchema,
      regions: z.array(FigureSumSchema.extend({ regionCode: z.enum(REGION_CODES), regionName: z.string() })),
    }),
    published: z
      .array(
        z.object({
          year: z.number().int(),
          consistent: z.boolean().openapi({ description: "The global row equals the sum of the six regional rows" }),
          global: tableValues.nullable(),
          difference: tableValues.nullable().openapi({ description: "Global minus the sum of the regions" }),
          problem: z.string().nullable().openapi({ description: "Why the year does not add up, when no single region explains it" }),
          regions: z.array(
            z.object({
              regionCode: z.enum(REGION_CODES),
              regionName: z.string(),
              values: tableValues.nullable(),
              note: z.string().nullable(),
              flag: z
                .object({
                  kind: z.enum(["duplicates_region", "marked_unreliable"]),
                  duplicateOf: z.enum(REGION_CODES).nullable(),
                  reason: z.string(),
                  derived: tableValues.nullable().openapi({ description: "The global row minus the other five regions" }),
                })
                .nullable(),
            }),
          ),
        }),
      )
      .openapi({ description: "Earlier years from the published tables, newest first" }),
  })
  .openapi("LawEnforcementData");

lawEnforcementRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/law-enforcement",
    summary: "Law-enforcement sums per region and global, with the published tables of earlier years checked for consistency",
    description: "Any signed-in user. The current year sums the figures of the narratives the caller may read (they are pre-decisional; `partial` and `hiddenCountries` say what was left out); a region of a published year is flagged when the regions do not add up to the global row and that region's row is in doubt.",
    tags: ["Law enforcement"],
    request: { params: YearParam },
    responses: { 200: jsonContent(LawEnforcementDataSchema, "The tables"), ...readErrors },
  }),
  async (c) => {
    const user = await requireUser(c);
    return c.json(await lawEnforcementData(database(c.env), c.req.valid("param").year, user), 200);
  },
);
