import type { Context } from "hono";
import type { ErrorCode } from "#shared/api/error-codes.ts";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env.ts";
import { ApiError } from "./api-error.ts";
import { log } from "./log.ts";

export function errorBody(c: Context<AppEnv>, code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, details: details ?? null, requestId: c.get("requestId") ?? null } };
}

export function respondWithError(c: Context<AppEnv>, status: number, code: ErrorCode, message: string, details?: unknown) {
  return c.json(errorBody(c, code, message, details), status as ContentfulStatusCode);
}

/** `app.onError`: every failure leaves in the same shape, unexpected ones without internals. */
export function handleError(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) {
    return respondWithError(c, err.status, err.code, err.message, err.details);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    // Hono's validator throws 400 for a body that is not valid JSON.
    const code = status === 413 ? "payload_too_large" : status === 401 ? "unauthenticated" : status === 400 ? "invalid_request" : "http_error";
    return respondWithError(c, status, code, err.message || "Request failed.");
  }
  log("error", "unhandled error", {
    requestId: c.get("requestId"),
    path: c.req.path,
    error: err.message,
    stack: err.stack,
  });
  return respondWithError(c, 500, "internal_error", "Something went wrong on our side. Quote the request id when reporting it.");
}

export function handleNotFound(c: Context<AppEnv>) {
  return respondWithError(c, 404, "not_found", `No route for ${c.req.method} ${c.req.path}.`);
}
