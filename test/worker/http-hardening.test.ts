import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { AS, call, json, ORIGIN, sessionCookie } from "../helpers/api.ts";

describe("error shape and hardening on every response", () => {
  it("unknown API route -> 404 with the error shape and the request id", async () => {
    const res = await call(AS.admin, "/api/no-such-thing");
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(body.error).toMatchObject({ code: "not_found", details: null });
    expect(body.error.requestId).toBe(res.headers.get("X-Request-Id"));
  });

  it("malformed JSON body -> 400 with the error shape", async () => {
    const res = await call(null, "/auth/dev/login", { body: "{not json", headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("invalid_request");
    const wrongField = await call(AS.admin, "/api/admin/users", { body: { email: "nobody", name: "" } });
    expect(wrongField.status).toBe(400);
    expect((await json(wrongField)).error.details.issues.map((i: any) => i.path).sort()).toEqual(["email", "name"]);
  });

  it("oversized JSON body -> 413 with the error shape, nothing created", async () => {
    const res = await call(AS.admin, "/api/admin/users", { body: { email: "big@tip.example.gov", name: "x".repeat(100_000) } });
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe("payload_too_large");
    const { users } = await json(await call(AS.admin, "/api/admin/users"));
    expect(users.some((u: any) => u.email === "big@tip.example.gov")).toBe(false);
  });

  it("a cross-site state-changing request with a valid cookie is refused (CSRF)", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/admin/users`, {
      method: "POST",
      headers: { Cookie: await sessionCookie(AS.admin), Origin: "https://evil.example", "Content-Type": "application/json" },
      body: JSON.stringify({ email: "csrf@tip.example.gov", name: "CSRF" }),
    });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("cross_origin_refused");
    const noOrigin = await SELF.fetch(`${ORIGIN}/auth/logout`, { method: "POST", headers: { Cookie: await sessionCookie(AS.admin) } });
    expect(noOrigin.status).toBe(403);
  });

  it("every response carries a CSP allowing only own scripts and own WebSocket origin, and a request id", async () => {
    for (const path of ["/", "/api/me", "/api/nothing", "/documents/2025-afghanistan"]) {
      const res = await call(AS.drafterAF, path);
      const csp = res.headers.get("Content-Security-Policy")!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self' ws://localhost");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("X-Request-Id")).toMatch(/^[\w-]{8,}$/);
    }
  });

  it("serves the web app for client-side routes", async () => {
    const res = await call(null, "/documents/2025-afghanistan");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
    expect(await res.text()).toContain('<div id="root">');
  });
});
