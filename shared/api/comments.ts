/**
 * Comment threads and suggested edits, anchored to a section's text (/api/documents/:id/comments).
 * Threads live in D1, never in the Yjs text: commenting changes neither the edit log nor the hash.
 *
 * An anchor is a pair of Yjs relative positions (base64 of `Y.encodeRelativePosition`) in the
 * section's fragment, both inside one paragraph's text, plus the quoted words and a little context
 * on each side as they were at creation. A client that finds the positions collapsed, or no longer
 * covering the quote, looks for the quote near its old place; failing that, the thread is shown as
 * detached with its original quote.
 */
import { z } from "@hono/zod-openapi";

export const THREAD_KINDS = ["comment", "suggestion"] as const;
/** open → resolved → reopened (comments); a suggestion ends accepted, rejected or outdated. */
export const THREAD_STATES = ["open", "resolved", "reopened", "accepted", "rejected", "outdated"] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];
export type ThreadState = (typeof THREAD_STATES)[number];
/** States in which a thread still asks for something. */
export const OPEN_THREAD_STATES: readonly ThreadState[] = ["open", "reopened"];

const Base64 = z
  .string()
  .min(4)
  .max(2000)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64");
const Person = z.object({ id: z.string(), name: z.string() });

export const AnchorSchema = z
  .object({
    start: Base64.openapi({ description: "Yjs relative position of the first quoted character (base64)" }),
    end: Base64.openapi({ description: "Yjs relative position just after the last quoted character (base64)" }),
  })
  .openapi("CommentAnchor");

export const CommentReplySchema = z.object({ id: z.string(), author: Person, body: z.string(), createdAt: z.string() }).openapi("CommentReply");

export const CommentThreadSchema = z
  .object({
    id: z.string(),
    documentId: z.string(),
    sectionKey: z.string(),
    kind: z.enum(THREAD_KINDS),
    state: z.enum(THREAD_STATES),
    blocking: z.boolean().openapi({ description: "Set by a clearer or leadership: final clearance waits until it is resolved" }),
    anchor: AnchorSchema,
    quote: z.string().openapi({ description: "The words the thread is about, as they were when it was created" }),
    contextBefore: z.string(),
    contextAfter: z.string(),
    body: z.string(),
    /** Suggestions: the proposed wording for the quoted words. */
    replacement: z.string().nullable(),
    author: Person,
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Who resolved, accepted, rejected (with the reason) or found it outdated, and when. */
    decidedBy: Person.nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    replies: z.array(CommentReplySchema),
    /** What the caller may do with this thread now (the same policy the server enforces). */
    youMay: z.object({ reply: z.boolean(), resolve: z.boolean(), reopen: z.boolean(), accept: z.boolean(), reject: z.boolean() }),
  })
  .openapi("CommentThread");

export const CommentListSchema = z.object({ threads: z.array(CommentThreadSchema) }).openapi("CommentList");

const SectionKey = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z]+$/);
const Body = z.string().trim().min(1, "write something").max(4000);

export const CreateThreadSchema = z
  .object({
    sectionKey: SectionKey,
    kind: z.enum(THREAD_KINDS),
    body: Body,
    blocking: z.boolean().optional().openapi({ description: "Clearers and leadership only" }),
    replacement: z.string().max(4000).optional().openapi({ description: "Required for a suggestion: the proposed wording" }),
    /**
     * Either the editor's relative positions with the quote they cover, or only a quote of the
     * section's current text (with which occurrence, from 0, when it appears more than once).
     */
    anchor: z.union([
      z.object({ relative: AnchorSchema, quote: z.string().min(1).max(2000) }).strict(),
      z.object({ quote: z.string().min(1).max(2000), occurrence: z.number().int().min(0).max(1000).optional() }).strict(),
    ]),
  })
  .strict()
  .openapi("CreateCommentThread");

export const ReplySchema = z.object({ body: Body }).strict().openapi("CreateCommentReply");
export const DecisionSchema = z
  .object({ reason: z.string().trim().max(4000).optional() })
  .strict()
  .openapi("CommentDecision");

export const CycleCommentsQuerySchema = z.object({
  region: z.enum(["AF", "EAP", "EUR", "NEA", "SCA", "WHA"]).optional(),
  state: z.enum(["open", "all"]).optional(),
});

export const CycleCommentListSchema = z
  .object({ threads: z.array(CommentThreadSchema.extend({ documentTitle: z.string(), regionCode: z.string().nullable() })) })
  .openapi("CycleCommentList");
