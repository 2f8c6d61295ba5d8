import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index.ts";
import { ACCESS_JWT_HEADER } from "../../worker/auth/identity.ts";
import { AS, call, json, ORIGIN, sessionCookie } from "../helpers/api.ts";
import { accessEnv, fetchWith, TEST_ACCESS } from "../helpers/access.ts";
import { SELF } from "cloudflare:test";

describe("dev session cookie", () => {
  it("no session -> 401 with the error shape", async () => {
    const res = await call(null, "/api/me");
    expect(res.status).toBe(401);
    const body = await json(res);
    expect(body.error).toMatchObject({ code: "unauthenticated" });
    expect(body.error.requestId).toBe(res.headers.get("X-Request-Id"));
  });

  it("signs in through POST /auth/dev/login with an HttpOnly SameSite=Strict cookie that /api/me accepts", async () => {
    const login = await call(null, "/auth/dev/login", { body: { email: "drafter.af@tip.example.gov" } });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const me = await SELF.fetch(`${ORIGIN}/api/me`, { headers: { Cookie: setCookie.split(";")[0]! } });
    expect(me.status).toBe(200);
    expect(await json(me)).toMatchObject({ email: "drafter.af@tip.example.gov", grants: [{ role: "drafter", scopeType: "region", regionCode: "AF" }] });
  });

  it("tampered cookie -> 401", async () => {
    const cookie = await sessionCookie(AS.drafterAF);
    const tampered = cookie.replace(/\.(\d+)\./, (_m, exp) => `.${Number(exp) + 1000}.`);
    expect((await SELF.fetch(`${ORIGIN}/api/me`, { headers: { Cookie: tampered } })).status).toBe(401);
    // Another (real) session's id under this cookie's signature.
    const adminSession = (await sessionCookie(AS.admin)).split(".")[1]!;
    const otherUser = cookie.replace(/^(tip_session=v2\.)[^.]+/, `$1${adminSession}`);
    expect((await SELF.fetch(`${ORIGIN}/api/me`, { headers: { Cookie: otherUser } })).status).toBe(401);
  });

  it("expired cookie -> 401", async () => {
    const expired = await sessionCookie(AS.drafterAF, Date.now() - 1000);
    expect((await SELF.fetch(`${ORIGIN}/api/me`, { headers: { Cookie: expired } })).status).toBe(401);
  });

  it("sign-in page lists demo users of every role", async () => {
    const { users } = await json(await call(null, "/auth/dev/users"));
    const roles = new Set(users.flatMap((u: any) => u.grants.map((g: any) => g.role)));
    expect([...roles].sort()).toEqual(["admin", "clearer", "drafter", "leadership", "reviewer"]);
  });

  it("logout clears the cookie and ends the session: the same cookie sent again is refused", async () => {
    const cookie = await sessionCookie(AS.drafterAF);
    expect((await SELF.fetch(`${ORIGIN}/api/me`, { headers: { Cookie: cookie } })).status).toBe(200);
    const res = await SELF.fetch(`${ORIGIN}/auth/logout`, { method: "POST", headers: { Origin: ORIGIN, Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Set-Cookie")).toMatch(/tip_session=;.*Max-Age=0/i);
    const after = await SELF.fetch(`${ORIGIN}/api/me`, { headers: { Cookie: cookie } });
    expect(after.status).toBe(401);
    expect((await json(after)).error.code).toBe("unauthenticated");
  });

  it("dev routes and cookies are 404/ignored when AUTH_MODE is not dev", async () => {
    const prodEnv = { ...env, AUTH_MODE: undefined };
    const fetchProd = async (path: string, init?: RequestInit) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(new Request(`${ORIGIN}${path}`, init), prodEnv, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    expect((await fetchProd("/auth/dev/users")).status).toBe(404);
    const login = await fetchProd("/auth/dev/login", {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/json" },
      body: JSON.stringify({ email: "admin@tip.example.gov" }),
    });
    expect(login.status).toBe(404);
    expect((await json(login)).error.code).toBe("not_found");
    const withCookie = await fetchProd("/api/me", { headers: { Cookie: await sessionCookie(AS.admin) } });
    expect(withCookie.status).toBe(401);
  });
});

describe("Cloudflare Access JWT", () => {
  const issuer = `https://${TEST_ACCESS.teamDomain}`;
  let privateKey: CryptoKey;
  let otherKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair("RS256")).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
    const realFetch = globalThis.fetch;
    // The test serves the team's JWKS; the worker fetches it as it would from Access.
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url === `${issuer}/cdn-cgi/access/certs`) return Response.json({ keys: [jwk] });
      return realFetch(input as RequestInfo, init);
    });
  });
  afterAll(() => vi.restoreAllMocks());

  async function token(claims: { email?: string; aud?: string; exp?: number; key?: CryptoKey; iss?: string }) {
    return new SignJWT({ email: claims.email ?? "reviewer.eur@tip.example.gov" })
      .setProtectedHeader({ alg: "RS256", kid: "test-key" })
      .setIssuer(claims.iss ?? issuer)
      .setAudience(claims.aud ?? TEST_ACCESS.audience)
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(claims.key ?? privateKey);
  }

  const me = async (jwt: string) => fetchWith(accessEnv(), `https://tip.example.gov/api/me`, { headers: { [ACCESS_JWT_HEADER]: jwt } });

  it("valid token for an active user -> 200 as that user", async () => {
    const res = await me(await token({}));
    expect(res.status).toBe(200);
    expect((await json(res)).email).toBe("reviewer.eur@tip.example.gov");
  });

  it("wrong audience -> 401", async () => {
    expect((await me(await token({ aud: "someone-elses-app" }))).status).toBe(401);
  });

  it("expired -> 401", async () => {
    expect((await me(await token({ exp: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(401);
  });

  it("wrong issuer or signing key -> 401", async () => {
    expect((await me(await token({ iss: "https://evil.cloudflareaccess.com" }))).status).toBe(401);
    expect((await me(await token({ key: otherKey }))).status).toBe(401);
  });

  it("unknown email -> 403", async () => {
    const res = await me(await token({ email: "stranger@example.com" }));
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("not_a_user");
  });
});
