/** Cross-cutting request handling, applied to every response in worker/app.ts. */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../env.ts";
import { DOCX_MAX_BYTES } from "#shared/docx-limits.ts";
import { ApiError } from "./api-error.ts";
import { respondWithError } from "./error-handler.ts";
import { log } from "./log.ts";

/** The page may open WebSockets only to its own origin (the document rooms). */
function ownWebSocketOrigin(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`;
}

export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // USWDS and the editor set style attributes; scripts stay strictly same-origin.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", ownWebSocketOrigin],
    // The report page frames the compiled preview it fetched (a blob: URL); nothing else is framed.
    frameSrc: ["'self'", "blob:"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  strictTransportSecurity: "max-age=31536000; includeSubDomains",
  referrerPolicy: "same-origin",
  crossOriginEmbedderPolicy: false,
});

export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** CSV imports of users or tier history are the only large bodies. */
export const IMPORT_BODY_LIMIT = 2 * 1024 * 1024;

/** A Word upload (docs/word-import.md): the file's cap plus room for the multipart envelope. */
export const DOCX_UPLOAD_BODY_LIMIT = DOCX_MAX_BYTES + 64 * 1024;

export function limitBody(maxSize: number, message = `Request bodies are limited to ${maxSize} bytes.`): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: (c) => respondWithError(c as Context<AppEnv>, 413, "payload_too_large", message, { maxSize }),
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence in depth beside SameSite=Strict: a state-changing request must come from a page
 * of this origin (Origin header), or say so through the Fetch Metadata header.
 * Applies to Access sessions too, since Access also authenticates by cookie.
 */
export const requireSameOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const origin = c.req.header("Origin");
  const ownHost = new URL(c.req.url).host;
  if (origin) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost === ownHost) return next();
  } else if (c.req.header("Sec-Fetch-Site") === "same-origin") {
    return next();
  }
  throw new ApiError(403, "cross_origin_refused", "State-changing requests must come from this application's own pages (Origin header).", {
    origin: origin ?? null,
  });
};

/**
 * Every request gets an id made here (a random UUID), set as `X-Request-Id` on the response, in
 * error bodies, the JSON logs and the audit trail. A client's own `X-Request-Id` is ignored: an id
 * stored in the audit trail must not be chosen by the caller (it could collide with, or pose as,
 * another request's).
 */
export const assignRequestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = crypto.randomUUID();
  c.set("requestId", id);
  c.header("X-Request-Id", id);
  await next();
};

/** One JSON line per request; with REQUEST_LOG "off" (local starts), only server errors. */
export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  await next();
  const serverError = c.res.status >= 500;
  if (!serverError && c.env.REQUEST_LOG === "off") return;
  const user = c.get("currentUser");
  log(serverError ? "error" : "info", "request", {
    requestId: c.get("requestId"),
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Date.now() - started,
    userId: user ? user.id : null,
  });
};
