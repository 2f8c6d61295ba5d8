/**
 * GET /api/cycles/:year/report.{html,docx,json}?edition=published: the text frozen at the release
 * (the manifest's recorded texts, not the rooms), for any signed-in user; an older snapshot without
 * JSON read from its HTML; and a damaged recorded text failing the compile with its document named.
 */
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { ReportProgressLineSchema, ReportSchema, ReportStatusSchema } from "#shared/api/report.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { AS, call, json } from "../helpers/api.ts";
import {
  doc,
  ensureGlobalDrafter,
  insertSnapshot,
  paragraph,
  publishEdition,
  recordSnapshot,
  smallCycle,
  text,
  wordParagraphs,
  writeSections,
} from "../helpers/report.ts";

const YEAR = 2097;
const LEGACY_HASH = "1e9acy".padEnd(64, "0");

beforeAll(async () => {
  const drafter = await ensureGlobalDrafter();
  await smallCycle(YEAR, [
    { key: "section:introduction", title: "Introduction" },
    { key: "bahrain", title: "Bahrain" },
    { key: "oman", title: "Oman" },
  ]);
  await writeSections(drafter, `${YEAR}-section-introduction`, { body: doc(paragraph("The released introduction.")) });
  await writeSections(drafter, `${YEAR}-bahrain`, {
    summary: doc(paragraph("Bahrain as released.")),
    prosecution: doc(paragraph("Bahrain prosecuted 12 cases.")),
  });
  await writeSections(drafter, `${YEAR}-oman`, { summary: doc(paragraph("Oman ", text("as released", [{ type: "bold" }]), ".")) });
  const intro = await recordSnapshot(`${YEAR}-section-introduction`);
  const bahrain = await recordSnapshot(`${YEAR}-bahrain`);
  // Oman's recorded text predates the compiler: HTML only, no ProseMirror JSON.
  const omanRoom = await documentRoom(env, `${YEAR}-oman`).snapshot();
  await insertSnapshot(
    `${YEAR}-oman`,
    LEGACY_HASH,
    omanRoom.sections.map(({ key, label, html, text }) => ({ key, label, html, text })),
  );
  // Typed after its text was recorded: the room has it, the edition does not.
  await writeSections(drafter, `${YEAR}-bahrain`, { profile: doc(paragraph("Added after the release.")) });
  await publishEdition(YEAR, [
    { documentId: `${YEAR}-section-introduction`, snapshotHash: intro },
    { documentId: `${YEAR}-bahrain`, snapshotHash: bahrain, tier: "tier1" },
    { documentId: `${YEAR}-oman`, snapshotHash: LEGACY_HASH, tier: "tier2" },
  ]);
});

describe("the published edition", () => {
  it("is the frozen text, for any signed-in user (a drafter of another region too), with no DRAFT marks", async () => {
    const res = await call(AS.drafterAF, `/api/cycles/${YEAR}/report.html?edition=published`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe(`inline; filename="tip-report-${YEAR}-published.html"`);
    const html = await res.text();
    const main = html.slice(html.indexOf("<main>"));
    expect([...main.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => m[1]).slice(0, 3)).toEqual(["Introduction", "BAHRAIN: TIER 1", "OMAN: TIER 2"]);
    expect(main).toContain("Bahrain prosecuted 12 cases.");
    expect(main).toContain("Oman <strong>as released</strong>.");
    expect(html).not.toContain("Added after the release");
    expect(html).not.toContain('class="draft-flag"');
    expect(html).not.toContain("entry draft");
    expect(html).not.toContain('id="not-cleared"');
    const { manifest_hash } = (await env.DB.prepare("SELECT manifest_hash FROM published_editions WHERE cycle_year = ?")
      .bind(YEAR)
      .first<{ manifest_hash: string }>())!;
    expect(html).toContain(`manifest SHA-256 ${manifest_hash}`);
  });

  it("as JSON: the model with the manifest's hash and tiers, every entry cleared, the tables over every narrative", async () => {
    const body = await json(await call(AS.drafterAF, `/api/cycles/${YEAR}/report.json?edition=published`));
    expect(ReportSchema.parse(body)).toEqual(body);
    expect(body).toMatchObject({ edition: "published", notCleared: [] });
    expect(body.manifestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.narratives.map((n: any) => [n.heading, n.cleared, n.snapshotHash === LEGACY_HASH])).toEqual([
      ["BAHRAIN: TIER 1", true, false],
      ["OMAN: TIER 2", true, true],
    ]);
    // Read back from the HTML: the same paragraph and bold mark the JSON would have held.
    expect(body.narratives[1].sections[0].json).toEqual(doc(paragraph("Oman ", text("as released", [{ type: "bold" }]), ".")));
    expect(body.lawEnforcement.partial).toBe(false);
    expect(body.tierPlacements).toMatchObject({ source: "tier_history", partial: false, global: { counts: { tier1: 1, tier2: 1 } } });
  });

  it("as Word: the legacy text, read from its HTML, keeps its formatting", async () => {
    const res = await call(AS.drafterAF, `/api/cycles/${YEAR}/report.docx?edition=published`);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="tip-report-${YEAR}-published.docx"`);
    const xml = await (await JSZip.loadAsync(await res.arrayBuffer())).file("word/document.xml")!.async("string");
    expect(
      wordParagraphs(xml)
        .filter((p) => p.style === "Heading1")
        .map((p) => p.text)
        .slice(0, 3),
    ).toEqual(["Introduction", "BAHRAIN: TIER 1", "OMAN: TIER 2"]);
    expect(xml).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">as released</w:t></w:r>');
    expect(xml).not.toContain("DRAFT");
  });

  it("the preview of the same cycle reads the rooms, so it has what was typed after", async () => {
    expect(await (await call(AS.leadership, `/api/cycles/${YEAR}/report.html`)).text()).toContain("Added after the release.");
  });

  it("GET /api/cycles/:year/report names the edition and allows no second release", async () => {
    const body = await json(await call(AS.leadership, `/api/cycles/${YEAR}/report`));
    expect(ReportStatusSchema.parse(body)).toEqual(body);
    expect(body).toMatchObject({
      cycleStatus: "released",
      blockers: [],
      canRelease: false,
      published: { releasedBy: "demo-ambassador", documents: 3, checkpointSeq: null },
    });
    expect(body.published.manifestHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("a document that fails is named", () => {
  it("a recorded text that is not JSON fails the gather: 500 naming it, or in the stream after the documents before it", async () => {
    await smallCycle(2098, [
      { key: "bahrain", title: "Bahrain" },
      { key: "oman", title: "Oman" },
      { key: "qatar", title: "Qatar" },
    ]);
    await writeSections(await ensureGlobalDrafter(), "2098-bahrain", { summary: doc(paragraph("Fine.")) });
    const fine = await recordSnapshot("2098-bahrain");
    await env.DB.prepare(
      "INSERT INTO document_snapshots (document_id, hash, through_seq, taken_at, sections) VALUES ('2098-oman', 'broken', 0, '2098-01-01T00:00:00Z', '{not json')",
    ).run();
    await insertSnapshot("2098-qatar", "empty", []);
    await publishEdition(2098, [
      { documentId: "2098-bahrain", snapshotHash: fine },
      { documentId: "2098-oman", snapshotHash: "broken" },
      { documentId: "2098-qatar", snapshotHash: "empty" },
    ]);
    const res = await call(AS.leadership, "/api/cycles/2098/report.json?edition=published");
    expect(res.status).toBe(500);
    const { error } = await json(res);
    expect(error).toMatchObject({ code: "report_document_failed", details: { documentId: "2098-oman", title: "Oman" } });
    expect(error.message).toContain('"Oman" (2098-oman)');

    const stream = await call(AS.leadership, "/api/cycles/2098/report.docx?edition=published&progress=ndjson");
    const lines = (await stream.text())
      .trimEnd()
      .split("\n")
      .map((l) => ReportProgressLineSchema.parse(JSON.parse(l)));
    expect(lines.map((l) => l.type)).toEqual(["progress", "error"]);
    expect(lines[0]).toMatchObject({ documentId: "2098-bahrain", done: 1, total: 3 });
    expect(lines[1]).toMatchObject({ type: "error", error: { code: "report_document_failed", details: { documentId: "2098-oman", title: "Oman" } } });
  });

  it("a section whose JSON is damaged fails the compile after every document was gathered, naming it and the section", async () => {
    await smallCycle(2095, [
      { key: "bahrain", title: "Bahrain" },
      { key: "qatar", title: "Qatar" },
    ]);
    await writeSections(await ensureGlobalDrafter(), "2095-bahrain", { summary: doc(paragraph("Fine.")) });
    const fine = await recordSnapshot("2095-bahrain");
    await insertSnapshot("2095-qatar", "damaged", [
      { key: "summary", label: "Summary", html: "<p>Qatar</p>", text: "Qatar", json: '{"type":"doc","content":[' },
    ]);
    await publishEdition(2095, [
      { documentId: "2095-bahrain", snapshotHash: fine },
      { documentId: "2095-qatar", snapshotHash: "damaged" },
    ]);
    const lines = (await (await call(AS.leadership, "/api/cycles/2095/report.html?edition=published&progress=ndjson")).text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(["progress", "progress", "error"]);
    expect(lines[2].error).toMatchObject({ code: "report_document_failed", details: { documentId: "2095-qatar", title: "Qatar" } });
    expect(lines[2].error.message).toContain('reading the "Summary" section of "Qatar"');
  });
});
