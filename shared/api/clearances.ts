/** A document's clearance list and the clearances given (GET /api/documents/:id/clearances, PUT .../clearances/list). */
import { z } from "@hono/zod-openapi";
import { CLEARANCE_MODES, CLEARANCE_OUTCOMES } from "../clearance.ts";
import { CLEARING_OFFICE_CODES } from "../roles.ts";

export const ClearanceRecordSchema = z
  .object({
    id: z.number().int(),
    documentId: z.string(),
    officeCode: z.string(),
    round: z.number().int(),
    outcome: z.enum(CLEARANCE_OUTCOMES),
    userId: z.string(),
    userName: z.string(),
    at: z.string(),
    snapshotHash: z.string(),
    comment: z.string().nullable(),
    /** The comment threads open on the document at that moment (a clearance "with comments" lists them). */
    openThreads: z.array(z.object({ id: z.string(), quote: z.string(), blocking: z.boolean() })),
  })
  .openapi("ClearanceRecord");

export const OFFICE_STATUSES = ["not_started", "pending", "concurred", "not_concurred", "informed"] as const;

export const ClearanceStateSchema = z
  .object({
    listIsOwn: z.boolean().openapi({ description: "False while the document follows its cycle's default list" }),
    list: z.array(z.object({ officeCode: z.string(), mode: z.enum(CLEARANCE_MODES) })),
    offices: z.array(
      z.object({
        officeCode: z.string(),
        officeName: z.string(),
        mode: z.enum(CLEARANCE_MODES),
        status: z.enum(OFFICE_STATUSES),
        clearance: ClearanceRecordSchema.nullable(),
      }),
    ),
    pending: z.array(z.string()),
    stale: z.array(ClearanceRecordSchema).openapi({ description: "Clearances given for earlier text; shown, no longer counted" }),
  })
  .openapi("ClearanceState");

export const ClearanceListRequestSchema = z
  .object({
    version: z.number().int().positive(),
    offices: z
      .array(z.object({ officeCode: z.enum(CLEARING_OFFICE_CODES), mode: z.enum(CLEARANCE_MODES) }).strict())
      .min(1)
      .max(CLEARING_OFFICE_CODES.length),
    comment: z.string().max(4000).optional(),
  })
  .strict()
  .openapi("ClearanceListRequest");
