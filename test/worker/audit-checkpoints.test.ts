import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { commitWithAudit, verifyAuditChain } from "../../worker/audit/audit-log.ts";
import {
  CHECKPOINT_PREFIX,
  checkpointKey,
  listCheckpoints,
  signedText,
  writeAuditCheckpoint,
  type CheckpointClaim,
} from "../../worker/audit/audit-checkpoints.ts";
import { loadSigner } from "../../worker/audit/audit-signing.ts";
import { database } from "../../worker/db/client.ts";
import worker from "../../worker/index.ts";
import { AS, call, json } from "../helpers/api.ts";
import { addEvents, appendChainInBulk, eventCount, recordingDatabase, rewriteChainFrom, SYSTEM, withTamperedTrail } from "../helpers/audit.ts";

const verify = async () => {
  const res = await call(AS.admin, "/api/audit/verify");
  expect(res.status).toBe(200);
  return json(res);
};

const checkpointNow = async () => {
  const result = await writeAuditCheckpoint(env, { reason: "manual" });
  return result.checkpoint!;
};

describe("audit verify: the chain", () => {
  it("altering one audit row directly in D1 makes verify report exactly that event", async () => {
    const [, middle] = await addEvents(
      { action: "test.verify", subjectType: "test", subjectId: "a" },
      { action: "test.verify", subjectType: "test", subjectId: "b" },
      { action: "test.verify", subjectType: "test", subjectId: "c" },
    );
    // verify vouches only with a fresh checkpoint (test/worker/api-hardening.test.ts, point 12).
    await checkpointNow();
    expect((await verify()).ok).toBe(true);
    await withTamperedTrail(
      async () => {
        await env.DB.prepare("UPDATE audit_events SET actor_email = 'someone-else@example.com' WHERE seq = ?").bind(middle).run();
      },
      async () => {
        const result = await verify();
        expect(result).toMatchObject({ ok: false, firstBrokenSeq: middle, brokenSeqs: [middle] });
      },
    );
    expect((await verify()).ok).toBe(true);
  });

  it("50 concurrent actions on different documents leave one unbroken chain", async () => {
    const before = await eventCount();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        commitWithAudit(database(env), SYSTEM, {
          action: "test.concurrent50",
          subjectType: "document",
          subjectId: `2025-doc-${i}`,
          documentId: `2025-doc-${i}`,
        }),
      ),
    );
    expect(await eventCount()).toBe(before + 50);
    const { results } = await env.DB.prepare("SELECT DISTINCT document_id FROM audit_events WHERE action = 'test.concurrent50'").all();
    expect(results).toHaveLength(50);
    const chain = await verifyAuditChain(database(env));
    expect(chain).toMatchObject({ ok: true, events: before + 50, firstBrokenSeq: null });
    expect((await verify()).ok).toBe(true);
  });

  it("verifies 20,000 events a page at a time, and still names exactly the one altered deep inside", async () => {
    const before = await eventCount();
    await appendChainInBulk(20_000);
    const total = before + 20_000;
    const { db, queries } = recordingDatabase();
    const started = Date.now();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, events: total });
    // Generous bound (about 1 s locally): it catches a return to one query and one await per row, not machine speed.
    expect(Date.now() - started).toBeLessThan(30_000);
    // A page is one query of at most 1,000 rows, each after the last seq of the one before, until a
    // short page: never the whole table at once, never a query per row.
    const pages = queries.filter((q) => /from "audit_events"/i.test(q.sql));
    expect(pages).toHaveLength(Math.floor(total / 1000) + 1);
    expect(pages.every((p) => p.params.includes(1000) && p.rows <= 1000)).toBe(true);
    expect(pages.reduce((sum, p) => sum + p.rows, 0)).toBe(total);
    const after = pages.map((p) => p.params[0] as number);
    expect(after[0]).toBe(0);
    expect(after.every((seq, i) => i === 0 || seq > after[i - 1]!)).toBe(true);
    const deep = (await env.DB.prepare("SELECT seq FROM audit_events ORDER BY seq LIMIT 1 OFFSET ?")
      .bind(before + 15_000)
      .first<{ seq: number }>())!.seq;
    await withTamperedTrail(
      async () => {
        await env.DB.prepare("UPDATE audit_events SET details = '{\"i\":-1}' WHERE seq = ?").bind(deep).run();
      },
      async () => expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: deep, brokenSeqs: [deep] }),
    );
  }, 120_000);
});

describe("audit verify: checkpoints", () => {
  it("a checkpoint is signed, stored under a seq-ordered key, and skipped when the head has not moved", async () => {
    const [seq] = await addEvents({ action: "test.checkpoint", subjectType: "test", subjectId: "cp" });
    const first = await writeAuditCheckpoint(env, { reason: "manual" });
    expect(first.written).toBe(true);
    expect(first.checkpoint).toMatchObject({ seq, reason: "manual" });
    expect(first.checkpoint!.key).toMatch(new RegExp(`^${CHECKPOINT_PREFIX}${String(seq).padStart(12, "0")}-`));
    const stored = (await (await env.AUDIT_CHECKPOINTS.get(first.checkpoint!.key))!.json()) as Record<string, unknown>;
    expect(stored).toMatchObject({ seq, headHash: first.checkpoint!.headHash, signature: first.checkpoint!.signature, publicKey: expect.any(String) });
    expect(await writeAuditCheckpoint(env, { reason: "manual" })).toMatchObject({ written: false, reason: "unchanged" });
    expect((await writeAuditCheckpoint(env, { reason: "release" })).written).toBe(true);
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.checkpoints.latest).toMatchObject({ seq, headHash: first.checkpoint!.headHash });
    expect(result.checkpoints.checked).toBeGreaterThanOrEqual(2);
  });

  // These two rehash or verify the whole trail, 20,000 events and more by now: real work, given time.
  it("rewriting the whole chain consistently (every hash recomputed) after a checkpoint is still reported", async () => {
    const [early] = await addEvents(
      { action: "test.rewrite", subjectType: "test", subjectId: "r1" },
      { action: "test.rewrite", subjectType: "test", subjectId: "r2" },
      { action: "test.rewrite", subjectType: "test", subjectId: "r3" },
    );
    const checkpoint = await checkpointNow();
    await addEvents({ action: "test.rewrite", subjectType: "test", subjectId: "after" });
    await withTamperedTrail(
      () => rewriteChainFrom(early!, { actorEmail: "forger@example.com" }),
      async () => {
        // The chain alone is consistent again: only the checkpoint can tell.
        expect((await verifyAuditChain(database(env))).ok).toBe(true);
        const result = await verify();
        expect(result.ok).toBe(false);
        expect(result.firstBrokenSeq).toBeNull();
        expect(result.checkpoints.problems).toContainEqual(
          expect.objectContaining({ checkpointSeq: checkpoint.seq, kind: "rewritten", message: expect.stringContaining(`#${checkpoint.seq}`) }),
        );
      },
    );
    expect((await verify()).ok).toBe(true);
  }, 60_000);

  it("deleting the newest events after a checkpoint is reported as a truncation", async () => {
    const seqs = await addEvents(
      { action: "test.truncate", subjectType: "test", subjectId: "t1" },
      { action: "test.truncate", subjectType: "test", subjectId: "t2" },
      { action: "test.truncate", subjectType: "test", subjectId: "t3" },
    );
    const checkpoint = await checkpointNow();
    await withTamperedTrail(
      async () => {
        await env.DB.prepare("DELETE FROM audit_events WHERE seq >= ?").bind(seqs[1]).run();
      },
      async () => {
        // Removing the tail leaves a chain that recomputes cleanly.
        expect((await verifyAuditChain(database(env))).ok).toBe(true);
        const result = await verify();
        expect(result.ok).toBe(false);
        expect(result.head.seq).toBe(seqs[0]);
        expect(result.checkpoints.problems).toContainEqual(
          expect.objectContaining({ checkpointSeq: checkpoint.seq, kind: "truncated", message: expect.stringContaining(`ends at #${seqs[0]}`) }),
        );
      },
    );
    expect((await verify()).ok).toBe(true);
  }, 60_000);

  it("a checkpoint signed with another key, or with contents changed after signing, is reported", async () => {
    const [seq] = await addEvents({ action: "test.forged", subjectType: "test", subjectId: "f" });
    const head = (await env.DB.prepare("SELECT hash FROM audit_events WHERE seq = ?").bind(seq).first<{ hash: string }>())!;
    const claim: CheckpointClaim = { seq: seq!, headHash: head.hash, events: await eventCount(), at: new Date().toISOString(), reason: "manual" };
    const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const otherPkcs8 = btoa(String.fromCharCode(...new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer)));
    const stranger = (await loadSigner(otherPkcs8))!;
    const ours = (await loadSigner(env.AUDIT_SIGNING_KEY))!;
    const forgedKey = checkpointKey(claim.seq, `${claim.at}-forged`);
    const alteredKey = checkpointKey(claim.seq, `${claim.at}-altered`);
    const put = (key: string, fields: Record<string, unknown>) =>
      env.AUDIT_CHECKPOINTS.put(key, JSON.stringify(fields), { customMetadata: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])) });
    await put(forgedKey, { ...claim, keyId: stranger.keyId, signature: await stranger.sign(signedText(claim)) });
    await put(alteredKey, { ...claim, events: claim.events + 1, keyId: ours.keyId, signature: await ours.sign(signedText(claim)) });
    try {
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.checkpoints.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ checkpointKey: forgedKey, kind: "unknown_key" }),
          expect.objectContaining({ checkpointKey: alteredKey, kind: "bad_signature" }),
        ]),
      );
    } finally {
      await env.AUDIT_CHECKPOINTS.delete([forgedKey, alteredKey]);
    }
    expect((await verify()).ok).toBe(true);
  });

  it("the cron trigger writes a scheduled checkpoint of the head, and none when nothing changed", async () => {
    const [seq] = await addEvents({ action: "test.cron", subjectType: "test", subjectId: "cron" });
    const runCron = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: "17 * * * *" }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    const prefix = `${CHECKPOINT_PREFIX}${String(seq).padStart(12, "0")}-`;
    await runCron();
    const written = await listCheckpoints(env.AUDIT_CHECKPOINTS, prefix);
    expect(written).toEqual([expect.objectContaining({ seq, reason: "schedule" })]);
    await runCron();
    expect(await listCheckpoints(env.AUDIT_CHECKPOINTS, prefix)).toHaveLength(1);
  });

  it("POST /api/audit/checkpoints writes one for admins only", async () => {
    await addEvents({ action: "test.ondemand", subjectType: "test", subjectId: "od" });
    expect((await call(AS.leadership, "/api/audit/checkpoints", { method: "POST" })).status).toBe(403);
    const res = await call(AS.admin, "/api/audit/checkpoints", { method: "POST" });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ written: true, skipped: null, checkpoint: { reason: "manual" } });
    expect(await json(await call(AS.admin, "/api/audit/checkpoints", { method: "POST" }))).toMatchObject({ written: false, skipped: "unchanged" });
  });
});
