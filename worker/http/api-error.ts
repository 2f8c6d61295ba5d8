/**
 * The one error type routes throw. `app.onError` turns it into
 * `{error:{code,message,details,requestId}}` with its status. Its code is one of the documented
 * ones (shared/api/error-codes.ts).
 */
import type { ErrorCode } from "#shared/api/error-codes.ts";

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 426 | 500 | 503;

export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(status: ErrorStatus, code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const unauthenticated = (message = "Sign in to continue.") => new ApiError(401, "unauthenticated", message);
export const forbidden = (message: string, details?: unknown) => new ApiError(403, "forbidden", message, details);
export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found.`);
export const badRequest = (message: string, details?: unknown) => new ApiError(400, "bad_request", message, details);
