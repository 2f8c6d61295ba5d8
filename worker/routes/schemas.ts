/** Request parameters shared by several route modules. The response and body shapes live in shared/api/ (the web reads their types too). */
import { z } from "@hono/zod-openapi";

export const YearParam = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .openapi({ param: { name: "year", in: "path" }, example: 2025 }),
});
