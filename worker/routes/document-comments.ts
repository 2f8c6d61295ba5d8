/**
 * Comment threads and suggested edits: /api/documents/:id/comments (one document's threads, and
 * every change to them) and /api/cycles/:year/comments (the threads of a cycle the caller may read).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  CommentListSchema,
  CommentThreadSchema,
  CreateThreadSchema,
  CycleCommentListSchema,
  CycleCommentsQuerySchema,
  DecisionSchema,
  ReplySchema,
} from "#shared/api/comments.ts";
import { requireUser } from "../auth/identity.ts";
import { acceptSuggestion, createThread, decideThread, listCycleThreads, listDocumentThreads, replyToThread } from "../comments/comment-threads.ts";
import { cycleCaller } from "../cycles/cycle-caller.ts";
import { database } from "../db/client.ts";
import { loadReadableDocument } from "../documents/document-access.ts";
import { createRouter, errorResponse, jsonContent, readErrors, writeErrors } from "../http/router.ts";
import { listScope } from "../policy/policy.ts";
import type { AppEnv } from "../env.ts";
import { DocumentIdParam } from "./documents.ts";
import { YearParam } from "./schemas.ts";

export const documentCommentRoutes = createRouter();
export const cycleCommentRoutes = createRouter();

const ThreadParams = DocumentIdParam.extend({
  cid: z
    .string()
    .regex(/^[0-9a-f-]{36}$/, "a thread id")
    .openapi({ param: { name: "cid", in: "path" }, example: "0b6f3c1e-8f7a-4c1d-9a51-2f0c3b7d9e10" }),
});

const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

/** The caller, the database and the document they may read (404 otherwise): where every thread route starts. */
async function threadRouteContext(c: Context<AppEnv>, id: string) {
  const user = await requireUser(c);
  const db = database(c.env);
  const doc = await loadReadableDocument(db, user, id);
  return { user, db, doc, actor: { user, requestId: c.get("requestId") } };
}

documentCommentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/comments",
    summary: "The document's comment threads and suggested edits, oldest first, with replies and what the caller may do with each",
    tags: ["Comments"],
    request: { params: DocumentIdParam },
    responses: { 200: jsonContent(CommentListSchema, "Threads"), ...readErrors },
  }),
  async (c) => {
    const { user, db, doc } = await threadRouteContext(c, c.req.valid("param").id);
    return c.json({ threads: await listDocumentThreads(db, user, doc) }, 200);
  },
);

documentCommentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{id}/comments",
    summary: "Comment on, or suggest new wording for, words of one section (anyone who may read the document)",
    description: [
      "The anchor is either the editor's relative positions with the quote they cover (`anchor.relative` + `anchor.quote`), checked against the room:",
      "422 `anchor_mismatch` with the words found (`details.found`) unless they cover exactly the quote; or only a quote (+ `occurrence`, from 0),",
      "looked up inside one paragraph of the section: 422 `quote_not_found` (with `details.occurrences`) when absent.",
      "A suggestion needs `replacement`; `blocking: true` is for clearers and leadership only (403).",
      "Commenting changes neither the document's version, its edit log nor its text hash. Audited as `comment.create`.",
    ].join(" "),
    tags: ["Comments"],
    request: { params: DocumentIdParam, body: jsonBody(CreateThreadSchema) },
    responses: {
      201: jsonContent(CommentThreadSchema, "The new thread"),
      ...writeErrors,
      422: errorResponse("The anchor does not cover the quote, or the quote is not in the section"),
    },
  }),
  async (c) => {
    const { db, doc, actor } = await threadRouteContext(c, c.req.valid("param").id);
    return c.json(await createThread(c.env, db, actor, doc, c.req.valid("json")), 201);
  },
);

documentCommentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{id}/comments/{cid}/replies",
    summary: "Reply to a thread (anyone who may read the document)",
    tags: ["Comments"],
    request: { params: ThreadParams, body: jsonBody(ReplySchema) },
    responses: { 201: jsonContent(CommentThreadSchema, "The thread with the reply"), ...writeErrors },
  }),
  async (c) => {
    const { id, cid } = c.req.valid("param");
    const { db, doc, actor } = await threadRouteContext(c, id);
    return c.json(await replyToThread(c.env, db, actor, doc, cid, c.req.valid("json").body), 201);
  },
);

const DECISIONS = {
  resolve: "Resolve a comment (the document's drafters and reviewers, and the thread's author)",
  reopen: "Reopen a resolved comment (the document's drafters and reviewers, and the thread's author)",
  reject: "Reject a suggestion with a reason (the document's drafters and reviewers; its author withdraws it this way); 400 `reason_required` without one",
} as const;

for (const decision of ["resolve", "reopen", "reject"] as const) {
  documentCommentRoutes.openapi(
    createRoute({
      method: "post",
      path: `/{id}/comments/{cid}/${decision}`,
      summary: DECISIONS[decision],
      description: `403 when the caller may not; 409 \`thread_state\` or \`wrong_thread_kind\` when the thread is not open (or not resolved, to reopen) or of the other kind. Audited as \`comment.${decision}\`.`,
      tags: ["Comments"],
      request: { params: ThreadParams, body: { required: false, content: { "application/json": { schema: DecisionSchema } } } },
      responses: {
        200: jsonContent(CommentThreadSchema, "The thread after the decision"),
        ...writeErrors,
        409: errorResponse("The thread's kind or state does not allow it"),
      },
    }),
    async (c) => {
      const { id, cid } = c.req.valid("param");
      const { db, doc, actor } = await threadRouteContext(c, id);
      const body = (c.req.valid("json") as { reason?: string } | undefined) ?? {};
      return c.json(await decideThread(c.env, db, actor, doc, cid, decision, body.reason), 200);
    },
  );
}

documentCommentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{id}/comments/{cid}/accept",
    summary: "Accept a suggestion: the room replaces the quoted words, as an edit by the accepting person (whoever may edit the text now)",
    description: [
      "The room checks the anchor again: when the range no longer covers the quote (or collapsed), nothing is applied, the suggestion is marked `outdated`",
      "(audited `comment.outdated`) and the answer is 409 `suggestion_outdated` with the words found. A locked text is 409 `text_locked`.",
      "Otherwise the replacement is stored in the room's log under the accepting person and broadcast like any edit; the thread becomes `accepted`",
      "and the audit event `comment.accept` names the accepting person (actor) and the suggester (`details.suggestedBy`).",
    ].join(" "),
    tags: ["Comments"],
    request: { params: ThreadParams, body: { required: false, content: { "application/json": { schema: DecisionSchema } } } },
    responses: {
      200: jsonContent(CommentThreadSchema, "The accepted suggestion"),
      ...writeErrors,
      409: errorResponse("The suggestion is outdated (marked so), not open, or the text is locked"),
    },
  }),
  async (c) => {
    const { id, cid } = c.req.valid("param");
    const { db, doc, actor } = await threadRouteContext(c, id);
    return c.json(await acceptSuggestion(c.env, db, actor, doc, cid), 200);
  },
);

cycleCommentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{year}/comments",
    summary: "Comment threads of a cycle's documents the caller may read, with each document's title and region",
    description:
      "`region` limits to one region's country narratives; `state=open` to threads still open (open or reopened); the default `all` lists every thread.",
    tags: ["Comments"],
    request: { params: YearParam, query: CycleCommentsQuerySchema },
    responses: { 200: jsonContent(CycleCommentListSchema, "Threads"), ...readErrors },
  }),
  async (c) => {
    const { year } = c.req.valid("param");
    const query = c.req.valid("query");
    const { user, db } = await cycleCaller(c, year);
    const threads = await listCycleThreads(db, user, year, listScope(user), { region: query.region, openOnly: query.state === "open" });
    return c.json({ threads }, 200);
  },
);
