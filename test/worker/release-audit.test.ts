/**
 * POST /api/cycles/:year/release and the audit trail: a release is exactly one audit event, and that
 * event commits in the same batch as the publication (a release that fails leaves neither).
 * cycle-release.test.ts covers the release itself.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../worker/audit/audit-log.ts";
import { database } from "../../worker/db/client.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { call, json } from "../helpers/api.ts";
import { AS, cycleWith, type AuditEventRow } from "../helpers/workflow.ts";

const release = (year: number) => call(AS.leadership, `/api/cycles/${year}/release`, { body: { confirm: true } });

/** A cycle of its own whose narratives stand cleared as final clearance leaves them: text recorded, room locked. */
async function clearedCycle(year: number): Promise<string[]> {
  await cycleWith(year, ["drafting", "drafting"]);
  const ids = [`${year}-bahrain`, `${year}-oman`];
  for (const id of ids) {
    const room = documentRoom(env, id);
    const snapshot = await room.snapshot();
    const { version } = (await env.DB.prepare("UPDATE documents SET state = 'cleared', text_hash = ?, version = version + 1 WHERE id = ? RETURNING version")
      .bind(snapshot.hash, id)
      .first<{ version: number }>())!;
    await env.DB.prepare("INSERT INTO document_snapshots (document_id, hash, through_seq, taken_at, taken_by, sections) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(id, snapshot.hash, snapshot.throughSeq, snapshot.takenAt, AS.leadership, JSON.stringify(snapshot.sections))
      .run();
    await room.applyWorkflow({ state: "cleared", version, changedBy: "Morgan Ambassador" });
  }
  return ids;
}

async function eventsAfter(seq: number): Promise<AuditEventRow[]> {
  return (await env.DB.prepare("SELECT * FROM audit_events WHERE seq > ? ORDER BY seq").bind(seq).all<AuditEventRow>()).results;
}

const head = async () => (await env.DB.prepare("SELECT COALESCE(MAX(seq), 0) AS seq FROM audit_events").first<{ seq: number }>())!.seq;

describe("POST /api/cycles/:year/release: the audit event", () => {
  it("a release adds exactly one audit event: cycle.release by the person who released, with the count published", async () => {
    const year = 2095;
    await clearedCycle(year);
    const before = await head();
    const res = await release(year);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ year, published: 2 });
    const events = await eventsAfter(before);
    expect(events.map((e) => [e.action, e.subject_type, e.subject_id, e.actor_user_id])).toEqual([["cycle.release", "cycle", String(year), AS.leadership]]);
    expect(events[0]!.request_id).toBe(res.headers.get("X-Request-Id"));
    expect(JSON.parse(events[0]!.details)).toMatchObject({ published: 2 });
    expect((await verifyAuditChain(database(env))).ok).toBe(true);
  });

  it("the event commits with the publication: a release whose batch fails leaves no event, no published document, the cycle open", async () => {
    const year = 2096;
    const ids = await clearedCycle(year);
    const before = await head();
    // The database refuses to publish this cycle's documents, as a failing write would.
    await env.DB.prepare(
      `CREATE TRIGGER test_publish_fails BEFORE UPDATE OF state ON documents WHEN NEW.state = 'published' AND NEW.cycle_year = ${year} BEGIN SELECT RAISE(ABORT, 'injected publish failure'); END`,
    ).run();
    try {
      expect((await release(year)).status).toBe(500);
    } finally {
      await env.DB.prepare("DROP TRIGGER test_publish_fails").run();
    }
    expect(await eventsAfter(before)).toEqual([]);
    const { results } = await env.DB.prepare("SELECT id, state FROM documents WHERE cycle_year = ? ORDER BY id")
      .bind(year)
      .all<{ id: string; state: string }>();
    expect(results).toEqual(ids.map((id) => ({ id, state: "cleared" })));
    expect((await json(await call(AS.leadership, `/api/cycles/${year}`))).status).not.toBe("released");

    // Nothing half-done stands in the way: the release goes through once the database takes it, with its one event.
    expect((await release(year)).status).toBe(200);
    expect((await eventsAfter(before)).map((e) => e.action)).toEqual(["cycle.release"]);
  });
});
