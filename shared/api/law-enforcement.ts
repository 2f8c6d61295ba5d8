/**
 * Law-enforcement figures: one narrative's (GET/PUT /api/documents/:id/figures) and a cycle's
 * regional and global tables with the published years checked (GET /api/cycles/:year/law-enforcement).
 */
import { z } from "@hono/zod-openapi";
import { FIGURE_FIELDS, TABLE_FIELDS, type FigureField, type TableField } from "../law-enforcement.ts";
import { REGION_CODES } from "../regions.ts";
import { WORKFLOW_STATE_CODES } from "../workflow-states.ts";

const figureShape = <T extends z.ZodType>(value: (label: string) => T) =>
  Object.fromEntries(FIGURE_FIELDS.map((f) => [f.key, value(f.label)])) as Record<FigureField, T>;

export const FiguresSchema = z
  .object(
    figureShape((label) =>
      z
        .number()
        .int()
        .nullable()
        .openapi({ description: `${label}; null = not reported` }),
    ),
  )
  .openapi("LawEnforcementFigures");

export const FiguresViewSchema = z
  .object({
    documentId: z.string(),
    version: z.number().int().openapi({ description: "The document's version (figures changes step it like any change)" }),
    state: z.enum(WORKFLOW_STATE_CODES),
    figures: FiguresSchema,
    lawsNote: z.string().nullable().openapi({ description: "Which laws were passed or amended" }),
    entered: z.boolean().openapi({ description: "False until someone saves figures for this narrative" }),
    updatedBy: z.string().nullable(),
    updatedByName: z.string().nullable(),
    updatedAt: z.string().nullable(),
    youMayEdit: z.boolean().openapi({ description: "The caller may change the figures now (the same rule as the text)" }),
  })
  .openapi("LawEnforcementFiguresView");

export const FiguresUpdateSchema = z
  .object({
    version: z.number().int().positive().openapi({ description: "The document version the change is made on" }),
    figures: z
      .object(
        figureShape((label) =>
          z
            .number()
            .nullable()
            .optional()
            .openapi({ description: `${label}: a whole number from 0, or null / absent when not reported` }),
        ),
      )
      .strict()
      .openapi({ description: "Every figure; one left out or null is not reported. Labor-only counts never exceed their total." }),
    lawsNote: z.string().max(4000).nullable().optional(),
  })
  .strict()
  .openapi("LawEnforcementFiguresUpdate");

const counts = z.object(Object.fromEntries(FIGURE_FIELDS.map((f) => [f.key, z.number().int()])) as Record<FigureField, z.ZodNumber>);
const tableValues = z
  .object(Object.fromEntries(TABLE_FIELDS.map((f) => [f, z.number().int()])) as Record<TableField, z.ZodNumber>)
  .openapi("LawEnforcementTableValues");

const FigureSumSchema = z.object({
  totals: counts.openapi({ description: "Sum of the reported figures" }),
  reporting: counts.openapi({ description: "How many countries reported each figure" }),
  countries: z.number().int().openapi({ description: "Country narratives covered" }),
});

export const LawEnforcementDataSchema = z
  .object({
    cycleYear: z.number().int(),
    partial: z.boolean().openapi({ description: "Some narratives of the cycle are not visible to the caller and are not summed" }),
    hiddenCountries: z.number().int().openapi({ description: "How many narratives were left out of the sums" }),
    reportingYear: z.number().int().openapi({ description: "The year the cycle's report covers (cycle year - 1)" }),
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
