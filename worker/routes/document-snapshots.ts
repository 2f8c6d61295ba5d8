/** /api/documents/:id/snapshots — the texts recorded by workflow steps, and word-level diffs between them. */
import type { SnapshotSection } from "#shared/api/report.ts";
import { createRoute, z } from "@hono/zod-openapi";
import { SnapshotDiffSchema, SnapshotListSchema, SnapshotSchema } from "#shared/api/snapshots.ts";
import { diffSections } from "#shared/text-diff.ts";
import { requireUser } from "../auth/identity.ts";
import { database, type Database } from "../db/client.ts";
import { loadReadableDocument } from "../documents/document-access.ts";
import type { Env } from "../env.ts";
import { notFound } from "../http/api-error.ts";
import { createRouter, jsonContent, readErrors } from "../http/router.ts";
import { documentRoom } from "../rooms/room-directory.ts";
import { findSnapshot, listSnapshots } from "../documents/snapshots.ts";
import { DocumentIdParam } from "./documents.ts";

export const documentSnapshotRoutes = createRouter();

const SnapshotRef = z.union([z.literal("current"), z.string().regex(/^[0-9a-f]{64}$/, 'a recorded snapshot\'s 64-character hash, or "current"')]);

/** What people read of a section; the ProseMirror JSON stays inside (the report compiler reads it). */
const readableSections = (sections: SnapshotSection[]) => sections.map(({ key, label, html, text }) => ({ key, label, html, text }));

/** A recorded snapshot by hash, or the room's text right now for "current" (not recorded). */
async function resolveSnapshot(env: Env, db: Database, documentId: string, ref: string) {
  if (ref === "current") {
    const live = await documentRoom(env, documentId).snapshot();
    return { hash: live.hash, takenAt: live.takenAt, takenBy: null, throughSeq: live.throughSeq, sections: readableSections(live.sections) };
  }
  const found = await findSnapshot(db, documentId, ref);
  if (!found) throw notFound(`Snapshot ${ref.slice(0, 12)}… of this document`);
  const { documentId: _, sections, ...snapshot } = found;
  return { ...snapshot, sections: readableSections(sections) };
}

documentSnapshotRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/snapshots",
    summary: "Texts recorded by workflow steps (submit, approve, clearances, final clearance), newest first",
    tags: ["Workflow"],
    request: { params: DocumentIdParam },
    responses: {
      200: jsonContent(SnapshotListSchema, "Recorded snapshots"),
      ...readErrors,
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const db = database(c.env);
    const doc = await loadReadableDocument(db, user, c.req.valid("param").id);
    let snapshots = await listSnapshots(db, doc.id);
    // A new cycle's document records its carried-forward text when its room first loads: wake it, so the list has it from the start.
    if (!snapshots.length) {
      await documentRoom(c.env, doc.id).status();
      snapshots = await listSnapshots(db, doc.id);
    }
    return c.json({ snapshots }, 200);
  },
);

documentSnapshotRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/snapshots/{hash}",
    summary: "One recorded text (or `current`, the room's text now), per section as HTML and plain text",
    tags: ["Workflow"],
    request: { params: DocumentIdParam.extend({ hash: SnapshotRef.openapi({ param: { name: "hash", in: "path" } }) }) },
    responses: { 200: jsonContent(SnapshotSchema, "The text"), ...readErrors },
  }),
  async (c) => {
    const user = await requireUser(c);
    const { id, hash } = c.req.valid("param");
    const db = database(c.env);
    const doc = await loadReadableDocument(db, user, id);
    return c.json(await resolveSnapshot(c.env, db, doc.id, hash), 200);
  },
);

documentSnapshotRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/snapshots/{a}/diff/{b}",
    summary: "Word-level differences per section from text `a` to text `b` (hashes of recorded snapshots, or `current`)",
    tags: ["Workflow"],
    request: {
      params: DocumentIdParam.extend({
        a: SnapshotRef.openapi({ param: { name: "a", in: "path" } }),
        b: SnapshotRef.openapi({ param: { name: "b", in: "path" } }),
      }),
    },
    responses: {
      200: jsonContent(SnapshotDiffSchema, "The differences"),
      ...readErrors,
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const { id, a, b } = c.req.valid("param");
    const db = database(c.env);
    const doc = await loadReadableDocument(db, user, id);
    const [from, to] = await Promise.all([resolveSnapshot(c.env, db, doc.id, a), resolveSnapshot(c.env, db, doc.id, b)]);
    return c.json(
      {
        from: { hash: from.hash, takenAt: from.takenAt },
        to: { hash: to.hash, takenAt: to.takenAt },
        identical: from.hash === to.hash,
        sections: diffSections(from.sections, to.sections),
      },
      200,
    );
  },
);
