/**
 * GET /api/cycles/:year/report.{html,docx,json} and GET /api/cycles/:year/report on a small cycle:
 * two report sections and four narratives whose text was written into their rooms, three of them
 * not cleared. The published edition's tests are in report-published.test.ts.
 */
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { ReportProgressLineSchema, ReportSchema, ReportStatusSchema } from "#shared/api/report.ts";
import { AS, call, json } from "../helpers/api.ts";
import { bullets, doc, ensureGlobalDrafter, paragraph, smallCycle, text, wordParagraphs, writeSections } from "../helpers/report.ts";
import { approveTier, putInState } from "../helpers/workflow.ts";

const YEAR = 2096;
const HOUSE = ["PRIORITIZED RECOMMENDATIONS:", "PROSECUTION", "PROTECTION", "PREVENTION", "TRAFFICKING PROFILE"];
// Report order: sections by their table-of-contents place, then narratives alphabetically (created in another order).
const FRONT = ["Introduction & <Overview>", "Methodology"];
const HEADINGS = ["BAHRAIN: TIER 1", "COTE D'IVOIRE: TIER 2", "OMAN: TIER 2 WATCH LIST", "QATAR: TIER 3"];
const NOT_CLEARED = [`${YEAR}-section-methodology`, `${YEAR}-oman`, `${YEAR}-qatar`];

function narrativeText(country: string) {
  return {
    summary: doc(paragraph(`The Government of ${country} `, text("does not fully meet", [{ type: "bold" }]), " the minimum standards.")),
    recommendations: doc(bullets(`Increase ${country} prosecutions.`, "Screen migrant workers.")),
    prosecution: doc(paragraph(`${country} prosecuted cases under the `, text("Penal Code", [{ type: "italic" }]), ".")),
    protection: doc(paragraph("See the ", text("shelter study", [{ type: "link", attrs: { href: `https://example.org/${country.toLowerCase()}` } }]), ".")),
    prevention: doc(paragraph(`${country} ran a campaign.`)),
    profile: doc(paragraph(`Traffickers exploit workers in ${country}.`)),
  };
}

beforeAll(async () => {
  const drafter = await ensureGlobalDrafter();
  await smallCycle(YEAR, [
    { key: "qatar", title: "Qatar" },
    { key: "section:methodology", title: "Methodology", sortOrder: 7 },
    { key: "bahrain", title: "Bahrain" },
    { key: "oman", title: "Oman" },
    { key: "section:introduction", title: "Introduction & <Overview>", sortOrder: 2 },
    { key: "cote-d-ivoire", title: "Cote d'Ivoire" },
  ]);
  for (const country of ["Qatar", "Bahrain", "Oman", "Cote d'Ivoire"])
    await writeSections(drafter, `${YEAR}-${country === "Cote d'Ivoire" ? "cote-d-ivoire" : country.toLowerCase()}`, narrativeText(country));
  await writeSections(drafter, `${YEAR}-section-introduction`, {
    body: doc({ type: "heading", attrs: { level: 1 }, content: [text("Why this report")] }, paragraph("The introduction.")),
  });
  await writeSections(drafter, `${YEAR}-section-methodology`, { body: doc(paragraph("The methodology, still in review.")) });
  await approveTier(`${YEAR}-bahrain`, drafter, AS.reviewerNEA, "tier1");
  await approveTier(`${YEAR}-oman`, drafter, AS.reviewerNEA, "tier2wl");
  await approveTier(`${YEAR}-qatar`, drafter, AS.reviewerNEA, "tier3");
  await approveTier(`${YEAR}-cote-d-ivoire`, drafter, AS.reviewerAF, "tier2");
  for (const [id, state] of [
    ["bahrain", "cleared"],
    ["cote-d-ivoire", "cleared"],
    ["section-introduction", "cleared"],
    ["oman", "in_clearance"],
    ["section-methodology", "in_review"],
  ] as const) {
    await putInState(`${YEAR}-${id}`, state);
  }
});

/** Positions of each needle in the haystack, which must all be there, in order. */
function expectInOrder(haystack: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((needle) => {
    const at = haystack.indexOf(needle, from);
    expect(at, `"${needle}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
    return at;
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&#39;");

describe("GET /api/cycles/:year/report.html (preview)", () => {
  it("holds every entry in report order, each narrative under `COUNTRY: TIER` with its house headings, what is not cleared marked DRAFT and listed first", async () => {
    const res = await call(AS.leadership, `/api/cycles/${YEAR}/report.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`inline; filename="tip-report-${YEAR}-preview.html"`);
    const html = await res.text();
    const main = html.slice(html.indexOf("<main>"));
    const h1s = [...main.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => m[1]);
    expect(h1s).toEqual([...FRONT, ...HEADINGS].map(escapeHtml).concat(["Tier Placements", "Global Law Enforcement Data"]));
    // Each narrative's house headings between its heading and the next one; the summary has none.
    for (const [i, heading] of HEADINGS.entries()) {
      const block = main.slice(
        main.indexOf(`<h1>${escapeHtml(heading)}</h1>`),
        i + 1 < HEADINGS.length ? main.indexOf(`<h1>${escapeHtml(HEADINGS[i + 1]!)}</h1>`) : main.indexOf('<section class="chapter"'),
      );
      expect([...block.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1])).toEqual(HOUSE);
      expect(block).toContain("<strong>does not fully meet</strong>");
    }
    // The section's own heading sits below the entry's.
    expect(main).toContain("<h2>Why this report</h2>");
    expect(html).not.toContain("<Overview>");
    // DRAFT: a flag and the watermark class on exactly the entries not cleared; the list before the contents.
    const drafts = [...main.matchAll(/<section class="entry draft" id="doc-([^"]+)"/g)].map((m) => m[1]);
    expect(drafts).toEqual(NOT_CLEARED);
    expect(main.match(/class="draft-flag"/g)).toHaveLength(3);
    expect(main).toContain("DRAFT — not cleared (In clearance)");
    const list = html.slice(html.indexOf('id="not-cleared"'), html.indexOf("</section>", html.indexOf('id="not-cleared"')));
    expectInOrder(list, ["Methodology</a> — In review", "Oman</a> — In clearance", "Qatar</a> — Drafting"]);
    expect(html.indexOf('id="not-cleared"')).toBeLessThan(html.indexOf('class="toc"'));
    // The table of contents links every entry; print CSS breaks before each and names it in the running head.
    for (const id of [`${YEAR}-bahrain`, `${YEAR}-section-methodology`]) expect(html).toContain(`href="#doc-${id}"`);
    expect(html).toMatch(/\.entry, \.chapter \{ break-before: page; \}/);
    expect(html).toContain('@top-right { content: "BAHRAIN"; }');
    // The closing tables carry every narrative.
    expect(main).toMatch(/<th scope="row">Bahrain<\/th><td>Tier 1<\/td>/);
  });
});

describe("GET /api/cycles/:year/report.docx (preview)", () => {
  it("is a valid Word package whose document has every heading in order with Heading1/Heading2, a TOC field, lists, links and tables", async () => {
    const res = await call(AS.admin, `/api/cycles/${YEAR}/report.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="tip-report-${YEAR}-preview.docx"`);
    const zip = await JSZip.loadAsync(await res.arrayBuffer(), { checkCRC32: true });
    const xml = await zip.file("word/document.xml")!.async("string");
    const paragraphs = wordParagraphs(xml).filter((p) => p.style !== "TOC1");
    const headings = paragraphs.filter((p) => p.style === "Heading1" || p.style === "Heading2").map((p) => `${p.style}:${p.text}`);
    expect(headings).toEqual([
      `Heading1:${FRONT[0]}`,
      // The section's own heading, one level below the entry's.
      "Heading2:Why this report",
      `Heading1:${FRONT[1]}`,
      ...HEADINGS.flatMap((h) => [`Heading1:${h}`, ...HOUSE.map((s) => `Heading2:${s}`)]),
      "Heading1:Tier Placements",
      "Heading1:Global Law Enforcement Data",
    ]);
    expect(xml).toMatch(/<w:instrText xml:space="preserve">TOC \\h \\o &quot;1-1&quot;<\/w:instrText>/);
    // The recommendations are a Word list; bold and links are run formatting and a relationship.
    const item =
      /<w:p><w:pPr><w:pStyle w:val="ListParagraph"\/><w:numPr><w:ilvl w:val="0"\/><w:numId w:val="(\d+)"\/><\/w:numPr><\/w:pPr><w:r><w:t xml:space="preserve">Increase Bahrain prosecutions\.<\/w:t>/.exec(
        xml,
      );
    expect(item).not.toBeNull();
    expect(await zip.file("word/numbering.xml")!.async("string")).toContain(`<w:num w:numId="${item![1]}">`);
    expect(xml).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">does not fully meet</w:t></w:r>');
    const link =
      /<w:hyperlink r:id="(rId[A-Za-z0-9]+)" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><\/w:rPr><w:t xml:space="preserve">shelter study<\/w:t>/.exec(
        xml,
      );
    expect(await zip.file("word/_rels/document.xml.rels")!.async("string")).toContain(
      `Id="${link![1]}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/bahrain" TargetMode="External"`,
    );
    expect(xml.match(/<w:tbl>/g)!.length).toBeGreaterThanOrEqual(4);
    // Each entry is a Word section of its own (a new page); the headers of the three not cleared say DRAFT.
    expect(xml.match(/<w:sectPr/g)!.length).toBe(1 + 6 + 1);
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^word\/header\d+\.xml$/.test(n))
        .map((n) => zip.file(n)!.async("string")),
    );
    expect(headers.filter((h) => h.includes("DRAFT — not cleared"))).toHaveLength(3);
    expect(headers.some((h) => h.includes("OMAN") && h.includes("DRAFT — not cleared (In clearance)"))).toBe(true);
  });
});

describe("GET /api/cycles/:year/report.json (preview)", () => {
  it("is the model, exactly ReportSchema's shape", async () => {
    const res = await call(AS.leadership, `/api/cycles/${YEAR}/report.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="tip-report-${YEAR}-preview.json"`);
    const body = await json(res);
    const parsed = ReportSchema.safeParse(body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(parsed.data).toEqual(body);
    expect(body.edition).toBe("preview");
    expect(body.manifestHash).toBeNull();
    expect(body.frontSections.map((s: any) => s.title)).toEqual(FRONT);
    expect(body.narratives.map((n: any) => n.heading)).toEqual(HEADINGS);
    expect(body.narratives.map((n: any) => [n.country, n.tier, n.cleared])).toEqual([
      ["Bahrain", "tier1", true],
      ["Cote d'Ivoire", "tier2", true],
      ["Oman", "tier2wl", false],
      ["Qatar", "tier3", false],
    ]);
    expect(body.notCleared.map((d: any) => d.documentId)).toEqual(NOT_CLEARED);
    expect(body.narratives[0].sections.map((s: any) => s.key)).toEqual(["summary", "recommendations", "prosecution", "protection", "prevention", "profile"]);
    expect(body.narratives[0].sections[1].json.content[0].type).toBe("bulletList");
    expect(body.tierPlacements.global.counts).toMatchObject({ tier1: 1, tier2: 1, tier2wl: 1, tier3: 1 });
  });
});

describe("?progress=ndjson", () => {
  it("streams one progress line per document, then the file", async () => {
    const res = await call(AS.leadership, `/api/cycles/${YEAR}/report.docx?progress=ndjson`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await res.text())
      .trimEnd()
      .split("\n")
      .map((l) => ReportProgressLineSchema.parse(JSON.parse(l)));
    const progress = lines.filter((l) => l.type === "progress");
    expect(progress).toHaveLength(6);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.every((p) => p.total === 6)).toBe(true);
    expect(new Set(progress.map((p) => p.documentId)).size).toBe(6);
    expect(lines.slice(0, 6).every((l) => l.type === "progress")).toBe(true);
    const file = lines[6]!;
    expect(lines).toHaveLength(7);
    if (file.type !== "file") throw new Error(`last line: ${JSON.stringify(file)}`);
    expect(file).toMatchObject({ format: "docx", filename: `tip-report-${YEAR}-preview.docx` });
    const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0));
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file("word/document.xml")!.async("string")).toContain("BAHRAIN: TIER 1");
  });
});

describe("who may compile what", () => {
  it("a drafter, a regional reviewer and a global clearer get 403 for the preview and the status; nobody signed in, 401", async () => {
    for (const user of [AS.drafterNEA, AS.reviewerNEA, AS.clearerLegal]) {
      for (const path of ["report.html", "report.docx?progress=ndjson", "report.json", "report"]) {
        const res = await call(user, `/api/cycles/${YEAR}/${path}`);
        expect(res.status, `${user} ${path}`).toBe(403);
        expect((await json(res)).error).toMatchObject({ code: "forbidden", details: { rule: "report.preview" } });
      }
    }
    expect((await call(null, `/api/cycles/${YEAR}/report.html`)).status).toBe(401);
  });

  it("the published edition before the release is 404 not_published, for everyone; an unknown cycle is 404", async () => {
    for (const user of [AS.leadership, AS.drafterNEA]) {
      const res = await call(user, `/api/cycles/${YEAR}/report.html?edition=published`);
      expect(res.status).toBe(404);
      expect((await json(res)).error).toMatchObject({ code: "not_published" });
    }
    expect((await call(AS.leadership, `/api/cycles/2099/report.json`)).status).toBe(404);
    expect((await call(AS.leadership, `/api/cycles/${YEAR}/report.pdf`)).status).toBe(404);
    expect((await call(AS.leadership, `/api/cycles/${YEAR}/report.json?edition=final`)).status).toBe(400);
  });
});

describe("GET /api/cycles/:year/report", () => {
  it("lists the blockers in report order and says the cycle cannot be released yet", async () => {
    const res = await call(AS.leadership, `/api/cycles/${YEAR}/report`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(ReportStatusSchema.parse(body)).toEqual(body);
    expect(body).toMatchObject({ year: YEAR, cycleStatus: "drafting", documents: 6, canRelease: false, published: null });
    expect(body.blockers.map((b: any) => [b.documentId, b.state, b.kind])).toEqual([
      [`${YEAR}-section-methodology`, "in_review", "report_section"],
      [`${YEAR}-oman`, "in_clearance", "country_narrative"],
      [`${YEAR}-qatar`, "drafting", "country_narrative"],
    ]);
  });
});
