/**
 * The request for information and its submissions (docs/sources.md), against the real D1, R2 and
 * audit trail: filing with files, who sees what (404 outside), refused files, the narrative's
 * panel, the RFI and the CSV import. Filed for AF countries the demo data gives no submission.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RfiResponseSchema, SubmissionImportReportSchema, SubmissionSchema } from "#shared/api/sources.ts";
import { SUBMISSION_FILE_MAX_BYTES } from "#shared/sources.ts";
import { AS, call, json } from "../helpers/api.ts";
import { FILES, fileOk, panelIds, postSubmission } from "../helpers/sources.ts";

const count = async (table: string) => Number((await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n);
const storedKeys = async () => (await env.SOURCE_FILES.list()).objects.map((o) => o.key);
const state = async () => ({
  submissions: await count("submissions"),
  countries: await count("submission_countries"),
  files: await count("submission_files"),
  r2: await storedKeys(),
});

describe("a submission filed for two countries", () => {
  it("shows in both narratives' panels and in no other narrative's", async () => {
    const filed = await fileOk(AS.drafterAF, {
      countries: ["uganda", "tanzania"],
      topics: ["protection"],
      summary: "Shelters along the border.",
      files: [{ name: "report.pdf", bytes: FILES.pdf() }],
    });
    expect(SubmissionSchema.parse(filed)).toEqual(filed);
    expect(filed.countries.map((c: any) => c.id)).toEqual(["tanzania", "uganda"]);

    expect(await panelIds(AS.drafterAF, "2025-uganda")).toContain(filed.id);
    expect(await panelIds(AS.drafterAF, "2025-tanzania")).toContain(filed.id);
    const narratives = ((await json(await call(AS.admin, "/api/cycles/2025/documents"))).documents as { id: string; kind: string }[]).filter(
      (d) => d.kind === "country_narrative",
    );
    expect(narratives.length).toBe(188);
    const others = narratives.filter((d) => d.id !== "2025-uganda" && d.id !== "2025-tanzania");
    const elsewhere: string[] = [];
    for (let i = 0; i < others.length; i += 16) {
      const batch = others.slice(i, i + 16);
      const panels = await Promise.all(batch.map((d) => panelIds(AS.admin, d.id)));
      panels.forEach((ids, j) => {
        if (ids.includes(filed.id)) elsewhere.push(batch[j]!.id);
      });
    }
    expect(others.length).toBe(186);
    expect(elsewhere).toEqual([]);
    // The topic filter: listed under its topic, not under another.
    expect(await panelIds(AS.drafterAF, "2025-uganda", "protection")).toContain(filed.id);
    expect(await panelIds(AS.drafterAF, "2025-uganda", "prosecution")).not.toContain(filed.id);
  }, 30_000);

  it("lists the narrative's submissions newest first", async () => {
    const older = await fileOk(AS.drafterAF, { countries: ["malawi"], receivedOn: "2025-01-02" });
    const newer = await fileOk(AS.drafterAF, { countries: ["malawi"], receivedOn: "2025-01-20" });
    expect(await panelIds(AS.drafterAF, "2025-malawi")).toEqual([newer.id, older.id]);
  });
});

describe("who sees a submission", () => {
  it("a drafter of another region gets 404 on it and on its file; the region's drafter downloads it as an attachment", async () => {
    const filed = await fileOk(AS.admin, { countries: ["zambia"], files: [{ name: "evidence.pdf", bytes: FILES.pdf() }] });
    const fileHref = filed.files[0].href;

    for (const path of [`/api/submissions/${filed.id}`, fileHref]) {
      const res = await call(AS.drafterEUR, path);
      expect(res.status, path).toBe(404);
      expect((await json(res)).error.code).toBe("not_found");
    }
    const missing = await call(AS.drafterEUR, "/api/submissions/sub_doesnotexist00");
    expect(missing.status).toBe(404);
    expect((await json(await call(AS.drafterEUR, "/api/cycles/2025/submissions?country=zambia"))).submissions).toEqual([]);
    expect((await call(AS.drafterEUR, "/api/documents/2025-zambia/sources")).status).toBe(404);

    const download = await call(AS.drafterAF, fileHref);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="evidence.pdf"/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(FILES.pdf());
    // An embassy officer of another country and a global clearer: the latter reads every narrative.
    expect((await call(AS.embassyKabul, `/api/submissions/${filed.id}`)).status).toBe(404);
    expect((await call(AS.clearerDRL, `/api/submissions/${filed.id}`)).status).toBe(200);
  });
});

describe("filing", () => {
  it("admins and regional drafters or reviewers file; embassy officers and other regions do not", async () => {
    expect((await postSubmission(AS.embassyKabul, { countries: ["afghanistan"] })).status).toBe(403);
    expect((await postSubmission(AS.clearerBureauAF, { countries: ["zambia"] })).status).toBe(403);
    const mixed = await postSubmission(AS.drafterAF, { countries: ["zambia", "bahrain"] });
    expect(mixed.status).toBe(403);
    expect(mixed.body.error.details.outside).toEqual(["bahrain"]);
    expect((await postSubmission(AS.reviewerAF, { countries: ["zambia"] })).status).toBe(201);
    expect((await postSubmission(AS.admin, { countries: ["zambia", "bahrain"] })).status).toBe(201);
  });

  it("is audited with its countries and files", async () => {
    const filed = await fileOk(AS.drafterAF, { countries: ["rwanda"], files: [{ name: "photo.png", bytes: FILES.png() }] });
    const event = await env.DB.prepare("SELECT actor_user_id, details FROM audit_events WHERE action = 'submission.file' AND subject_id = ?")
      .bind(filed.id)
      .first<{ actor_user_id: string; details: string }>();
    expect(event?.actor_user_id).toBe(AS.drafterAF);
    expect(JSON.parse(event!.details)).toMatchObject({
      countries: ["rwanda"],
      files: [{ fileName: "photo.png", contentType: "image/png", bytes: FILES.png().byteLength }],
    });
  });

  it("refuses a bad field with the error shape and stores nothing", async () => {
    const before = await state();
    const res = await postSubmission(AS.admin, { countries: ["rwanda"], receivedOn: "10 January", files: [{ name: "a.pdf", bytes: FILES.pdf() }] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(await state()).toEqual(before);
  });
});

describe("refused files", () => {
  it.each([
    ["HTML named report.pdf", "report.pdf", FILES.html, "application/pdf", "html"],
    ["HTML named page.html", "page.html", FILES.html, "text/html", "html"],
    ["a shell script named photo.png", "photo.png", FILES.script, "image/png", "script"],
    ["an SVG named chart.png", "chart.png", FILES.svg, "image/png", "svg"],
  ])("%s is refused (415) and nothing is stored", async (_what, name, bytes, type, detected) => {
    const before = await state();
    const res = await postSubmission(AS.admin, {
      countries: ["rwanda"],
      files: [
        { name: "ok.pdf", bytes: FILES.pdf() },
        { name, bytes: bytes(), type },
      ],
    });
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: "file_type_refused", details: { fileName: name, detected } });
    expect(await state()).toEqual(before);
  });

  it("an oversized file is refused (413) with the error shape, and nothing is stored in D1 or R2", async () => {
    const before = await state();
    const big = new Uint8Array(SUBMISSION_FILE_MAX_BYTES + 1);
    big.set(FILES.pdf());
    const res = await postSubmission(AS.admin, {
      countries: ["rwanda"],
      files: [
        { name: "small.pdf", bytes: FILES.pdf() },
        { name: "huge.pdf", bytes: big },
      ],
    });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      error: {
        code: "payload_too_large",
        message: expect.stringContaining("huge.pdf"),
        details: { maxSize: SUBMISSION_FILE_MAX_BYTES, size: big.byteLength, fileName: "huge.pdf" },
        requestId: expect.any(String),
      },
    });
    expect(await state()).toEqual(before);
  });
});

describe("the request for information", () => {
  it("the demo's 2025 request carries the 2024 notice moved on a year, closing in a week", async () => {
    const res = await call(AS.drafterAF, "/api/cycles/2025/rfi");
    const body = RfiResponseSchema.parse(await json(res));
    expect(body.youMayEdit).toBe(false);
    expect(body.rfi).toMatchObject({ status: "open", daysLeft: 7 });
    expect(body.rfi!.notice).toContain("2025 Trafficking in Persons Report");
    expect(body.rfi!.notice).not.toContain("February 1, 2024");
  });

  it("only admins change it; the change is audited", async () => {
    const input = { opensOn: "2024-12-01", deadline: "2025-02-01", notice: "Send us what you see." };
    expect((await call(AS.drafterAF, "/api/cycles/2025/rfi", { method: "PUT", body: input })).status).toBe(403);
    expect((await call(AS.admin, "/api/cycles/2025/rfi", { method: "PUT", body: { ...input, deadline: "2024-11-01" } })).status).toBe(400);
    const res = await call(AS.admin, "/api/cycles/2025/rfi", { method: "PUT", body: input });
    expect(res.status).toBe(200);
    expect((await json(res)).rfi).toMatchObject({ opensOn: "2024-12-01", deadline: "2025-02-01", notice: "Send us what you see." });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'rfi.update' AND subject_id = '2025'").first("n")).toBe(1);
    expect((await call(AS.admin, "/api/cycles/2099/rfi")).status).toBe(404);
  });
});

const CSV = [
  "organisation,contact,received_on,countries,topics,summary,link",
  'Lake Victoria Fishers,lvf@example.org,2025-01-05,Uganda;Kenya,prosecution;protection,"Boys on fishing boats, Kalangala",https://example.org/lvf',
  "Sahel Watch,,2025-01-06,Mali,prevention,Border screening,",
  "Nobody,,2025-13-01,Atlantis,flying,,ftp://nowhere",
  "Wrong Region,,2025-01-06,France,profile,Seen in Paris,",
].join("\n");

describe("CSV import", () => {
  it("a dry run reports every row and files nothing; a real run with a rejected row files nothing either", async () => {
    const before = await state();
    const dry = await call(AS.drafterAF, "/api/cycles/2025/submissions/import?dryRun=true", {
      method: "POST",
      body: CSV,
      headers: { "Content-Type": "text/csv" },
    });
    expect(dry.status).toBe(200);
    const report = SubmissionImportReportSchema.parse(await json(dry));
    expect(report).toMatchObject({ dryRun: true, applied: false, counts: { accepted: 2, rejected: 2 }, created: [] });
    expect(report.accepted.map((r) => r.countryIds)).toEqual([["uganda", "kenya"], ["mali"]]);
    const [bad, outside] = report.rejected;
    expect(bad!.line).toBe(4);
    expect(bad!.reasons.join(" | ")).toMatch(/unknown country "Atlantis".*unknown topic "flying".*received_on "2025-13-01".*summary.*link/);
    expect(outside).toMatchObject({ line: 5, reasons: ["you may not file for france (outside your region)"] });
    expect(await state()).toEqual(before);

    const real = await call(AS.drafterAF, "/api/cycles/2025/submissions/import", { method: "POST", body: CSV, headers: { "Content-Type": "text/csv" } });
    expect(real.status).toBe(422);
    expect((await json(real)).error).toMatchObject({ code: "import_rejected", details: { counts: { accepted: 2, rejected: 2 } } });
    expect(await state()).toEqual(before);
  });

  it("a clean file is filed in one audited batch, and importing it again files nothing twice", async () => {
    const clean = CSV.split("\n").slice(0, 3).join("\n");
    const res = await call(AS.drafterAF, "/api/cycles/2025/submissions/import", { method: "POST", body: clean, headers: { "Content-Type": "text/csv" } });
    expect(res.status).toBe(200);
    const report = await json(res);
    expect(report).toMatchObject({ applied: true, counts: { accepted: 2, rejected: 0 } });
    expect(await panelIds(AS.drafterAF, "2025-kenya")).toContain(report.created[0]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'submission.import'").first("n")).toBe(1);
    const again = await json(
      await call(AS.drafterAF, "/api/cycles/2025/submissions/import?dryRun=true", { method: "POST", body: clean, headers: { "Content-Type": "text/csv" } }),
    );
    expect(again.counts).toEqual({ accepted: 0, rejected: 2 });
    expect(again.rejected[0].reasons[0]).toMatch(/already filed/);
  });
});
