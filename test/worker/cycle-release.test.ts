import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json } from "../helpers/api.ts";
import { AS, cycleWith } from "../helpers/workflow.ts";

describe("POST /api/cycles/:year/release", () => {
  it("publishes every document once all are cleared, with one audit event", async () => {
    await cycleWith(2090, ["cleared", "cleared"]);
    expect((await call(AS.admin, "/api/cycles/2090/release", { body: { confirm: true } })).status).toBe(403);
    const res = await call(AS.leadership, "/api/cycles/2090/release", { body: { confirm: true } });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ year: 2090, published: 2, checkpoint: { written: true, error: null } });
    // The release's checkpoint signs the chain head that includes the release event itself.
    const release = await env.DB.prepare("SELECT seq FROM audit_events WHERE action = 'cycle.release' AND subject_id = '2090'").first<{ seq: number }>();
    expect(body.checkpoint.seq).toBeGreaterThanOrEqual(release!.seq);
    const listed = await env.AUDIT_CHECKPOINTS.list({ prefix: "checkpoints/", include: ["customMetadata"] });
    expect(listed.objects.some((o) => o.customMetadata?.reason === "release" && Number(o.customMetadata?.seq) === body.checkpoint.seq)).toBe(true);
    const { results } = await env.DB.prepare("SELECT state FROM documents WHERE cycle_year = 2090").all<{ state: string }>();
    expect(results.map((r) => r.state)).toEqual(["published", "published"]);
    expect((await json(await call(AS.leadership, "/api/cycles/2090"))).status).toBe("released");
    expect((await call(AS.leadership, "/api/cycles/2090/release", { body: { confirm: true } })).status).toBe(409);
  });

  it("refuses while any document lacks final clearance, saying how many and where they stand", async () => {
    await cycleWith(2091, ["cleared", "in_clearance", "drafting"]);
    const res = await call(AS.leadership, "/api/cycles/2091/release", { body: { confirm: true } });
    expect(res.status).toBe(409);
    expect((await json(res)).error).toMatchObject({ code: "not_all_cleared", details: { byState: { in_clearance: 1, drafting: 1 } } });
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM documents WHERE cycle_year = 2091 AND state = 'published'").first<{ n: number }>())!;
    expect(n).toBe(0);
  });
});
