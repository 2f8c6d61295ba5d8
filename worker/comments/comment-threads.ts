/**
 * Comment threads and suggested edits (docs/comments.md).
 *
 * Threads live in D1; every change commits with its audit event in one batch (`comment.*`) and
 * never touches the document's version, its room log or its hash. Anchors are checked against the
 * room (RPC) at creation; an accepted suggestion is applied inside the room as an edit by the
 * accepting person. After each commit the room tells its open clients (`comments-changed`).
 */
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { z } from "@hono/zod-openapi";
import { OPEN_THREAD_STATES, type CommentThreadSchema, type CreateThreadSchema, type ThreadState } from "#shared/api/comments.ts";
import { documentSections } from "#shared/document-shape.ts";
import { commitWithAudit, type AuditEntry } from "../audit/audit-log.ts";
import type { CurrentUser } from "../auth/current-user.ts";
import type { Database } from "../db/client.ts";
import { databaseErrorText } from "../db/errors.ts";
import { commentReplies, commentThreads, countries, documents, users, type CommentThreadRow } from "../db/schema.ts";
import { scopeCondition, type DocumentSummary } from "../documents/document-queries.ts";
import type { Env } from "../env.ts";
import { ApiError, badRequest, notFound } from "../http/api-error.ts";
import { log } from "../http/log.ts";
import {
  assertCanMarkBlocking,
  assertThreadDecision,
  rolesOn,
  threadRights,
  type DocumentScope,
  type ListScope,
  type ThreadDecision,
} from "../policy/policy.ts";
import { documentRoom } from "../rooms/room-directory.ts";
import type { Actor } from "../workflow/document-change.ts";

export type CommentThreadView = z.infer<typeof CommentThreadSchema>;
type CreateThreadInput = z.infer<typeof CreateThreadSchema>;

const author = alias(users, "thread_author");
const decider = alias(users, "thread_decider");
const replyAuthor = alias(users, "reply_author");

const threadColumns = { thread: commentThreads, authorName: author.name, deciderName: decider.name };

type ThreadRow = { thread: CommentThreadRow; authorName: string; deciderName: string | null };
type ReplyRow = { id: string; threadId: string; authorId: string; authorName: string; body: string; createdAt: string };

function threadsQuery(db: Database) {
  return db
    .select(threadColumns)
    .from(commentThreads)
    .innerJoin(author, eq(author.id, commentThreads.authorId))
    .leftJoin(decider, eq(decider.id, commentThreads.decidedBy));
}

/** Replies of the threads `where` picks; it may test the thread, its document and the document's country (a left join on the key: one row per reply). */
function repliesQuery(db: Database, where: SQL | undefined) {
  return db
    .select({
      id: commentReplies.id,
      threadId: commentReplies.threadId,
      authorId: commentReplies.authorId,
      authorName: replyAuthor.name,
      body: commentReplies.body,
      createdAt: commentReplies.createdAt,
    })
    .from(commentReplies)
    .innerJoin(replyAuthor, eq(replyAuthor.id, commentReplies.authorId))
    .innerJoin(commentThreads, eq(commentThreads.id, commentReplies.threadId))
    .innerJoin(documents, eq(documents.id, commentThreads.documentId))
    .leftJoin(countries, eq(countries.id, documents.countryId))
    .where(where)
    .orderBy(asc(commentReplies.createdAt), asc(commentReplies.id));
}

function toView(row: ThreadRow, replies: ReplyRow[], user: CurrentUser, doc: DocumentScope): CommentThreadView {
  const t = row.thread;
  return {
    id: t.id,
    documentId: t.documentId,
    sectionKey: t.sectionKey,
    kind: t.kind,
    state: t.state,
    blocking: t.blocking,
    anchor: { start: t.anchorStart, end: t.anchorEnd },
    quote: t.quote,
    contextBefore: t.contextBefore,
    contextAfter: t.contextAfter,
    body: t.body,
    replacement: t.replacement,
    author: { id: t.authorId, name: row.authorName },
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    decidedBy: t.decidedBy ? { id: t.decidedBy, name: row.deciderName ?? t.decidedBy } : null,
    decidedAt: t.decidedAt,
    decisionReason: t.decisionReason,
    replies: replies
      .filter((r) => r.threadId === t.id)
      .map((r) => ({ id: r.id, author: { id: r.authorId, name: r.authorName }, body: r.body, createdAt: r.createdAt })),
    youMay: threadRights(user, doc, t),
  };
}

/** Every thread of a document, oldest first, with replies and what the caller may do with each. */
export async function listDocumentThreads(db: Database, user: CurrentUser, doc: DocumentScope): Promise<CommentThreadView[]> {
  const [rows, replies] = await Promise.all([
    threadsQuery(db).where(eq(commentThreads.documentId, doc.id)).orderBy(asc(commentThreads.createdAt), asc(commentThreads.id)),
    repliesQuery(db, eq(commentThreads.documentId, doc.id)),
  ]);
  return rows.map((row) => toView(row, replies, user, doc));
}

export async function threadView(db: Database, user: CurrentUser, doc: DocumentScope, threadId: string): Promise<CommentThreadView> {
  const row = await threadsQuery(db)
    .where(and(eq(commentThreads.id, threadId), eq(commentThreads.documentId, doc.id)))
    .get();
  if (!row) throw notFound("Comment thread");
  return toView(row, await repliesQuery(db, eq(commentThreads.id, threadId)), user, doc);
}

/** Threads of a cycle's documents the caller may read (`scope`), optionally one region's and only open ones. */
export async function listCycleThreads(
  db: Database,
  user: CurrentUser,
  cycleYear: number,
  scope: ListScope,
  filters: { region?: string | undefined; openOnly: boolean },
): Promise<(CommentThreadView & { documentTitle: string; regionCode: string | null })[]> {
  const where = and(
    eq(documents.cycleYear, cycleYear),
    scopeCondition(scope),
    filters.region ? eq(countries.regionCode, filters.region) : undefined,
    filters.openOnly ? inArray(commentThreads.state, [...OPEN_THREAD_STATES]) : undefined,
  );
  const rows = await db
    .select({
      ...threadColumns,
      doc: { id: documents.id, kind: documents.kind, countryId: documents.countryId, state: documents.state, title: documents.title },
      regionCode: countries.regionCode,
    })
    .from(commentThreads)
    .innerJoin(author, eq(author.id, commentThreads.authorId))
    .leftJoin(decider, eq(decider.id, commentThreads.decidedBy))
    .innerJoin(documents, eq(documents.id, commentThreads.documentId))
    .leftJoin(countries, eq(countries.id, documents.countryId))
    .where(where)
    .orderBy(asc(documents.sortOrder), asc(commentThreads.createdAt), asc(commentThreads.id));
  if (!rows.length) return [];
  // Replies of the cycle's threads in one query (D1 caps bound parameters, so no IN over the thread ids).
  const replies = await repliesQuery(db, where);
  return rows.map((row) => {
    const scopeOfDoc: DocumentScope = { id: row.doc.id, kind: row.doc.kind, countryId: row.doc.countryId, regionCode: row.regionCode, state: row.doc.state };
    return { ...toView(row, replies, user, scopeOfDoc), documentTitle: row.doc.title, regionCode: row.regionCode };
  });
}

/** Threads that still ask for something, for the clearance record and the final-clearance check. */
export async function openThreadsOf(db: Database, documentId: string) {
  return db
    .select({
      id: commentThreads.id,
      quote: commentThreads.quote,
      blocking: commentThreads.blocking,
      authorId: commentThreads.authorId,
      authorName: author.name,
    })
    .from(commentThreads)
    .innerJoin(author, eq(author.id, commentThreads.authorId))
    .where(and(eq(commentThreads.documentId, documentId), inArray(commentThreads.state, [...OPEN_THREAD_STATES])))
    .orderBy(asc(commentThreads.createdAt), asc(commentThreads.id));
}

/** After a commit that changed threads: the room tells its open clients. A failure is logged, never the request's. */
export async function announceComments(env: Pick<Env, "DOCUMENT_ROOM">, documentId: string): Promise<void> {
  try {
    await documentRoom(env, documentId).announceComments();
  } catch (error) {
    log("error", "room did not announce a comment change; clients see it on their next load", { documentId, error: String(error) });
  }
}

async function commitThreadChange(
  db: Database,
  actor: Actor,
  doc: DocumentScope,
  threadId: string,
  entry: Pick<AuditEntry, "action" | "comment" | "details">,
  changes: Parameters<typeof commitWithAudit>[3],
) {
  await commitWithAudit(
    db,
    { actor: { id: actor.user.id, email: actor.user.email }, requestId: actor.requestId },
    { ...entry, subjectType: "comment_thread", subjectId: threadId, documentId: doc.id },
    changes,
  );
}

async function findThread(db: Database, doc: DocumentScope, threadId: string): Promise<CommentThreadRow> {
  const thread = await db
    .select()
    .from(commentThreads)
    .where(and(eq(commentThreads.id, threadId), eq(commentThreads.documentId, doc.id)))
    .get();
  if (!thread) throw notFound("Comment thread");
  return thread;
}

/** A new thread, anchored where the room says its quote is. */
export async function createThread(env: Env, db: Database, actor: Actor, doc: DocumentSummary, input: CreateThreadInput): Promise<CommentThreadView> {
  const sections = documentSections(doc.kind);
  if (!sections.some((s) => s.key === input.sectionKey)) {
    throw new ApiError(400, "unknown_section", `This document has no section "${input.sectionKey}".`, { sections: sections.map((s) => s.key) });
  }
  if (input.kind === "suggestion" && input.replacement === undefined)
    throw badRequest("A suggestion needs the proposed wording (`replacement`).", { field: "replacement" });
  if (input.kind === "comment" && input.replacement !== undefined)
    throw badRequest('Only a suggestion carries a replacement; send `kind: "suggestion"`.', { field: "replacement" });
  if (input.blocking) assertCanMarkBlocking(actor.user, doc);

  const room = documentRoom(env, doc.id);
  let anchor: { start: string; end: string };
  let quote: string;
  let context: { contextBefore: string; contextAfter: string };
  if ("relative" in input.anchor) {
    quote = input.anchor.quote;
    const check = await room.checkCommentAnchor(input.sectionKey, input.anchor.relative, quote);
    if (check.status !== "matches") {
      const found = check.status === "mismatch" ? check.text : null;
      throw new ApiError(
        422,
        "anchor_mismatch",
        check.status === "mismatch"
          ? `The selected range covers "${check.text}", not the quoted words; select them again.`
          : `${check.message} Select the words again.`,
        { quote, found, reason: check.status === "mismatch" ? "mismatch" : check.reason },
      );
    }
    anchor = input.anchor.relative;
    context = { contextBefore: check.contextBefore, contextAfter: check.contextAfter };
  } else {
    quote = input.anchor.quote;
    const occurrence = input.anchor.occurrence ?? 0;
    const search = await room.findCommentQuote(input.sectionKey, quote, occurrence);
    if (!search.found) {
      throw new ApiError(
        422,
        "quote_not_found",
        search.occurrences === 0
          ? `"${quote}" does not appear within one paragraph of this section.`
          : `"${quote}" appears ${search.occurrences} time(s) in this section; occurrence ${occurrence} (counted from 0) does not exist.`,
        { quote, occurrence, occurrences: search.occurrences },
      );
    }
    anchor = search.anchor;
    context = { contextBefore: search.contextBefore, contextAfter: search.contextAfter };
  }

  const id = crypto.randomUUID();
  const at = new Date().toISOString();
  const blocking = input.blocking ?? false;
  await commitThreadChange(
    db,
    actor,
    doc,
    id,
    {
      action: "comment.create",
      details: { sectionKey: input.sectionKey, kind: input.kind, blocking, quote, ...(input.kind === "suggestion" ? { replacement: input.replacement } : {}) },
    },
    () => [
      db.insert(commentThreads).values({
        id,
        documentId: doc.id,
        sectionKey: input.sectionKey,
        kind: input.kind,
        state: "open",
        blocking,
        anchorStart: anchor.start,
        anchorEnd: anchor.end,
        quote,
        ...context,
        body: input.body,
        replacement: input.kind === "suggestion" ? (input.replacement ?? "") : null,
        authorId: actor.user.id,
        createdAt: at,
        updatedAt: at,
      }),
    ],
  );
  await announceComments(env, doc.id);
  return threadView(db, actor.user, doc, id);
}

export async function replyToThread(env: Env, db: Database, actor: Actor, doc: DocumentScope, threadId: string, body: string): Promise<CommentThreadView> {
  await findThread(db, doc, threadId);
  const id = crypto.randomUUID();
  const at = new Date().toISOString();
  await commitThreadChange(db, actor, doc, threadId, { action: "comment.reply", details: { replyId: id } }, () => [
    db.insert(commentReplies).values({ id, threadId, authorId: actor.user.id, body, createdAt: at }),
    db.update(commentThreads).set({ updatedAt: at }).where(eq(commentThreads.id, threadId)),
  ]);
  await announceComments(env, doc.id);
  return threadView(db, actor.user, doc, threadId);
}

/**
 * The thread's new state (and who decided). The database's trigger (migration 0009) aborts the whole
 * batch when the state already moved on, so of two racing decisions only the first is recorded.
 */
function decisionUpdate(db: Database, thread: CommentThreadRow, fields: Partial<typeof commentThreads.$inferInsert>) {
  return db
    .update(commentThreads)
    .set({ ...fields, updatedAt: new Date().toISOString() })
    .where(eq(commentThreads.id, thread.id));
}

/** Commits a decision; a lost race is 409 with the thread's state now. */
async function commitDecision(
  db: Database,
  actor: Actor,
  doc: DocumentScope,
  thread: CommentThreadRow,
  entry: Pick<AuditEntry, "action" | "comment" | "details">,
  fields: Partial<typeof commentThreads.$inferInsert>,
) {
  try {
    await commitThreadChange(db, actor, doc, thread.id, entry, () => [decisionUpdate(db, thread, fields)]);
  } catch (error) {
    if (!databaseErrorText(error).includes("comment_thread_already_decided")) throw error;
    const now = await findThread(db, doc, thread.id);
    throw new ApiError(409, "thread_state", `This ${now.kind} was ${now.state} by someone else a moment ago; nothing was changed.`, { state: now.state });
  }
}

/** resolve, reopen or reject (with its reason): the thread's state moves, audited. */
export async function decideThread(
  env: Env,
  db: Database,
  actor: Actor,
  doc: DocumentScope,
  threadId: string,
  decision: Exclude<ThreadDecision, "accept">,
  reason?: string,
): Promise<CommentThreadView> {
  const thread = await findThread(db, doc, threadId);
  assertThreadDecision(actor.user, doc, thread, decision);
  const why = reason?.trim() || null;
  if (decision === "reject" && !why) throw new ApiError(400, "reason_required", "Rejecting a suggestion needs a reason.", { field: "reason" });
  const at = new Date().toISOString();
  const to: ThreadState = decision === "resolve" ? "resolved" : decision === "reopen" ? "reopened" : "rejected";
  const withdrawn = decision === "reject" && thread.authorId === actor.user.id;
  await commitDecision(
    db,
    actor,
    doc,
    thread,
    {
      action: `comment.${decision}`,
      comment: why,
      details: {
        from: thread.state,
        to,
        kind: thread.kind,
        quote: thread.quote,
        ...(decision === "reject" ? { suggestedBy: thread.authorId, withdrawn } : {}),
      },
    },
    decision === "reopen"
      ? { state: to, decidedBy: null, decidedAt: null, decisionReason: null }
      : { state: to, decidedBy: actor.user.id, decidedAt: at, decisionReason: why },
  );
  await announceComments(env, doc.id);
  return threadView(db, actor.user, doc, threadId);
}

/**
 * Accepts a suggestion: the room re-checks the anchor and applies the replacement as an edit by the
 * accepting person; D1 then records the thread accepted, the audit event naming the suggester.
 * When the quoted words changed (or the anchor is gone) the thread is marked outdated and 409.
 */
export async function acceptSuggestion(env: Env, db: Database, actor: Actor, doc: DocumentSummary, threadId: string): Promise<CommentThreadView> {
  const thread = await findThread(db, doc, threadId);
  assertThreadDecision(actor.user, doc, thread, "accept");
  const outcome = await documentRoom(env, doc.id).applySuggestion({
    threadId,
    sectionKey: thread.sectionKey,
    anchor: { start: thread.anchorStart, end: thread.anchorEnd },
    quote: thread.quote,
    replacement: thread.replacement ?? "",
    by: { id: actor.user.id, name: actor.user.name, roles: [...rolesOn(actor.user, doc)] },
    workflow: { state: doc.state, version: doc.version },
  });
  const at = new Date().toISOString();
  if (!outcome.applied && "refused" in outcome) {
    // The text is locked now (a workflow action holds it): the suggestion itself may still apply later.
    throw new ApiError(409, "text_locked", `The text is locked${outcome.lockReason ? ` (${outcome.lockReason})` : ""}; the suggestion was not applied.`, {
      reason: outcome.refused,
      lockReason: outcome.lockReason,
      lockedBy: outcome.lockedBy,
    });
  }
  if (!outcome.applied) {
    const found = outcome.check.status === "mismatch" ? outcome.check.text : null;
    const message =
      outcome.check.status === "mismatch"
        ? `The quoted words changed since the suggestion was made: the range now reads "${outcome.check.text}", not "${thread.quote}". Nothing was applied; the suggestion is marked outdated.`
        : `${outcome.check.message} Nothing was applied; the suggestion is marked outdated.`;
    await commitDecision(
      db,
      actor,
      doc,
      thread,
      {
        action: "comment.outdated",
        details: { quote: thread.quote, found, reason: outcome.check.status === "mismatch" ? "mismatch" : outcome.check.reason, suggestedBy: thread.authorId },
      },
      { state: "outdated", decidedBy: actor.user.id, decidedAt: at, decisionReason: message },
    );
    await announceComments(env, doc.id);
    throw new ApiError(409, "suggestion_outdated", message, {
      threadId,
      quote: thread.quote,
      found,
      reason: outcome.check.status === "mismatch" ? "mismatch" : outcome.check.reason,
    });
  }
  try {
    await commitDecision(
      db,
      actor,
      doc,
      thread,
      {
        action: "comment.accept",
        details: {
          sectionKey: thread.sectionKey,
          quote: thread.quote,
          replacement: thread.replacement,
          suggestedBy: thread.authorId,
          inserted: outcome.inserted,
          deleted: outcome.deleted,
        },
      },
      { state: "accepted", decidedBy: actor.user.id, decidedAt: at, decisionReason: null },
    );
  } catch (error) {
    // The room already holds the edit (in its log, under the accepter's name); only the thread's state is missing.
    log("error", "an accepted suggestion is in the text but its thread could not be marked accepted", { documentId: doc.id, threadId, error: String(error) });
    throw error;
  }
  await announceComments(env, doc.id);
  return threadView(db, actor.user, doc, threadId);
}
