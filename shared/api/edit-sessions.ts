/** Who edited a document in its co-editing room, when and how much (GET /api/documents/:id/history). */
import { z } from "@hono/zod-openapi";

export const EditSessionSchema = z
  .object({
    id: z.number().int(),
    userId: z.string(),
    userName: z.string(),
    from: z.string(),
    to: z.string(),
    updates: z.number().int(),
    sections: z.record(z.string(), z.object({ inserted: z.number().int(), deleted: z.number().int() })),
    finished: z.boolean(),
  })
  .openapi("EditSession");

export const EditSessionListSchema = z.object({ sessions: z.array(EditSessionSchema) });
