/** The Hono application: cross-cutting middleware, then every resource's routes, mounted here and only here. */
import { OpenAPIHono } from "@hono/zod-openapi";
import { requireUser } from "./auth/identity.ts";
import type { AppEnv } from "./env.ts";
import { handleError, handleNotFound } from "./http/error-handler.ts";
import { SUBMISSION_FILE_MAX_BYTES, SUBMISSION_UPLOAD_MAX_BYTES } from "#shared/sources.ts";
import {
  assignRequestId,
  DEFAULT_BODY_LIMIT,
  DOCX_UPLOAD_BODY_LIMIT,
  IMPORT_BODY_LIMIT,
  limitBody,
  requestLog,
  requireSameOrigin,
  securityHeaders,
} from "./http/middleware.ts";
import { adminUserRoutes } from "./routes/admin-users.ts";
import { buildOpenApiDocument, renderReference } from "./routes/api-docs.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { cycleRoutes } from "./routes/cycles.ts";
import { cycleCommentRoutes, documentCommentRoutes } from "./routes/document-comments.ts";
import { documentClearanceRoutes } from "./routes/document-clearances.ts";
import { documentFigureRoutes } from "./routes/document-figures.ts";
import { DOCX_IMPORT_PATH, DOCX_TOO_LARGE_MESSAGE, documentImportRoutes } from "./routes/document-import.ts";
import { documentCoEditingRoutes } from "./routes/document-co-editing.ts";
import { documentSnapshotRoutes } from "./routes/document-snapshots.ts";
import { documentSourceRoutes } from "./routes/document-sources.ts";
import { documentTierRoutes } from "./routes/document-tier.ts";
import { documentRoutes } from "./routes/documents.ts";
import { lawEnforcementRoutes } from "./routes/law-enforcement.ts";
import { meRoutes } from "./routes/me.ts";
import { SUBMISSION_IMPORT_PATH, SUBMISSION_UPLOAD_PATH, sourceRoutes } from "./routes/sources.ts";
import { submissionRoutes } from "./routes/submissions.ts";
import { countryTierHistoryRoutes, tierHistoryRoutes } from "./routes/tier-history.ts";
import { reportRoutes } from "./routes/report.ts";
import { tierPlacementRoutes } from "./routes/tier-placements.ts";

export function createApp() {
  const app = new OpenAPIHono<AppEnv>();

  app.use("*", assignRequestId);
  app.use("*", requestLog);
  app.use("*", securityHeaders);
  const importPaths = ["/api/admin/users/import", "/api/tier-history/import"];
  for (const path of importPaths) app.use(path, limitBody(IMPORT_BODY_LIMIT));
  const docxLimit = limitBody(DOCX_UPLOAD_BODY_LIMIT, DOCX_TOO_LARGE_MESSAGE);
  const submissionLimit = limitBody(
    SUBMISSION_UPLOAD_MAX_BYTES,
    `The upload is larger than ${SUBMISSION_UPLOAD_MAX_BYTES / 1024 / 1024} MB in all (each file at most ${SUBMISSION_FILE_MAX_BYTES / 1024 / 1024} MB). Nothing was filed.`,
  );
  const csvLimit = limitBody(IMPORT_BODY_LIMIT);
  app.use("/api/*", async (c, next) => {
    const path = c.req.path;
    if (importPaths.includes(path)) return next();
    if (DOCX_IMPORT_PATH.test(path)) return docxLimit(c, next);
    if (SUBMISSION_UPLOAD_PATH.test(path)) return submissionLimit(c, next);
    if (SUBMISSION_IMPORT_PATH.test(path)) return csvLimit(c, next);
    return limitBody(DEFAULT_BODY_LIMIT)(c, next);
  });
  app.use("/auth/*", limitBody(DEFAULT_BODY_LIMIT));
  app.use("/api/*", requireSameOrigin);
  app.use("/auth/*", requireSameOrigin);
  // Every API route needs an identity; handlers still ask the policy module what the caller may do.
  app.use("/api/*", async (c, next) => {
    await requireUser(c);
    await next();
  });

  app.route("/auth", authRoutes);
  app.route("/api/me", meRoutes);
  app.route("/api/cycles", cycleRoutes);
  app.route("/api/cycles", tierPlacementRoutes);
  app.route("/api/cycles", reportRoutes);
  app.route("/api/documents", documentRoutes);
  app.route("/api/documents", documentCoEditingRoutes);
  app.route("/api/documents", documentClearanceRoutes);
  app.route("/api/documents", documentSnapshotRoutes);
  app.route("/api/documents", documentTierRoutes);
  app.route("/api/documents", documentFigureRoutes);
  app.route("/api/documents", documentCommentRoutes);
  app.route("/api/documents", documentImportRoutes);
  app.route("/api/documents", documentSourceRoutes);
  app.route("/api/cycles", cycleCommentRoutes);
  app.route("/api/cycles", lawEnforcementRoutes);
  app.route("/api/cycles", sourceRoutes);
  app.route("/api/submissions", submissionRoutes);
  app.route("/api/admin/users", adminUserRoutes);
  app.route("/api/audit", auditRoutes);
  app.route("/api/tier-history", tierHistoryRoutes);
  app.route("/api/countries", countryTierHistoryRoutes);

  const openApi = () => buildOpenApiDocument(app);
  app.get("/api/openapi.json", (c) => c.json(openApi()));
  app.get("/api/reference", (c) => c.html(renderReference(openApi())));

  app.all("/api/*", handleNotFound);
  app.all("/auth/*", handleNotFound);
  // Everything else is the single-page web app, served by Workers static assets through the worker
  // so it carries the same security headers and request id.
  app.get("*", async (c) => {
    const asset = await c.env.ASSETS.fetch(c.req.raw);
    // Re-wrapped so its headers are mutable: the security-headers middleware adds to them on the way out.
    const response = new Response(asset.body, asset);
    response.headers.set("X-Request-Id", c.get("requestId"));
    return response;
  });

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
