import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { commitWithAudit, verifyAuditChain } from "../../worker/audit/audit-log.ts";
import { database } from "../../worker/db/client.ts";
import { AS, call, json } from "../helpers/api.ts";
import { withTamperedTrail } from "../helpers/audit.ts";

describe("audit trail", () => {
  it("records admin changes with actor and request id, in a hash chain that verifies", async () => {
    const res = await call(AS.admin, "/api/admin/users", { body: { email: `audited.${Date.now()}@tip.example.gov`, name: "Audited Person" } });
    const user = await json(res);
    const event = await env.DB.prepare("SELECT * FROM audit_events WHERE subject_id = ? AND action = 'user.create'").bind(user.id).first<any>();
    expect(event).toMatchObject({ actor_user_id: AS.admin, request_id: res.headers.get("X-Request-Id") });
    expect(await verifyAuditChain(database(env))).toMatchObject({ ok: true });
  });

  it("concurrent writers all land, in one unbroken chain", async () => {
    const db = database(env);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        commitWithAudit(db, { actor: { id: null, email: null }, requestId: null }, { action: "test.concurrent", subjectType: "test", subjectId: String(i) }),
      ),
    );
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'test.concurrent'").first<{ n: number }>())!;
    expect(n).toBe(12);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("the database refuses to change or remove an event", async () => {
    const db = database(env);
    await commitWithAudit(db, { actor: { id: null, email: null }, requestId: null }, { action: "test.append_only", subjectType: "test", subjectId: "x" });
    await expect(env.DB.prepare("UPDATE audit_events SET actor_email = 'x@example.com' WHERE action = 'test.append_only'").run()).rejects.toThrow(
      /audit_events_are_append_only/,
    );
    await expect(env.DB.prepare("DELETE FROM audit_events WHERE action = 'test.append_only'").run()).rejects.toThrow(/audit_events_are_append_only/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("detects a row altered afterwards by someone who dropped the triggers", async () => {
    const db = database(env);
    await commitWithAudit(db, { actor: { id: null, email: null }, requestId: null }, { action: "test.tamper", subjectType: "test", subjectId: "x" });
    await withTamperedTrail(
      () =>
        env.DB.prepare("UPDATE audit_events SET actor_email = 'someone-else@example.com' WHERE action = 'test.tamper'")
          .run()
          .then(() => undefined),
      async () => {
        const result = await verifyAuditChain(db);
        expect(result.ok).toBe(false);
        expect(result.firstBrokenSeq).not.toBeNull();
      },
    );
  });
});
