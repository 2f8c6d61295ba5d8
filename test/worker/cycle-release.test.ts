import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "#shared/canonical-json.ts";
import { canonicalContent } from "#shared/render-document.ts";
import { listCheckpoints, signedText, type CheckpointClaim, type StoredCheckpoint } from "../../worker/audit/audit-checkpoints.ts";
import { runScheduledCheckpoint } from "../../worker/audit/scheduled-checkpoint.ts";
import { loadActiveUser } from "../../worker/auth/current-user.ts";
import { database } from "../../worker/db/client.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { releaseCycle } from "../../worker/cycles/cycle-release.ts";
import { call, json } from "../helpers/api.ts";
import { cycleWithTexts, markCleared, publishedTexts, typeAsDrafter } from "../helpers/editions.ts";
import { RoomClient, waitFor } from "../helpers/room-client.ts";
import { act, AS, cycleWith } from "../helpers/workflow.ts";

const release = (year: number, as: string = AS.leadership) => call(as, `/api/cycles/${year}/release`, { body: { confirm: true } });

async function editionRow(year: number) {
  return env.DB.prepare("SELECT * FROM published_editions WHERE cycle_year = ?")
    .bind(year)
    .first<{ manifest: string; manifest_hash: string; source: string; released_by: string }>();
}

/** The hash a recorded snapshot's sections give, recomputed from the ProseMirror JSON they carry. */
async function recomputedHash(documentId: string, hash: string): Promise<string> {
  const row = (await env.DB.prepare("SELECT sections FROM document_snapshots WHERE document_id = ? AND hash = ?")
    .bind(documentId, hash)
    .first<{ sections: string }>())!;
  const sections = (JSON.parse(row.sections) as { key: string; json: string }[]).map((s) => ({ key: s.key, json: JSON.parse(s.json) }));
  return sha256Hex(canonicalContent(sections));
}

describe("POST /api/cycles/:year/release", () => {
  const YEAR = 2090;
  let cleared: Record<string, string> = {};
  let released: any;

  it("freezes the cleared snapshots: the manifest names each one's hash in report order, and the release checkpoint signs the manifest", async () => {
    cleared = await cycleWithTexts(YEAR, ["Bahrain's government fully meets the minimum standards.", "Oman made significant efforts."]);
    expect((await release(YEAR, AS.admin)).status).toBe(403);
    const res = await release(YEAR);
    expect(res.status).toBe(200);
    released = await json(res);
    expect(released).toMatchObject({ year: YEAR, published: 2, checkpoint: { written: true, error: null } });

    const edition = (await editionRow(YEAR))!;
    expect(edition).toMatchObject({ source: "release", released_by: AS.leadership, manifest_hash: released.manifestHash });
    const manifest = JSON.parse(edition.manifest);
    expect(await sha256Hex(canonicalJson(manifest))).toBe(released.manifestHash);
    expect(manifest.documents.map((d: any) => [d.documentId, d.snapshotHash])).toEqual([
      [`${YEAR}-bahrain`, cleared[`${YEAR}-bahrain`]],
      [`${YEAR}-oman`, cleared[`${YEAR}-oman`]],
    ]);
    // Each hash is the recorded text's own: recomputed from the snapshot's sections it is the same.
    for (const d of manifest.documents) expect(await recomputedHash(d.documentId, d.snapshotHash)).toBe(d.snapshotHash);
    const { results: rows } = await env.DB.prepare(
      "SELECT document_id, snapshot_hash, position FROM published_edition_documents WHERE cycle_year = ? ORDER BY position",
    )
      .bind(YEAR)
      .all();
    expect(rows.map((r: any) => [r.document_id, r.snapshot_hash])).toEqual(manifest.documents.map((d: any) => [d.documentId, d.snapshotHash]));

    // The release's audit event carries the manifest hash, and the checkpoint signed after it names the edition.
    const event = (await env.DB.prepare("SELECT seq, details FROM audit_events WHERE action = 'cycle.release' AND subject_id = ?")
      .bind(String(YEAR))
      .first<{ seq: number; details: string }>())!;
    expect(JSON.parse(event.details)).toEqual({ published: 2, manifestHash: released.manifestHash });
    expect(released.checkpoint.seq).toBeGreaterThanOrEqual(event.seq);
    const checkpoint = (await listCheckpoints(env.AUDIT_CHECKPOINTS)).find(
      (c): c is StoredCheckpoint => "signature" in c && c.seq === released.checkpoint.seq && c.reason === "release",
    );
    expect(checkpoint?.edition).toEqual({ year: YEAR, manifestHash: released.manifestHash });
    const stored = await (await env.AUDIT_CHECKPOINTS.get(checkpoint!.key))!.json<any>();
    expect(stored.edition).toEqual({ year: YEAR, manifestHash: released.manifestHash });
    expect(signedText(checkpoint!)).toContain(released.manifestHash);

    const { results } = await env.DB.prepare("SELECT state FROM documents WHERE cycle_year = ?").bind(YEAR).all<{ state: string }>();
    expect(results.map((r) => r.state)).toEqual(["published", "published"]);
    expect((await json(await call(AS.leadership, `/api/cycles/${YEAR}`))).status).toBe("released");
    expect((await release(YEAR)).status).toBe(409);
  });

  it("verify vouches for the release checkpoint, and reports it once the edition it names is altered", async () => {
    const verify = async () => json(await call(AS.admin, "/api/audit/verify"));
    expect((await verify()).ok).toBe(true);
    const checkpoint = (await listCheckpoints(env.AUDIT_CHECKPOINTS)).find((c): c is StoredCheckpoint => "signature" in c && c.edition?.year === YEAR)!;
    const body = await (await env.AUDIT_CHECKPOINTS.get(checkpoint.key))!.json<Record<string, unknown>>();
    const forgedKey = `${checkpoint.key.replace(/\.json$/, "")}-forged.json`;
    const forged = { ...body, edition: { year: YEAR, manifestHash: "0".repeat(64) } };
    await env.AUDIT_CHECKPOINTS.put(forgedKey, JSON.stringify(forged), {
      customMetadata: Object.fromEntries(Object.entries(forged).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)])),
    });
    try {
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.checkpoints.problems).toEqual([expect.objectContaining({ checkpointKey: forgedKey, kind: "bad_signature" })]);
    } finally {
      await env.AUDIT_CHECKPOINTS.delete(forgedKey);
    }
  });

  it("after the release no action, edit, forced reopen or statement changes the published edition", async () => {
    const before = await publishedTexts(YEAR);
    expect(Object.values(before)).toEqual(["Bahrain's government fully meets the minimum standards.", "Oman made significant efforts."]);
    const bahrain = `${YEAR}-bahrain`;
    // Published is the end of the workflow: leadership cannot reopen it, nobody acts on it.
    const reopen = await act(AS.leadership, bahrain, "reopen", { comment: "A late change." });
    expect(reopen.status).toBe(409);
    // The room stays locked: the drafter's typing is refused and not stored.
    const drafter = await RoomClient.open(AS.drafterNEA, bahrain);
    drafter.type("summary", " Edited after the release.");
    await waitFor(() => drafter.notices.some((n) => n.type === "refused" && n.reason === "locked"), "edit refused");
    drafter.close();
    expect((await documentRoom(env, bahrain).snapshot()).hash).toBe(cleared[bahrain]);

    // No statement of the application can alter the edition or the texts it points at.
    for (const statement of [
      `UPDATE published_editions SET manifest_hash = 'x' WHERE cycle_year = ${YEAR}`,
      `DELETE FROM published_editions WHERE cycle_year = ${YEAR}`,
      `UPDATE published_edition_documents SET snapshot_hash = 'x' WHERE cycle_year = ${YEAR}`,
      `DELETE FROM published_edition_documents WHERE cycle_year = ${YEAR}`,
      `UPDATE document_snapshots SET sections = '[]' WHERE document_id = '${bahrain}'`,
      `DELETE FROM document_snapshots WHERE document_id = '${bahrain}'`,
    ]) {
      await expect(env.DB.prepare(statement).run(), statement).rejects.toThrow(/frozen|immutable/);
    }

    // Even a document forced back into review by hand and rewritten leaves the edition as it was.
    await env.DB.prepare("UPDATE documents SET state = 'in_review', version = version + 1 WHERE id = ?").bind(bahrain).run();
    const version = (await env.DB.prepare("SELECT version FROM documents WHERE id = ?").bind(bahrain).first<{ version: number }>())!.version;
    await documentRoom(env, bahrain).applyWorkflow({ state: "in_review", version, changedBy: "test" });
    await typeAsDrafter(bahrain, " Rewritten after the release.");
    await markCleared(bahrain);
    expect(await publishedTexts(YEAR)).toEqual(before);
    expect((await editionRow(YEAR))!.manifest_hash).toBe(released.manifestHash);
  });

  it("refuses while one narrative is not cleared, naming it and its state; nothing is published", async () => {
    await cycleWithTexts(2091, ["Bahrain text.", "Oman text.", "Qatar text."], ["cleared", "in_clearance", "cleared"]);
    const res = await release(2091);
    expect(res.status).toBe(409);
    const { error } = await json(res);
    expect(error.code).toBe("not_all_cleared");
    expect(error.message).toContain("oman (in clearance)");
    expect(error.details.blockers).toEqual([{ documentId: "2091-oman", title: "oman", state: "in_clearance", kind: "country_narrative" }]);
    expect(error.details.byState).toEqual({ in_clearance: 1 });
    expect(await editionRow(2091)).toBeNull();
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM documents WHERE cycle_year = 2091 AND state = 'published'").first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it("names the first blockers in report order and counts the rest", async () => {
    await cycleWith(2092, ["drafting", "returned", "in_review"]);
    await env.DB.prepare(
      "INSERT INTO documents (id, cycle_year, kind, section_key, title, state, sort_order) VALUES ('2092-section-methodology', 2092, 'report_section', 'methodology', 'Methodology', 'drafting', 8)",
    ).run();
    const { error } = await json(await release(2092));
    // Report sections come first, then the narratives alphabetically.
    expect(error.details.blockers.map((b: any) => b.title)).toEqual(["Methodology", "bahrain", "oman", "qatar"]);
    expect(error.message).toContain("Methodology (drafting), bahrain (drafting), oman (returned to drafters) and 1 more");
  });

  it("refuses when a room does not hold the text that was cleared, naming the document", async () => {
    await cycleWithTexts(2093, ["Bahrain text."]);
    const bahrain = "2093-bahrain";
    // What no route can do: move the cleared hash to another recorded text.
    const other = "f".repeat(64);
    await env.DB.prepare(
      "INSERT INTO document_snapshots (document_id, hash, through_seq, taken_at, taken_by, sections) VALUES (?, ?, 0, '2093-01-01T00:00:00Z', 'test', '[]')",
    )
      .bind(bahrain, other)
      .run();
    await env.DB.prepare("UPDATE documents SET text_hash = ? WHERE id = ?").bind(other, bahrain).run();
    const res = await release(2093);
    expect(res.status).toBe(409);
    expect((await json(res)).error).toMatchObject({ code: "text_changed", details: { documentId: bahrain, clearedHash: other } });
    expect(await editionRow(2093)).toBeNull();
  });
});

describe("release checkpoints", () => {
  it("a release whose checkpoint could not be written stands, and the next cron run signs its edition", async () => {
    await cycleWithTexts(2094, ["Bahrain text."]);
    const user = (await loadActiveUser(database(env), { by: "id", id: AS.leadership }))!;
    const result = await releaseCycle({ ...env, AUDIT_SIGNING_KEY: undefined }, { user, requestId: null }, 2094);
    expect(result.checkpoint).toMatchObject({ written: false, seq: null });
    expect(result.checkpoint.error).toContain("AUDIT_SIGNING_KEY");
    const signed = async () => (await listCheckpoints(env.AUDIT_CHECKPOINTS)).filter((c) => "signature" in c && c.edition?.year === 2094);
    expect(await signed()).toEqual([]);
    await runScheduledCheckpoint(env);
    expect((await signed()).map((c) => (c as StoredCheckpoint).edition)).toEqual([{ year: 2094, manifestHash: result.manifestHash }]);
    // Signed once: the next run finds it.
    await runScheduledCheckpoint(env);
    expect(await signed()).toHaveLength(1);
  });

  it("a claim without an edition signs exactly what it signed before editions existed", () => {
    const claim: CheckpointClaim = { seq: 7, headHash: "a".repeat(64), events: 7, at: "2025-06-24T00:00:00.000Z", reason: "schedule" };
    expect(signedText(claim)).toBe(`{"at":"2025-06-24T00:00:00.000Z","events":7,"headHash":"${"a".repeat(64)}","reason":"schedule","seq":7}`);
    expect(signedText({ ...claim, edition: { year: 2025, manifestHash: "b".repeat(64) } })).toContain(
      `"edition":{"manifestHash":"${"b".repeat(64)}","year":2025}`,
    );
  });
});
