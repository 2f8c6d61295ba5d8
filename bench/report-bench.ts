/**
 * Bench-only (bench/wrangler.bench.toml's build): compiles the generated 188-narrative report
 * (bench/lib/report-corpus.ts) inside workerd and times it. The corpus is made once per isolate
 * and kept (not timed); each request times the model build and one rendering. Workers freeze the
 * clock while JavaScript runs, so a timer tick before and after each phase lets it catch up.
 */
import { buildReport } from "../worker/report/compile.ts";
import { renderReportDocx } from "../worker/report/render-docx.ts";
import { renderReportHtml } from "../worker/report/render-html.ts";
import { generateReport } from "./lib/report-corpus.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const corpora = new Map<string, ReturnType<typeof generateReport>>();

export async function benchReport(url: URL, format: string): Promise<Response> {
  if (!["html", "json", "docx"].includes(format)) return new Response("unknown format", { status: 404 });
  const narratives = Number(url.searchParams.get("narratives") ?? 188);
  const sections = Number(url.searchParams.get("sections") ?? 20);
  const seed = Number(url.searchParams.get("seed") ?? 1);
  const key = `${narratives}/${sections}/${seed}`;
  let gathered = corpora.get(key);
  if (!gathered) corpora.set(key, (gathered = generateReport({ narratives, sections, seed, draftEvery: 7 })));

  await tick();
  const start = Date.now();
  const report = buildReport(gathered);
  await tick();
  const built = Date.now();
  const body = format === "html" ? renderReportHtml(report) : format === "json" ? JSON.stringify(report) : await renderReportDocx(report);
  await tick();
  const done = Date.now();
  const bytes = typeof body === "string" ? new TextEncoder().encode(body).length : body.byteLength;
  // No memory figure: workerd's process.memoryUsage() answers zeros (bench/lib/report-compile.ts measures a stand-in in Node).
  return Response.json({ format, narratives, sections, buildMs: built - start, renderMs: done - built, totalMs: done - start, bytes });
}

/**
 * Publishes the generated text as the 2025 cycle's edition (bench build only, a throwaway
 * database): one recorded text per document, in report order, and the edition's rows, so the
 * real route (`GET /api/cycles/2025/report.*?edition=published`) can be timed end to end.
 */
export async function seedPublishedEdition(env: { DB: D1Database }, year: number): Promise<Response> {
  const docs = await env.DB.prepare("SELECT id, kind, title, country_id, section_key, sort_order FROM documents WHERE cycle_year = ?")
    .bind(year)
    .all<{ id: string; kind: string; title: string; country_id: string | null; section_key: string | null; sort_order: number }>();
  const sections = docs.results.filter((d) => d.kind === "report_section").sort((a, b) => a.sort_order - b.sort_order);
  const narratives = docs.results.filter((d) => d.kind === "country_narrative").sort((a, b) => a.title.localeCompare(b.title, "en"));
  const generated = generateReport({ narratives: narratives.length, sections: sections.length, seed: 1 }).entries;
  const ordered = [...sections, ...narratives];
  const at = new Date().toISOString();
  const manifest = {
    version: 1,
    year,
    releasedAt: at,
    documents: ordered.map((d, i) => ({
      documentId: d.id,
      kind: d.kind,
      title: d.title,
      countryId: d.country_id,
      sectionKey: d.section_key,
      tier: generated[i]!.tier,
      snapshotHash: `bench-${i}`,
    })),
  };
  for (let start = 0; start < ordered.length; start += 20) {
    await env.DB.batch(
      ordered
        .slice(start, start + 20)
        .map((d, j) =>
          env.DB.prepare(
            "INSERT OR IGNORE INTO document_snapshots (document_id, hash, through_seq, taken_at, taken_by, sections) VALUES (?, ?, 0, ?, 'bench', ?)",
          ).bind(d.id, `bench-${start + j}`, at, JSON.stringify(generated[start + j]!.sections)),
        ),
    );
  }
  await env.DB.batch([
    env.DB.prepare(
      "INSERT OR IGNORE INTO published_editions (cycle_year, released_at, released_by, source, manifest_hash, manifest) VALUES (?, ?, 'bench', 'import', ?, ?)",
    ).bind(year, at, "b".repeat(64), JSON.stringify(manifest)),
    ...ordered.map((d, i) =>
      env.DB.prepare("INSERT OR IGNORE INTO published_edition_documents (cycle_year, document_id, snapshot_hash, position) VALUES (?, ?, ?, ?)").bind(
        year,
        d.id,
        `bench-${i}`,
        i,
      ),
    ),
  ]);
  return Response.json({ documents: ordered.length });
}
