/**
 * A country narrative's law-enforcement figures: read by whoever reads the narrative, changed by
 * whoever may edit its text now, validated by the shared rules, versioned and audited like any
 * document change (action `figures.update`, the changed fields with before and after).
 */
import { eq } from "drizzle-orm";
import { changedFigures, FIGURE_FIELD_KEYS, noFigures, validateFigures, type FigureField, type Figures } from "#shared/law-enforcement.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import { database, type Database } from "../db/client.ts";
import { lawEnforcementFigures, users } from "../db/schema.ts";
import { loadReadableDocument } from "../documents/document-access.ts";
import { findDocument, type DocumentSummary } from "../documents/document-queries.ts";
import type { Env } from "../env.ts";
import { ApiError } from "../http/api-error.ts";
import { assertCanEditWithText, canEditDocument } from "../policy/policy.ts";
import { assertCurrentVersion, commitDocumentChange, type Actor } from "../workflow/document-change.ts";

export interface FiguresUpdate {
  version: number;
  figures: Partial<Record<FigureField, number | null>>;
  lawsNote?: string | null | undefined;
}

function assertNarrative(doc: DocumentSummary): void {
  if (doc.kind !== "country_narrative") throw new ApiError(409, "not_a_narrative", "Only country narratives carry law-enforcement figures.");
}

async function storedFigures(db: Database, documentId: string) {
  return db
    .select({ row: lawEnforcementFigures, updatedByName: users.name })
    .from(lawEnforcementFigures)
    .leftJoin(users, eq(users.id, lawEnforcementFigures.updatedBy))
    .where(eq(lawEnforcementFigures.documentId, documentId))
    .get();
}

const figuresOfRow = (row: typeof lawEnforcementFigures.$inferSelect | undefined): Figures =>
  row ? (Object.fromEntries(FIGURE_FIELD_KEYS.map((k) => [k, row[k]])) as Figures) : noFigures();

/** The figures as the document page shows them to this caller. */
async function figuresView(db: Database, user: CurrentUser, doc: DocumentSummary) {
  const stored = await storedFigures(db, doc.id);
  return {
    documentId: doc.id,
    version: doc.version,
    state: doc.state,
    figures: figuresOfRow(stored?.row),
    lawsNote: stored?.row.lawsNote ?? null,
    entered: stored !== undefined,
    updatedBy: stored?.row.updatedBy ?? null,
    updatedByName: stored?.updatedByName ?? null,
    updatedAt: stored?.row.updatedAt ?? null,
    youMayEdit: canEditDocument(user, doc),
  };
}

export type FiguresView = Awaited<ReturnType<typeof figuresView>>;

export async function readFigures(env: Env, user: CurrentUser, documentId: string): Promise<FiguresView> {
  const db = database(env);
  const doc = await loadReadableDocument(db, user, documentId);
  assertNarrative(doc);
  return figuresView(db, user, doc);
}

export async function updateFigures(env: Env, actor: Actor, documentId: string, update: FiguresUpdate): Promise<FiguresView> {
  const db = database(env);
  const doc = await loadReadableDocument(db, actor.user, documentId);
  assertCurrentVersion(doc, update.version);
  assertNarrative(doc);
  assertCanEditWithText(actor.user, doc, "its law-enforcement figures");
  const errors = validateFigures(update.figures);
  if (errors.length > 0) {
    throw new ApiError(400, "invalid_figures", `The figures are not valid: ${errors.map((e) => e.message).join(" ")}`, { errors });
  }
  const after: Figures = { ...noFigures(), ...update.figures };
  const lawsNote = update.lawsNote?.trim() || null;
  const stored = await storedFigures(db, doc.id);
  const before = figuresOfRow(stored?.row);
  const changes = changedFigures(before, after);
  const noteBefore = stored?.row.lawsNote ?? null;
  // Saving what is already stored changes nothing: no new version, no audit event.
  if (stored && Object.keys(changes).length === 0 && noteBefore === lawsNote) return figuresView(db, actor.user, doc);
  const at = new Date().toISOString();
  const values = { ...after, lawsNote, updatedBy: actor.user.id, updatedAt: at };
  await commitDocumentChange(
    env,
    db,
    actor,
    doc,
    {
      action: "figures.update",
      comment: null,
      details: { changes, ...(noteBefore !== lawsNote ? { lawsNote: { before: noteBefore, after: lawsNote } } : {}) },
    },
    {},
    () => [
      db
        .insert(lawEnforcementFigures)
        .values({ documentId: doc.id, ...values })
        .onConflictDoUpdate({ target: lawEnforcementFigures.documentId, set: values }),
    ],
  );
  return figuresView(db, actor.user, (await findDocument(db, doc.id))!);
}
