/**
 * A new cycle's document starts from last year's published text. The room imports it the first
 * time it loads with an empty log: it reads the snapshot its D1 row names, writes the sections
 * into a Y.Doc of its own (y-prosemirror, the editor's schema), records the result as a snapshot
 * of the new document (taken by "system") with an audit event, and only then applies it to the
 * room as ONE update by "system", stored before anything is broadcast like every other update.
 * The versions page and `…/snapshots/:hash/diff/current` then show exactly what this year changed.
 *
 * Order: D1 first, the room's log last. If D1 fails, nothing is in the log and the next load tries
 * again; once the update is in the log, the room never imports again (its log is not empty).
 */
import * as Y from "yjs";
import type { SnapshotSection } from "#shared/api/report.ts";
import { kindOfDocumentId } from "#shared/document-shape.ts";
import { docFromSections, sectionsFromSnapshot } from "#shared/recorded-text.ts";
import { renderDocument } from "#shared/render-document.ts";
import { commitWithAudit } from "../audit/audit-log.ts";
import { database } from "../db/client.ts";
import { log } from "../http/log.ts";
import { snapshotInsert } from "../documents/snapshots.ts";
import type { ClientOwners } from "./client-owners.ts";
import type { RoomStorage } from "./room-storage.ts";

/** room_state key: the starting text was dealt with (its hash, or why there is none). */
export const STARTING_TEXT_KEY = "starting_text";
/** Who the import is by, in the log, its client id's owner and the snapshot's `taken_by`. */
export const SYSTEM_USER = "system";

export interface StartingTextHost {
  documentId: string;
  env: { DB?: D1Database };
  storage: RoomStorage;
  clientOwners: ClientOwners;
  /** Applies an update to the room's document as `origin` (stored, then broadcast). Throws if it could not be stored. */
  apply(update: Uint8Array, origin: ImportOrigin): void;
}

/** Read by the room's persistThenBroadcast as a connection would be: the log row names the system. */
export interface ImportOrigin {
  id: string;
  state: { identity: { id: string; name: string } };
}

interface StartingRow {
  startingDocumentId: string | null;
  startingSnapshotHash: string | null;
  fromYear: number | null;
  ownYear: number;
  sections: string | null;
}

export function importerName(fromYear: number | null, ownYear: number): string {
  if (fromYear === null) return "Carried forward";
  return fromYear === ownYear ? `Imported from the ${fromYear} report` : `Carried forward from the ${fromYear} report`;
}

async function readStartingRow(db: D1Database, documentId: string): Promise<StartingRow | null> {
  return db
    .prepare(
      `SELECT d.starting_document_id AS startingDocumentId, d.starting_snapshot_hash AS startingSnapshotHash, d.cycle_year AS ownYear,
              f.cycle_year AS fromYear, s.sections AS sections
         FROM documents d
         LEFT JOIN documents f ON f.id = d.starting_document_id
         LEFT JOIN document_snapshots s ON s.document_id = d.starting_document_id AND s.hash = d.starting_snapshot_hash
        WHERE d.id = ?`,
    )
    .bind(documentId)
    .first<StartingRow>();
}

/** Imports the document's starting text if the room has never had any text (see above). Idempotent. */
export async function importStartingText(host: StartingTextHost): Promise<void> {
  const { storage, documentId } = host;
  if (storage.getState(STARTING_TEXT_KEY) !== null) return;
  if (storage.logSummary().updates > 0) {
    storage.setState(STARTING_TEXT_KEY, "had-text");
    return;
  }
  // Rooms outside the app (benchmarks) have no database and no starting text.
  if (!host.env.DB) return;
  const row = await readStartingRow(host.env.DB, documentId);
  // No row: not a document (yet); asked again on the next load.
  if (!row) return;
  if (!row.startingDocumentId || !row.startingSnapshotHash) {
    storage.setState(STARTING_TEXT_KEY, "none");
    return;
  }
  if (!row.sections) {
    // Recorded texts are never deleted, so waiting would not bring it: start empty, and say so.
    log("error", "room's starting text is not recorded; it starts empty", { documentId, from: row.startingDocumentId, hash: row.startingSnapshotHash });
    storage.setState(STARTING_TEXT_KEY, "missing");
    return;
  }
  const kind = kindOfDocumentId(documentId);
  const source = docFromSections(sectionsFromSnapshot(kind, JSON.parse(row.sections) as SnapshotSection[]));
  if (!source.share.size) {
    storage.setState(STARTING_TEXT_KEY, "none");
    return;
  }
  const rendered = await renderDocument(source, kind);
  const name = importerName(row.fromYear, row.ownYear);
  const db = database({ DB: host.env.DB });
  const takenAt = new Date().toISOString();
  await commitWithAudit(
    db,
    { actor: { id: SYSTEM_USER, email: null }, requestId: null },
    {
      action: "document.carry_forward",
      subjectType: "document",
      subjectId: documentId,
      documentId,
      snapshotHash: rendered.hash,
      details: {
        from: row.startingDocumentId,
        fromSnapshotHash: row.startingSnapshotHash,
        fromYear: row.fromYear,
        sameHash: rendered.hash === row.startingSnapshotHash,
      },
    },
    () => [
      snapshotInsert(
        db,
        {
          documentId,
          hash: rendered.hash,
          throughSeq: storage.logSummary().lastSeq + 1,
          takenAt,
          sections: rendered.sections.map(({ key, label, html, text, json }) => ({ key, label, html, text, json: JSON.stringify(json) })),
        },
        SYSTEM_USER,
      ),
    ],
  );
  host.apply(Y.encodeStateAsUpdate(source), { id: "carry-forward", state: { identity: { id: SYSTEM_USER, name } } });
  host.clientOwners.claim([source.clientID], SYSTEM_USER);
  storage.setState(STARTING_TEXT_KEY, rendered.hash);
}
