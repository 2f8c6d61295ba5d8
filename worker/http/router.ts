/** Every route module is an OpenAPIHono sub-app made here, so validation failures share one 400 shape. */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { ERROR_CODE_LIST } from "#shared/api/error-codes.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "./api-error.ts";

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
        const where = result.target === "json" ? "body" : result.target;
        throw new ApiError(400, "invalid_request", `The request ${where} is not valid: ${issues.map((i) => `${i.path || where}: ${i.message}`).join("; ")}`, {
          target: where,
          issues,
        });
      }
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODE_LIST).openapi({
        example: "not_found",
        description: "What went wrong, for programs (shared/api/error-codes.ts says what each means); `message` says it for people.",
      }),
      message: z.string(),
      details: z.unknown().nullable(),
      requestId: z.string().nullable(),
    }),
  })
  .openapi("Error");

const errorContent = { "application/json": { schema: ErrorSchema } };

/** Standard error responses for the OpenAPI document. */
export const errorResponses = {
  400: { description: "Invalid input", content: errorContent },
  401: { description: "No or invalid identity", content: errorContent },
  403: { description: "Not allowed", content: errorContent },
  404: { description: "Not found (or not visible to you)", content: errorContent },
} as const;

/** A documented error answer (the standard error shape) for a status the common set does not name. */
export const errorResponse = (description: string) => ({ description, content: errorContent });

/** The errors of a read that takes input: bad input, no identity, not found or not visible. */
export const readErrors = { 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] } as const;
/** The errors of a change: a read's, plus not allowed. */
export const writeErrors = { ...readErrors, 403: errorResponses[403] } as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
