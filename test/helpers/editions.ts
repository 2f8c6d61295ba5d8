/** Builders for release and carry-forward tests: a small cycle whose narratives hold text and stand cleared, and reading what a room or an edition holds. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { plainText, sectionJson } from "#shared/render-document.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { AS } from "./api.ts";
import { RoomClient, waitFor } from "./room-client.ts";
import { cycleWith } from "./workflow.ts";

/** NEA countries, so the NEA drafter may type into them. */
export const NEA_COUNTRIES = ["bahrain", "oman", "qatar"] as const;

/** The section's words as a reader sees them (paragraphs, headings and list items, one per line). */
export function sectionText(client: RoomClient, section: string): string {
  return plainText(sectionJson(client.doc, section)).replace(/\n+$/, "");
}

/** Types `text` into the narrative's summary as its NEA drafter and waits until the room has stored it. */
export async function typeAsDrafter(documentId: string, text: string, section = "summary"): Promise<void> {
  const drafter = await RoomClient.open(AS.drafterNEA, documentId);
  const sent = drafter.updateMessagesSent;
  drafter.type(section, text);
  await waitFor(() => drafter.answers().length > sent && drafter.answers().every((n) => n.type === "saved"), `${documentId} saved`);
  drafter.close();
}

/**
 * The state final clearance leaves a document in: cleared, its text recorded as the snapshot the
 * clearances were given for (`text_hash`), the room locked. The workflow itself is covered by
 * document-actions.test.ts; here only its outcome matters.
 */
export async function markCleared(documentId: string): Promise<string> {
  const room = documentRoom(env, documentId);
  const snapshot = await room.snapshot();
  const { version } = (await env.DB.prepare("UPDATE documents SET state = 'cleared', text_hash = ?, version = version + 1 WHERE id = ? RETURNING version")
    .bind(snapshot.hash, documentId)
    .first<{ version: number }>())!;
  await env.DB.prepare(
    "INSERT INTO document_snapshots (document_id, hash, through_seq, taken_at, taken_by, sections) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
  )
    .bind(documentId, snapshot.hash, snapshot.throughSeq, snapshot.takenAt, AS.leadership, JSON.stringify(snapshot.sections))
    .run();
  const status = await room.applyWorkflow({ state: "cleared", version, changedBy: "Morgan Ambassador" });
  expect(status.locked).toBe(true);
  return snapshot.hash;
}

/** A cycle of its own whose narratives hold `texts` (NEA countries, in order), each in `states` (cleared ones through markCleared). */
export async function cycleWithTexts(year: number, texts: string[], states: string[] = texts.map(() => "cleared")): Promise<Record<string, string>> {
  await cycleWith(
    year,
    states.map(() => "drafting"),
  );
  const hashes: Record<string, string> = {};
  for (const [i, text] of texts.entries()) {
    const id = `${year}-${NEA_COUNTRIES[i]}`;
    await typeAsDrafter(id, text);
    if (states[i] === "cleared") hashes[id] = await markCleared(id);
    else await env.DB.prepare("UPDATE documents SET state = ?, version = version + 1 WHERE id = ?").bind(states[i], id).run();
  }
  return hashes;
}

/** The published edition's text per document, read from the recorded snapshots its rows point at. */
export async function publishedTexts(year: number): Promise<Record<string, string>> {
  const { results } = await env.DB.prepare(
    "SELECT e.document_id AS id, s.sections FROM published_edition_documents e JOIN document_snapshots s ON s.document_id = e.document_id AND s.hash = e.snapshot_hash WHERE e.cycle_year = ? ORDER BY e.position",
  )
    .bind(year)
    .all<{ id: string; sections: string }>();
  return Object.fromEntries(
    results.map((r) => [
      r.id,
      (JSON.parse(r.sections) as { text: string }[])
        .map((s) => s.text)
        .filter(Boolean)
        .join("\n"),
    ]),
  );
}
