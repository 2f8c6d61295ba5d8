import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { REPORT_SECTIONS } from "#shared/report-sections.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { call, json } from "../helpers/api.ts";
import { cycleWithTexts, NEA_COUNTRIES, sectionText, typeAsDrafter } from "../helpers/editions.ts";
import { RoomClient } from "../helpers/room-client.ts";
import { AS } from "../helpers/workflow.ts";

const open = (year: unknown, as: string = AS.admin) => call(as, "/api/cycles", { body: { year } });
const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;

const TEXTS = ["Bahrain prosecuted more traffickers.", "Oman opened a shelter.", "Qatar adopted a national action plan."];

describe("POST /api/cycles", () => {
  it("is refused for a non-admin (403), an existing year (409), an older year, and while the newest cycle is not released; nothing is created", async () => {
    expect((await open(2026, AS.leadership)).status).toBe(403);
    expect((await open(2026, AS.drafterNEA)).status).toBe(403);
    expect((await open("2026")).status).toBe(400);
    const exists = await open(2025);
    expect(exists.status).toBe(409);
    expect((await json(exists)).error).toMatchObject({ code: "cycle_exists" });
    expect((await json(await open(2023))).error).toMatchObject({ code: "not_next_cycle", details: { newest: 2025 } });
    const unreleased = await open(2026);
    expect(unreleased.status).toBe(409);
    expect((await json(unreleased)).error).toMatchObject({ code: "previous_not_released", details: { previous: 2025, status: "drafting" } });
    expect(await count("SELECT COUNT(*) AS n FROM report_cycles WHERE year IN (2023, 2026)")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM documents WHERE cycle_year = 2026")).toBe(0);
  });

  it("carries last year's published text into every document that has one, through its room, as one system import", async () => {
    const hashes = await cycleWithTexts(2090, TEXTS);
    expect((await call(AS.leadership, "/api/cycles/2090/release", { body: { confirm: true } })).status).toBe(200);

    const res = await open(2091);
    expect(res.status).toBe(201);
    const countries = await count("SELECT COUNT(*) AS n FROM countries");
    expect(await json(res)).toEqual({ year: 2091, documents: countries + REPORT_SECTIONS.length, carriedForward: 3, fromEdition: 2090 });

    const cycle = await json(await call(AS.admin, "/api/cycles/2091"));
    expect(cycle).toMatchObject({ status: "drafting", periodStart: "2090-04-01", periodEnd: "2091-03-31", releaseDate: "2091-06-24" });
    // The default lists come from the cycle before (the standard ones, as it had none).
    expect(await count("SELECT COUNT(*) AS n FROM clearance_defaults WHERE cycle_year = 2091")).toBe(7);
    expect(await count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'cycle.open' AND subject_id = '2091'")).toBe(1);

    for (const [i, country] of NEA_COUNTRIES.entries()) {
      const id = `2091-${country}`;
      const row = await env.DB.prepare("SELECT state, starting_document_id, starting_snapshot_hash FROM documents WHERE id = ?").bind(id).first();
      expect(row).toEqual({ state: "drafting", starting_document_id: `2090-${country}`, starting_snapshot_hash: hashes[`2090-${country}`] });
      const reader = await RoomClient.open(AS.reviewerNEA, id);
      expect(sectionText(reader, "summary")).toBe(TEXTS[i]);
      reader.close();
      // One row in the room's log, by the system, and the carried text recorded with the very hash it had.
      const room = documentRoom(env, id);
      expect((await room.status()).log.updates).toBe(1);
      expect((await room.history()).map((s) => [s.userId, s.userName])).toEqual([["system", "Carried forward from the 2090 report"]]);
      const snapshots = await json(await call(AS.reviewerNEA, `/api/documents/${id}/snapshots`));
      expect(snapshots.snapshots.map((s: any) => [s.hash, s.takenBy])).toEqual([[hashes[`2090-${country}`], "system"]]);
    }
    // A country without last year's text (the 2090 edition had three) starts empty.
    expect(await env.DB.prepare("SELECT starting_snapshot_hash AS h FROM documents WHERE id = '2091-kenya'").first()).toEqual({ h: null });
    expect((await documentRoom(env, "2091-kenya").status()).log.updates).toBe(0);

    // The diff from the carried-forward text to the room's text shows exactly what this year changed.
    await typeAsDrafter("2091-bahrain", " It also convicted twelve.");
    const diff = await json(await call(AS.reviewerNEA, `/api/documents/2091-bahrain/snapshots/${hashes["2090-bahrain"]}/diff/current`));
    const summary = diff.sections.find((s: any) => s.key === "summary");
    expect(summary.parts.filter((p: any) => p.change === "added").map((p: any) => p.text.trim())).toEqual(["It also convicted twelve."]);
    expect(summary.parts.filter((p: any) => p.change === "removed")).toEqual([]);
    expect(diff.sections.filter((s: any) => s.key !== "summary").every((s: any) => !s.changed)).toBe(true);

    // Opening the same year again is refused and adds nothing.
    expect((await open(2091)).status).toBe(409);
    expect(await count("SELECT COUNT(*) AS n FROM documents WHERE cycle_year = 2091")).toBe(countries + REPORT_SECTIONS.length);
  });
});
