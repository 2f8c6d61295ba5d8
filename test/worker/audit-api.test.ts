import { env } from "cloudflare:workers";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { commitWithAudit, hashAuditEvent } from "../../worker/audit/audit-log.ts";
import { CSV_COLUMNS } from "../../worker/audit/audit-export.ts";
import { database } from "../../worker/db/client.ts";
import { AS, call, json } from "../helpers/api.ts";
import { addEvents, eventCount } from "../helpers/audit.ts";

const actor = (id: string, email: string) => ({ actor: { id, email }, requestId: `req-${id}` });

describe("GET /api/audit", () => {
  it("needs an identity", async () => {
    const res = await call(null, "/api/audit");
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("unauthenticated");
  });

  it("admins and leadership read the whole trail, newest first by default", async () => {
    await addEvents({ action: "test.list", subjectType: "test", subjectId: "1" }, { action: "test.list", subjectType: "test", subjectId: "2" });
    for (const who of [AS.admin, AS.leadership]) {
      const res = await call(who, "/api/audit?action=test.list");
      expect(res.status).toBe(200);
      const { events } = await json(res);
      expect(events.map((e: any) => e.subjectId)).toEqual(["2", "1"]);
      expect(events[0]).toMatchObject({
        action: "test.list",
        prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        details: {},
      });
    }
  });

  it("others must name a document, and only one they can read", async () => {
    await commitWithAudit(database(env), actor(AS.drafterAF, "drafter.af@x"), {
      action: "test.doc",
      subjectType: "document",
      subjectId: "2025-angola",
      documentId: "2025-angola",
    });
    await commitWithAudit(database(env), actor(AS.drafterAF, "drafter.af@x"), {
      action: "test.doc",
      subjectType: "document",
      subjectId: "2025-france",
      documentId: "2025-france",
    });

    const whole = await call(AS.drafterAF, "/api/audit");
    expect(whole.status).toBe(403);
    expect((await json(whole)).error).toMatchObject({ code: "forbidden", message: expect.stringContaining("document"), details: { rule: "audit.read-all" } });

    const own = await call(AS.drafterAF, "/api/audit?document=2025-angola");
    expect(own.status).toBe(200);
    const { events } = await json(own);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e: any) => e.documentId === "2025-angola")).toBe(true);

    expect((await call(AS.drafterAF, "/api/audit?document=2025-france")).status).toBe(404);
    expect((await call(AS.drafterAF, "/api/audit?document=2025-nowhere")).status).toBe(404);
    expect((await call(AS.drafterAF, "/api/audit/verify")).status).toBe(403);
    expect((await call(AS.drafterAF, "/api/audit/export")).status).toBe(403);
  });

  it("filters by document, actor (id or email), action or action family, and time range", async () => {
    const db = database(env);
    await commitWithAudit(db, actor("filter-user-1", "filter.one@tip.example.gov"), {
      action: "test.filter.alpha",
      subjectType: "test",
      subjectId: "a",
      documentId: "2025-angola",
    });
    await commitWithAudit(db, actor("filter-user-2", "filter.two@tip.example.gov"), { action: "test.filter.beta", subjectType: "test", subjectId: "b" });
    await commitWithAudit(db, actor("filter-user-3", "filter.three@tip.example.gov"), {
      action: "test.fam_ily.one",
      subjectType: "test",
      subjectId: "underscore",
    });
    await commitWithAudit(db, actor("filter-user-3", "filter.three@tip.example.gov"), {
      action: "test.famXily.two",
      subjectType: "test",
      subjectId: "lookalike",
    });
    const subjects = async (query: string) => (await json(await call(AS.admin, `/api/audit?order=oldest&${query}`))).events.map((e: any) => e.subjectId);

    expect(await subjects("actor=filter-user-1")).toEqual(["a"]);
    expect(await subjects("actor=FILTER.two@tip.example.gov")).toEqual(["b"]);
    expect(await subjects("action=test.fam_ily.*")).toEqual(["underscore"]);
    expect(await subjects("action=test.filter.*")).toEqual(["a", "b"]);
    expect(await subjects("action=test.filter.beta")).toEqual(["b"]);
    expect(await subjects("action=test.filter.*&document=2025-angola")).toEqual(["a"]);

    const { at } = (await env.DB.prepare("SELECT at FROM audit_events WHERE action = 'test.filter.beta'").first<{ at: string }>())!;
    expect(await subjects(`action=test.filter.*&from=${encodeURIComponent(at)}`)).toEqual(["b"]);
    expect(await subjects(`action=test.filter.*&to=${encodeURIComponent(at)}`)).toEqual(expect.not.arrayContaining(["b"]));
    expect(await subjects("action=test.filter.*&to=2000-01-01")).toEqual([]);
  });

  it("pages with cursor and limit in both orders, ending with nextCursor null", async () => {
    await addEvents(...Array.from({ length: 5 }, (_, i) => ({ action: "test.page", subjectType: "test", subjectId: String(i) })));
    for (const [order, expected] of [
      ["oldest", ["0", "1", "2", "3", "4"]],
      ["newest", ["4", "3", "2", "1", "0"]],
    ] as const) {
      const seen: string[] = [];
      let cursor: number | null = null;
      let pages = 0;
      do {
        const page: any = await json(await call(AS.admin, `/api/audit?action=test.page&order=${order}&limit=2${cursor === null ? "" : `&cursor=${cursor}`}`));
        seen.push(...page.events.map((e: any) => e.subjectId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null);
      expect(seen).toEqual(expected);
      expect(pages).toBe(3);
    }
  });

  it.each([
    ["limit above 500", "limit=501", "invalid_request"],
    ["limit zero", "limit=0", "invalid_request"],
    ["a cursor that is not a number", "cursor=abc", "invalid_request"],
    ["an unknown order", "order=sideways", "invalid_request"],
    ["a date that is not a date", "from=yesterday", "invalid_request"],
    ["a malformed document id", "document=Angola!", "invalid_request"],
    ["an action that is not an action name", "action=DROP%20TABLE", "invalid_request"],
    ["an unknown filter (a typo must not silently widen the answer)", "documentId=2025-angola", "invalid_request"],
    ["an empty time range", "from=2025-06-02&to=2025-06-01", "bad_request"],
  ])("refuses %s with 400 and the standard error shape", async (_name, query, code) => {
    const res = await call(AS.admin, `/api/audit?${query}`);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  });
});

describe("GET /api/audit/export", () => {
  it("JSON lines: every event with its hashes, enough to re-verify each link outside the app", async () => {
    await commitWithAudit(database(env), actor("export-user", "export@tip.example.gov"), {
      action: "test.export",
      subjectType: "test",
      subjectId: "e1",
      details: { note: "x" },
    });
    const res = await call(AS.leadership, "/api/audit/export?format=jsonl");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/application\/x-ndjson/);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="tip-audit-.+\.jsonl"$/);
    const lines = new TextDecoder()
      .decode(await res.arrayBuffer())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(await eventCount());
    let prev = "0".repeat(64);
    for (const { seq: _seq, prevHash, hash, ...fields } of lines) {
      expect(prevHash).toBe(prev);
      expect(await hashAuditEvent(prevHash, fields)).toBe(hash);
      prev = hash;
    }
  });

  it("CSV: quoted properly, every column, formulas defused, filters applied", async () => {
    const tricky = 'He said "no", then:\nleft; =SUM(A1)';
    await commitWithAudit(database(env), actor("csv-user", "csv@tip.example.gov"), {
      action: "test.csv",
      subjectType: "test",
      subjectId: "c1",
      documentId: "2025-angola",
      documentVersion: 3,
      snapshotHash: "f".repeat(64),
      comment: tricky,
      details: { a: [1, 2], b: "x,y" },
    });
    await commitWithAudit(database(env), actor("csv-user", "csv@tip.example.gov"), {
      action: "test.csv",
      subjectType: "test",
      subjectId: "c2",
      comment: "=HYPERLINK(1)",
    });
    const res = await call(AS.admin, "/api/audit/export?format=csv&action=test.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
    expect(res.headers.get("Content-Disposition")).toMatch(/filename="tip-audit-.+\.csv"/);
    const parsed = Papa.parse<Record<string, string>>(await res.text(), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(2);
    const [first, second] = parsed.data;
    expect(first).toMatchObject({
      subjectId: "c1",
      actorEmail: "csv@tip.example.gov",
      documentId: "2025-angola",
      documentVersion: "3",
      snapshotHash: "f".repeat(64),
      comment: tricky,
      requestId: "req-csv-user",
    });
    expect(JSON.parse(first!.details!)).toEqual({ a: [1, 2], b: "x,y" });
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second!.comment).toBe("'=HYPERLINK(1)");
  });

  it("an empty export is still a valid file", async () => {
    const csv = await (await call(AS.admin, "/api/audit/export?format=csv&action=test.nothing-matches")).text();
    expect(csv).toBe(`${CSV_COLUMNS.join(",")}\r\n`);
    expect((await (await call(AS.admin, "/api/audit/export?format=jsonl&action=test.nothing-matches")).arrayBuffer()).byteLength).toBe(0);
  });

  it("refuses an unknown format", async () => {
    const res = await call(AS.admin, "/api/audit/export?format=xlsx");
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("invalid_request");
  });
});

describe("nothing in the API changes an audit event", () => {
  it.each(["DELETE", "PUT", "PATCH", "POST"])("%s on /api/audit and /api/audit/:seq is 404 and changes no row", async (method) => {
    const [seq] = await addEvents({ action: "test.immutable", subjectType: "test", subjectId: "i" });
    const before = await env.DB.prepare("SELECT COUNT(*) AS n, (SELECT hash FROM audit_events WHERE seq = ?) AS hash FROM audit_events").bind(seq).first();
    for (const path of ["/api/audit", `/api/audit/${seq}`, "/api/audit/verify", "/api/audit/export"]) {
      const res = await call(AS.admin, path, { method, body: { actorEmail: "rewritten@example.com" } });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await json(res)).error.code).toBe("not_found");
    }
    const after = await env.DB.prepare("SELECT COUNT(*) AS n, (SELECT hash FROM audit_events WHERE seq = ?) AS hash FROM audit_events").bind(seq).first();
    expect(after).toEqual(before);
  });
});
