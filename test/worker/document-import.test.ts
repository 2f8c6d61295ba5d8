/**
 * POST /api/documents/:id/import-docx (preview) and /import-docx/apply: a Word draft into a
 * narrative's sections, against the real room, D1 and audit trail. Real .docx files built with the
 * `docx` package (test/helpers/docx.ts). African narratives no other test touches.
 */
import { env } from "cloudflare:workers";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocxImportSchema } from "#shared/api/report.ts";
import { DOCX_MAX_BYTES } from "#shared/docx-limits.ts";
import { plainText, sectionJson } from "#shared/render-document.ts";
import { grantKey } from "#shared/roles.ts";
import { toBase64 } from "../../worker/rooms/room-comments.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { AS, call, json } from "../helpers/api.ts";
import { bold, buildDocx, houseDraft, type Block } from "../helpers/docx.ts";
import { freshNarrative } from "../helpers/narratives.ts";
import { RoomClient, waitFor } from "../helpers/room-client.ts";
import { actOk, approveTier, auditEventsOf } from "../helpers/workflow.ts";

function form(bytes: Uint8Array, name = "draft.docx"): FormData {
  const data = new FormData();
  data.append("file", new File([bytes], name, { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }));
  return data;
}

async function upload(
  userId: string,
  documentId: string,
  bytes: Uint8Array,
  options: { apply?: boolean; name?: string } = {},
): Promise<{ status: number; body: any }> {
  const res = await call(userId, `/api/documents/${documentId}/import-docx${options.apply ? "/apply" : ""}`, {
    method: "POST",
    body: form(bytes, options.name),
  });
  return { status: res.status, body: await json(res) };
}

const texts = async (documentId: string) => Object.fromEntries((await documentRoom(env, documentId).snapshot()).sections.map((s) => [s.key, s.text]));
const logCount = async (documentId: string) => (await documentRoom(env, documentId).status()).log.updates;
const section = (body: any, key: string) => body.sections.find((s: any) => s.key === key);
/** A connected client's section as plain text (Y.XmlText's own toString writes its formatting as tags). */
const clientText = (client: RoomClient, key: string) => plainText(sectionJson(client.doc, key)).replace(/\n+$/, "");

describe("POST /api/documents/:id/import-docx (preview)", () => {
  it("a .docx with the house headings lands in the right sections, and nothing is written", async () => {
    const { status, body } = await upload(AS.drafterAF, "2025-ghana", await buildDocx(houseDraft("Ghana")), { name: "Ghana TIP 2025 draft.docx" });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(DocxImportSchema.parse(body)).toEqual(body);
    expect(body).toMatchObject({
      documentId: "2025-ghana",
      applied: false,
      fileName: "Ghana TIP 2025 draft.docx",
      replaces: ["summary", "recommendations", "prosecution", "protection", "prevention", "profile"],
    });
    expect(section(body, "summary")).toMatchObject({
      inFile: true,
      html: "<p>The Government of Ghana does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.</p>",
      words: 24,
      currentWords: 0,
    });
    expect(section(body, "recommendations").html).toBe(
      "<ul><li><p>Increase investigations and prosecutions of trafficking crimes.</p></li><li><p>Screen vulnerable populations for trafficking indicators.</p></li></ul>",
    );
    expect(section(body, "prosecution").html).toBe(
      '<p>The government <strong>increased</strong> law enforcement efforts; see <a rel="noopener noreferrer nofollow" href="https://example.gov/penal-code">the penal code</a>.</p><h2>Legal framework</h2><p>Article 12 <em>criminalized</em> sex trafficking and labor trafficking.</p>',
    );
    expect(section(body, "prosecution").excerpt).toBe(
      "The government increased law enforcement efforts; see the penal code.\nLegal framework\nArticle 12 criminalized sex trafficking and labor trafficking.",
    );
    expect(section(body, "protection").html).toBe("<p>The government identified 120 victims.</p>");
    expect(section(body, "prevention").html).toBe("<p>The government maintained prevention efforts.</p>");
    expect(section(body, "profile").html).toMatch(/^<p>As reported over the past five years/);
    expect(body.notes).toEqual([
      'The title line "GHANA: TIER 2" was left out: the report heads each narrative with its country and tier itself.',
      'The heading "Legal framework" is not a house heading; it stays as a heading inside Prosecution.',
      "An image was left out: the narrative's text holds no pictures.",
      'A table was left out (it begins "Year Prosecutions 2024 17"): the narrative\'s text has no tables; put its figures in sentences or in the law-enforcement figures.',
    ]);
    expect(await logCount("2025-ghana")).toBe(0);
    expect(Object.values(await texts("2025-ghana")).every((t) => t === "")).toBe(true);
  });

  it("a file with some house sections says which stay as they are, with the words each holds now", async () => {
    const drafter = await RoomClient.open(AS.drafterAF, "2025-senegal");
    drafter.type("prevention", "Senegal ran two awareness campaigns.");
    await waitFor(() => drafter.answers().length === drafter.updateMessagesSent, "typing stored");
    const { body } = await upload(AS.drafterAF, "2025-senegal", await buildDocx([{ h: 1, text: "PROSECUTION" }, { p: ["Cases rose."] }]));
    expect(body.replaces).toEqual(["prosecution"]);
    expect(section(body, "prevention")).toMatchObject({ inFile: false, html: "", words: 0, currentWords: 5 });
    drafter.close();
  });
});

describe("POST /api/documents/:id/import-docx/apply", () => {
  it("writes one room update by the uploader: the open editors get the text, the history and audit trail name them", async () => {
    // In review, so the reviewer may type too: their session and the drafter's import stay apart.
    await actOk(AS.drafterAF, "2025-namibia", "submit");
    const watcher = await RoomClient.open(AS.reviewerAF, "2025-namibia");
    watcher.type("prevention", "Kept: the reviewer's own prevention text.");
    await waitFor(() => watcher.answers().length === watcher.updateMessagesSent, "typing stored");
    const before = await logCount("2025-namibia");
    const draft: Block[] = [
      { p: ["Namibia summary."] },
      { h: 1, text: "Prosecution" },
      { p: ["The government ", bold("convicted"), " five traffickers."] },
      { h: 1, text: "PROTECTION" },
      { p: ["Shelters opened."] },
    ];
    const { status, body } = await upload(AS.drafterAF, "2025-namibia", await buildDocx(draft), { apply: true, name: "namibia.docx" });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ applied: true, replaces: ["summary", "prosecution", "protection"] });
    expect(section(body, "prosecution")).toMatchObject({ words: 5, currentWords: 5 });
    expect(section(body, "prevention")).toMatchObject({ inFile: false, currentWords: 6 });

    expect(await logCount("2025-namibia")).toBe(before + 1);
    expect(await texts("2025-namibia")).toEqual({
      summary: "Namibia summary.",
      recommendations: "",
      prosecution: "The government convicted five traffickers.",
      protection: "Shelters opened.",
      prevention: "Kept: the reviewer's own prevention text.",
      profile: "",
    });
    await waitFor(() => clientText(watcher, "prosecution") === "The government convicted five traffickers.", "the import reaches an open editor");
    expect(clientText(watcher, "summary")).toBe("Namibia summary.");
    expect(clientText(watcher, "prevention")).toBe("Kept: the reviewer's own prevention text.");

    const { sessions } = await json(await call(AS.drafterAF, "/api/documents/2025-namibia/history"));
    expect(sessions.filter((s: any) => s.userId === AS.drafterAF)).toEqual([
      expect.objectContaining({
        userName: "AF Drafting Officer",
        updates: 1,
        sections: expect.objectContaining({ prosecution: { inserted: 42, deleted: 0 }, protection: { inserted: 16, deleted: 0 } }),
      }),
    ]);
    const event = (await auditEventsOf("2025-namibia", "document.import_docx"))[0]!;
    expect(event).toMatchObject({ actor_user_id: AS.drafterAF, subject_type: "document", subject_id: "2025-namibia" });
    expect(JSON.parse(event.details)).toEqual({
      fileName: "namibia.docx",
      bytes: expect.any(Number),
      sections: ["summary", "prosecution", "protection"],
      words: { summary: 2, prosecution: 5, protection: 2 },
      notes: [],
    });
    watcher.close();
  });

  it("replaces a section's earlier text, and an editor typing afterwards keeps working", async () => {
    const drafter = await RoomClient.open(AS.drafterAF, "2025-botswana");
    drafter.type("protection", "Old protection paragraph.");
    await waitFor(() => drafter.answers().length === drafter.updateMessagesSent, "typing stored");
    const received: Uint8Array[] = [];
    drafter.onRemoteUpdate = (update) => received.push(update);
    expect(
      (await upload(AS.drafterAF, "2025-botswana", await buildDocx([{ h: 1, text: "Protection" }, { p: ["New one."] }, { p: ["New two."] }]), { apply: true }))
        .status,
    ).toBe(200);
    await waitFor(() => drafter.text("protection") === "New one.\nNew two.", "replaced text arrives");
    // The import is written under the room's own client id, never under the uploader's editor's (client-owners.ts).
    expect(received).toHaveLength(1);
    expect(Y.decodeUpdate(received[0]!).structs.map((s) => s.id.client)).not.toContain(drafter.doc.clientID);
    drafter.type("protection", " Typed after.");
    await waitFor(() => drafter.answers().length === drafter.updateMessagesSent, "typing after stored");
    expect(drafter.answers().at(-1)).toEqual({ type: "saved" });
    expect((await texts("2025-botswana")).protection).toBe("New one. Typed after.\nNew two.");
    drafter.close();
  });

  it("keeps what the file leaves as it is: a co-editor's words typed meanwhile into a kept paragraph survive, and a comment on it stays attached", async () => {
    const narrative = await freshNarrative({ region: "AF", label: "import meanwhile" });
    const kept = "Shelters stayed open all year.";
    const drafter = await RoomClient.open(AS.drafterAF, narrative.id);
    drafter.type("protection", kept);
    await waitFor(() => drafter.answers().length === drafter.updateMessagesSent, "typing stored");
    const node = (drafter.doc.getXmlFragment("protection").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const comment = {
      start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, 0))),
      end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, kept.length, -1))),
    };
    // A second editor of the drafter's who has not yet received the import when they type.
    const coEditor = await RoomClient.open(AS.drafterAF, narrative.id);
    await waitFor(() => coEditor.text("protection") === kept, "co-editor synced");
    coEditor.applyRemote = false;

    const file = await buildDocx([{ h: 1, text: "Protection" }, { p: [kept] }, { p: ["A paragraph the file adds."] }]);
    expect((await upload(AS.drafterAF, narrative.id, file, { apply: true })).status).toBe(200);
    coEditor.type("protection", " Typed meanwhile.");
    await waitFor(() => coEditor.answers().length === coEditor.updateMessagesSent, "co-editor's typing stored");
    expect(coEditor.answers().at(-1)).toEqual({ type: "saved" });

    expect((await texts(narrative.id)).protection).toBe(`${kept} Typed meanwhile.\nA paragraph the file adds.`);
    await waitFor(() => drafter.text("protection") === `${kept} Typed meanwhile.\nA paragraph the file adds.`, "both edits reach the drafter");
    const check = await documentRoom(env, narrative.id).checkCommentAnchor("protection", comment, kept);
    expect(check).toMatchObject({ status: "matches", text: kept });
    drafter.close();
    coEditor.close();
  });

  it("a locked narrative (approved) refuses the preview and the import with 409, and nothing changes", async () => {
    const doc = "2025-zambia";
    await approveTier(doc, AS.drafterAF, AS.reviewerAF);
    await actOk(AS.drafterAF, doc, "submit");
    await actOk(AS.reviewerAF, doc, "approve");
    const before = await logCount(doc);
    const file = await buildDocx(houseDraft("Zambia"));
    for (const apply of [false, true]) {
      for (const who of [AS.drafterAF, AS.reviewerAF]) {
        const { status, body } = await upload(who, doc, file, { apply });
        expect(status, JSON.stringify(body)).toBe(409);
        expect(body.error.code).toBe("text_locked");
      }
    }
    expect(await logCount(doc)).toBe(before);
    expect(await auditEventsOf(doc, "document.import_docx")).toEqual([]);
  });

  it("a room held at that moment (a workflow action under way) refuses with 409 text_locked; nothing is applied", async () => {
    const doc = "2025-malawi";
    const room = documentRoom(env, doc);
    await room.holdAndSnapshot("test-hold", "Approval in progress", 99, "AF Reviewer");
    try {
      const before = await logCount(doc);
      const { status, body } = await upload(AS.drafterAF, doc, await buildDocx(houseDraft("Malawi")), { apply: true });
      expect(status).toBe(409);
      expect(body.error).toMatchObject({ code: "text_locked", details: { reason: "locked", lockReason: "Approval in progress", lockedBy: "AF Reviewer" } });
      expect(await logCount(doc)).toBe(before);
      expect(await auditEventsOf(doc, "document.import_docx")).toEqual([]);
    } finally {
      await room.releaseHold("test-hold");
    }
  });

  it("refuses those who may not edit: a drafter of another region sees no such document (404), a clearer and leadership may not (403)", async () => {
    const file = await buildDocx(houseDraft("Mali"));
    for (const apply of [false, true]) {
      expect((await upload(AS.drafterEUR, "2025-mali", file, { apply })).status).toBe(404);
      for (const who of [AS.clearerLegal, AS.leadership]) {
        const { status, body } = await upload(who, "2025-mali", file, { apply });
        expect(status).toBe(403);
        expect(body.error.code).toBe("forbidden");
      }
    }
    expect(await logCount("2025-mali")).toBe(0);
  });

  it("a report section takes the whole file into its body", async () => {
    const id = "demo-drafter-global";
    await env.DB.batch([
      env.DB.prepare("INSERT INTO users (id, email, name) VALUES (?, ?, ?)").bind(id, "drafter.global@tip.example.gov", "Global Drafter"),
      env.DB.prepare("INSERT INTO role_assignments (id, user_id, role, scope_type, grant_key) VALUES (?, ?, 'drafter', 'global', ?)").bind(
        crypto.randomUUID(),
        id,
        grantKey({ role: "drafter", scopeType: "global" }),
      ),
    ]);
    const { status, body } = await upload(
      id,
      "2025-section-glossary",
      await buildDocx([{ p: ["Abbreviations used in this report."] }, { h: 1, text: "Prosecution" }, { p: ["Not a narrative heading here."] }]),
      { apply: true },
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.replaces).toEqual(["body"]);
    expect((await texts("2025-section-glossary")).body).toBe("Abbreviations used in this report.\nProsecution\nNot a narrative heading here.");
  });
});

describe("bad uploads get clear errors and change nothing", () => {
  const doc = "2025-liberia";
  const zipOf = async (files: Record<string, string>) => {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(files)) zip.file(name, content);
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  };
  const bytes = (text: string) => new TextEncoder().encode(text);

  it.each([
    ["a PDF", bytes("%PDF-1.7\n..."), 415, "not_docx", /is a PDF/],
    [
      "an old .doc",
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      415,
      "not_docx",
      /Word 97-2003/,
    ],
    ["plain text named .docx", bytes("Prosecution\nThe government..."), 415, "not_docx", /not a Word document/],
    ["an empty file", new Uint8Array(), 400, "empty_file", /empty/],
  ])("%s", async (_name, file, status, code, message) => {
    const { status: got, body } = await upload(AS.drafterAF, doc, file);
    expect(got).toBe(status);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
  });

  it("a ZIP that is not Word, and a Word package that mammoth cannot read", async () => {
    const xlsx = await upload(AS.drafterAF, doc, await zipOf({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }));
    expect(xlsx.status).toBe(415);
    expect(xlsx.body.error).toMatchObject({ code: "not_docx", details: { detected: "xlsx" } });
    const broken = await upload(AS.drafterAF, doc, await zipOf({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<not-word" }));
    expect(broken.status).toBe(415);
    expect(broken.body.error).toMatchObject({ code: "not_docx", details: { detected: "unreadable" } });
  });

  it("a document with no text (an image alone) is 422 empty_document", async () => {
    const { status, body } = await upload(AS.drafterAF, doc, await buildDocx([{ image: true }]), { apply: true });
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: "empty_document", details: { notes: ["An image was left out: the narrative's text holds no pictures."] } });
  });

  it("a file over 10 MB is 413 with the limit in words, before or after the form is read", async () => {
    const just = await upload(AS.drafterAF, doc, new Uint8Array(DOCX_MAX_BYTES + 1), { apply: true });
    expect(just.status).toBe(413);
    expect(just.body.error).toMatchObject({ code: "payload_too_large", message: expect.stringMatching(/larger than 10 MB/) });
    const far = await upload(AS.drafterAF, doc, new Uint8Array(DOCX_MAX_BYTES + 200_000), { apply: true });
    expect(far.status).toBe(413);
    expect(far.body.error.message).toMatch(/larger than 10 MB/);
  });

  it("a small file that declares too much XML once opened is 413 docx_too_large, before mammoth inflates it", async () => {
    const bomb = await zipOf({ "[Content_Types].xml": "<Types/>", "word/document.xml": "a".repeat(33 * 1024 * 1024) });
    expect(bomb.byteLength).toBeLessThan(200_000);
    const { status, body } = await upload(AS.drafterAF, doc, bomb);
    expect(status).toBe(413);
    expect(body.error.code).toBe("docx_too_large");
  });

  it("no multipart body, or no file field, says how to send it", async () => {
    const raw = await call(AS.drafterAF, `/api/documents/${doc}/import-docx`, {
      method: "POST",
      body: "PK",
      headers: { "Content-Type": "application/octet-stream" },
    });
    expect(raw.status).toBe(415);
    expect((await json(raw)).error).toMatchObject({ code: "multipart_required", message: expect.stringMatching(/form field "file"/) });
    const noFile = new FormData();
    noFile.append("other", "x");
    const missing = await call(AS.drafterAF, `/api/documents/${doc}/import-docx`, { method: "POST", body: noFile });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error.code).toBe("file_required");
    expect(await logCount(doc)).toBe(0);
  });
});
