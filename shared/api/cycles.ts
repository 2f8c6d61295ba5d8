/** Report cycles and where they stand (GET /api/cycles, /api/cycles/:year, /api/cycles/:year/progress). */
import { z } from "@hono/zod-openapi";
import { CYCLE_STATUSES } from "../cycles.ts";

export const CycleSchema = z
  .object({
    year: z.number().int(),
    periodStart: z.string(),
    periodEnd: z.string(),
    draftingDue: z.string(),
    reviewDue: z.string(),
    clearanceDue: z.string(),
    finalClearanceDue: z.string(),
    releaseDate: z.string(),
    status: z.enum(CYCLE_STATUSES),
  })
  .openapi("ReportCycle");

export const CycleListSchema = z.object({ cycles: z.array(CycleSchema) });

/** Documents per workflow state, and how many are behind the cycle's calendar. */
const ProgressGroupSchema = z.object({ total: z.number().int(), byState: z.record(z.string(), z.number().int()), overdue: z.number().int() });

/** Over the documents the caller may see; `daysToRelease` is negative once the release has passed. */
export const CycleProgressSchema = z
  .object({
    year: z.number().int(),
    today: z.string(),
    releaseDate: z.string(),
    daysToRelease: z.number().int(),
    overall: ProgressGroupSchema,
    byRegion: z.record(z.string(), ProgressGroupSchema),
    reportSections: ProgressGroupSchema,
  })
  .openapi("CycleProgress");

export const ReleaseRequestSchema = z.object({ confirm: z.literal(true) }).strict();

export const ReleaseResponseSchema = z.object({
  year: z.number().int(),
  published: z.number().int(),
  /** SHA-256 of the frozen edition's manifest (canonical JSON), as the release's signed checkpoint carries it. */
  manifestHash: z.string(),
  checkpoint: z.object({ written: z.boolean(), seq: z.number().int().nullable(), error: z.string().nullable() }),
});
