import { env } from "cloudflare:test";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppEnv } from "../../worker/env.ts";
import { assignRequestId, requestLog } from "../../worker/http/middleware.ts";

/** The request log middleware alone, in front of routes answering 200 and 500. */
function appWithRequestLog() {
  const app = new Hono<AppEnv>();
  app.use("*", assignRequestId);
  app.use("*", requestLog);
  app.get("/fine", (c) => c.text("ok"));
  app.get("/broken", (c) => c.text("no", 500));
  return app;
}

function loggedLines() {
  const lines: unknown[] = [];
  const capture = (line: unknown) => void lines.push(JSON.parse(String(line)));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  return lines;
}

describe("request log (REQUEST_LOG)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("on (wrangler.toml's value): one JSON line per request, with its id and status", async () => {
    expect(env.REQUEST_LOG).toBe("on");
    const lines = loggedLines();
    const res = await appWithRequestLog().request("/fine", {}, env);
    expect(lines).toEqual([expect.objectContaining({ level: "info", msg: "request", path: "/fine", status: 200, requestId: res.headers.get("X-Request-Id") })]);
  });

  it("off (local starts): no line for an ordinary request, still one for a server error", async () => {
    const lines = loggedLines();
    const app = appWithRequestLog();
    const quiet = { ...env, REQUEST_LOG: "off" };
    expect((await app.request("/fine", {}, quiet)).status).toBe(200);
    expect(lines).toEqual([]);
    expect((await app.request("/broken", {}, quiet)).status).toBe(500);
    expect(lines).toEqual([expect.objectContaining({ level: "error", path: "/broken", status: 500 })]);
  });
});
