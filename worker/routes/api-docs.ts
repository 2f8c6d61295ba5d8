/** The OpenAPI document (generated from the routes' zod schemas) and a readable reference page built from it. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { html, raw } from "hono/html";
import type { AppEnv } from "../env.ts";

type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>["getOpenAPIDocument"]>;

export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  return app.getOpenAPIDocument({
    openapi: "3.0.3",
    info: {
      title: "TIP Clearance API",
      version: "1.0.0",
      description:
        "Drafting, review and clearance of the Trafficking in Persons Report. Every /api route needs an identity: a Cloudflare Access JWT (Cf-Access-Jwt-Assertion) in production, or the development session cookie. State-changing requests must carry this application's Origin.",
    },
    servers: [{ url: "/" }],
  });
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export function renderReference(doc: OpenApiDocument) {
  const rows = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = (
        item as Record<
          string,
          | {
              summary?: string;
              description?: string;
              tags?: string[];
              parameters?: { name: string; in: string; required?: boolean }[];
              responses?: Record<string, { description?: string }>;
            }
          | undefined
        >
      )[method];
      if (!op) return [];
      const params = (op.parameters ?? []).map((p) => `${p.name} (${p.in}${p.required ? ", required" : ""})`).join(", ");
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `${code} ${r.description ?? ""}`)
        .join("; ");
      return [
        html`<tr><td><code>${method.toUpperCase()}</code></td><td><code>${path}</code></td><td>${op.summary ?? ""}${op.description ? html`<br /><small>${op.description}</small>` : ""}</td><td>${params}</td><td>${responses}</td></tr>`,
      ];
    }),
  );
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>TIP Clearance API reference</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;width:100%}td,th{border:1px solid #dfe1e2;padding:.4rem;vertical-align:top;text-align:left}th{background:#f0f0f0}code{font-size:.95em}</style></head>
<body><h1>TIP Clearance API reference</h1><p>${doc.info.description ?? ""}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${doc.openapi}). Errors always have the shape <code>{"error":{"code","message","details","requestId"}}</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Parameters</th><th>Responses</th></tr></thead><tbody>${raw(rows.join(""))}</tbody></table></body></html>`;
}
