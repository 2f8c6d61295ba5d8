/**
 * `node --max-old-space-size=N bench/lib/report-heap.ts <html|json|docx> [narratives]`: compiles the
 * generated report once in Node; exits 0 when it fits the heap, and crashes (out of memory) otherwise.
 * bench/lib/report-compile.ts runs it with rising N to find the smallest heap the compile needs.
 */
import { buildReport } from "../../worker/report/compile.ts";
import { renderReportDocx } from "../../worker/report/render-docx.ts";
import { renderReportHtml } from "../../worker/report/render-html.ts";
import { generateReport } from "./report-corpus.ts";

const [format = "docx", narratives = "188"] = process.argv.slice(2);
const report = buildReport(generateReport({ narratives: Number(narratives), sections: 20, seed: 1, draftEvery: 7 }));
const body = format === "html" ? renderReportHtml(report) : format === "json" ? JSON.stringify(report) : await renderReportDocx(report);
console.log(typeof body === "string" ? body.length : body.byteLength);
