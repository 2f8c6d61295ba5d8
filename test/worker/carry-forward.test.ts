/** The demo's 2025 report sections start from the 2024 report's own text, imported by each room on first load. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { grantKey } from "#shared/roles.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { AS, call, json } from "../helpers/api.ts";
import { sectionText } from "../helpers/editions.ts";
import { RoomClient, waitFor } from "../helpers/room-client.ts";

/** The report sections belong to no region: only a global drafter edits them. The demo has none, so this test adds one. */
const EDITOR = "test-report-editor";
const METHODOLOGY = "2025-section-methodology";

async function editionHash(documentId: string): Promise<string> {
  return (await env.DB.prepare("SELECT snapshot_hash AS h FROM published_edition_documents WHERE cycle_year = 2024 AND document_id = ?")
    .bind(documentId)
    .first<{ h: string }>())!.h;
}

beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO users (id, email, name) VALUES (?, 'report.editor@example.gov', 'Report Editor')").bind(EDITOR),
    env.DB.prepare("INSERT INTO role_assignments (id, user_id, role, scope_type, grant_key) VALUES (?, ?, 'drafter', 'global', ?)").bind(
      `${EDITOR}-grant`,
      EDITOR,
      grantKey({ role: "drafter", scopeType: "global" }),
    ),
  ]);
});

describe("the demo's 2025 report sections", () => {
  it("the Methodology, opened through its room, holds the 2024 tier definitions; its log's first row is the system's import", async () => {
    const from = await editionHash("2024-section-methodology");
    expect(await env.DB.prepare("SELECT starting_document_id AS d, starting_snapshot_hash AS h FROM documents WHERE id = ?").bind(METHODOLOGY).first()).toEqual(
      {
        d: "2024-section-methodology",
        h: from,
      },
    );
    const reader = await RoomClient.open(AS.leadership, METHODOLOGY);
    const text = sectionText(reader, "body");
    expect(text.startsWith("Methodology\n")).toBe(true);
    expect(text).toContain("A Guide to the Tiers");
    expect(text).toContain(
      "Tier 2 Watch List\nCountries whose governments do not fully meet the TVPA's minimum standards but are making significant efforts to bring themselves into compliance with those standards, and for which:",
    );
    expect(text).toContain("ranked Tier 2 Watch List for two consecutive years");
    // Headings and lists came through as such.
    const body = reader.doc.getXmlFragment("body").toArray() as { nodeName: string; getAttribute(name: string): unknown }[];
    expect(body[0]!.nodeName).toBe("heading");
    expect(body.filter((n) => n.nodeName === "heading" && n.getAttribute("level") === 3).length).toBeGreaterThanOrEqual(6);
    expect(body.some((n) => n.nodeName === "bulletList")).toBe(true);
    reader.close();

    const room = documentRoom(env, METHODOLOGY);
    expect((await room.history())[0]).toMatchObject({ userId: "system", userName: "Carried forward from the 2024 report" });
    expect((await room.status()).log.updates).toBe(1);
    // Recorded for the new document with the 2024 hash itself: the round trip through the room is exact.
    const snapshots = await json(await call(AS.leadership, `/api/documents/${METHODOLOGY}/snapshots`));
    expect(snapshots.snapshots.map((s: any) => [s.hash, s.takenBy])).toEqual([[from, "system"]]);
    expect((await room.snapshot()).hash).toBe(from);
    const event = await env.DB.prepare(
      "SELECT actor_user_id, snapshot_hash, details FROM audit_events WHERE action = 'document.carry_forward' AND document_id = ?",
    )
      .bind(METHODOLOGY)
      .first<any>();
    expect(event).toMatchObject({ actor_user_id: "system", snapshot_hash: from });
    expect(JSON.parse(event.details)).toEqual({ from: "2024-section-methodology", fromSnapshotHash: from, fromYear: 2024, sameHash: true });
  });

  it("the diff from the carried-forward text to the room's shows only this year's change", async () => {
    const from = await editionHash("2024-section-methodology");
    const editor = await RoomClient.open(EDITOR, METHODOLOGY);
    const sent = editor.updateMessagesSent;
    editor.type("body", " (2025)");
    await waitFor(() => editor.answers().length > sent && editor.answers().every((n) => n.type === "saved"), "edit saved");
    editor.close();
    const diff = await json(await call(AS.leadership, `/api/documents/${METHODOLOGY}/snapshots/${from}/diff/current`));
    const parts = diff.sections[0].parts;
    expect(parts.filter((p: any) => p.change !== "same").map((p: any) => [p.change, p.text.trim()])).toEqual([["added", "(2025)"]]);
  });

  it("every entry point waits for the import: an RPC before any connection, and a connection racing it, see the text, imported once", async () => {
    const id = "2025-section-introduction";
    const from = await editionHash("2024-section-introduction");
    const room = documentRoom(env, id);
    const [snapshot, client] = await Promise.all([room.snapshot(), RoomClient.open(AS.leadership, id)]);
    expect(snapshot.hash).toBe(from);
    expect(sectionText(client, "body")).toContain("Exploring the Role and Impacts of Digital Technology on Human Trafficking");
    client.close();
    expect((await room.status()).log.updates).toBe(1);
  });

  it("the versions list records the carried-forward text before anyone opened the room", async () => {
    const snapshots = await json(await call(AS.leadership, `/api/documents/2025-section-tip-report-heroes/snapshots`));
    expect(snapshots.snapshots.map((s: any) => [s.hash, s.takenBy])).toEqual([[await editionHash("2024-section-tip-report-heroes"), "system"]]);
  });

  it("the import's Yjs client id belongs to the system: an update writing under it is refused", async () => {
    const id = "2025-section-glossary";
    const reader = await RoomClient.open(AS.leadership, id);
    const systemClient = [...reader.doc.store.clients.keys()][0]!;
    reader.close();
    const editor = await RoomClient.open(EDITOR, id);
    editor.doc.clientID = systemClient;
    const sent = editor.updateMessagesSent;
    editor.type("body", " forged");
    await waitFor(() => editor.answers().length > sent, "answer");
    expect(editor.answers().at(-1)).toMatchObject({ type: "refused", reason: "malformed" });
    editor.close();
    expect((await documentRoom(env, id).status()).log.updates).toBe(1);
  });

  it("the 2024 documents themselves are published and their rooms show the text the edition froze", async () => {
    const id = "2024-section-methodology";
    expect(await env.DB.prepare("SELECT state FROM documents WHERE id = ?").bind(id).first()).toEqual({ state: "published" });
    const reader = await RoomClient.open(AS.leadership, id);
    expect(reader.notices.find((n) => n.type === "welcome")).toMatchObject({ locked: true, canEdit: false });
    reader.close();
    const room = documentRoom(env, id);
    expect((await room.snapshot()).hash).toBe(await editionHash(id));
    expect((await room.history())[0]).toMatchObject({ userId: "system", userName: "Imported from the 2024 report" });
  });
});
