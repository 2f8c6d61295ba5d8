/**
 * Takes one workflow action on a document, as the shared state machine allows it.
 *
 * Order matters for the text binding: an action that locks the room takes a hold (the room
 * refuses edits from then on) and the snapshot under it; the hash, the state change, the snapshot,
 * any clearance and the audit event then commit in one D1 batch. The version trigger makes the
 * batch abort when another action committed first, so of two conflicting actions exactly one
 * lands; the loser's hold is released. The room then follows the committed state (document-change.ts).
 */
import { tierLabel } from "#shared/tiers.ts";
import { checkAction, LOCKED_STATES, nextState, type WorkflowAction } from "#shared/workflow.ts";
import { openThreadsOf } from "../comments/comment-threads.ts";
import { database } from "../db/client.ts";
import { databaseErrorText } from "../db/errors.ts";
import { clearances, documentClearanceOffices } from "../db/schema.ts";
import { loadReadableDocument } from "../documents/document-access.ts";
import { findDocument, type DocumentSummary } from "../documents/document-queries.ts";
import type { Env } from "../env.ts";
import { ApiError } from "../http/api-error.ts";
import type { RoomSnapshot } from "../rooms/document-room.ts";
import { documentRoom } from "../rooms/room-directory.ts";
import { actionContext } from "./action-context.ts";
import { loadClearanceState } from "./clearance-state.ts";
import { assertCurrentVersion, commitDocumentChange, type Actor } from "./document-change.ts";
import { snapshotInsert } from "../documents/snapshots.ts";
import { fixApprovedTierStatement, unfixTierStatement } from "../tiers/tier-recommendation.ts";

export interface ActionRequest {
  action: WorkflowAction;
  version: number;
  comment?: string | undefined;
  office?: string | undefined;
}

export async function performAction(env: Env, actor: Actor, documentId: string, request: ActionRequest): Promise<DocumentSummary> {
  const db = database(env);
  const doc = await loadReadableDocument(db, actor.user, documentId);
  // A stale page first learns that the document moved on, rather than a verdict on a state it never saw.
  assertCurrentVersion(doc, request.version);
  const clearance = await loadClearanceState(db, doc);
  const check = checkAction(actionContext(actor.user, doc, clearance), request);
  if (!check.ok) {
    const { status, code, message, rule } = check.refusal;
    throw new ApiError(status, code, message, { rule, state: doc.state, version: doc.version });
  }

  const { rule, office } = check;
  if (request.action === "approve" && !clearance.list.some((e) => e.mode === "clear")) {
    throw new ApiError(409, "no_clearance_list", "No office would clear this document: set its clearance list (or the cycle's defaults) first.");
  }
  // Open threads at this moment: a clearance lists them; final clearance waits for every blocking one.
  const recordsClearance = request.action === "clear" || request.action === "proceed_without";
  const openThreads = recordsClearance || request.action === "final_clear" ? await openThreadsOf(db, doc.id) : [];
  const blocking = openThreads.filter((t) => t.blocking);
  if (request.action === "final_clear" && blocking.length) {
    const first = blocking[0]!;
    throw new ApiError(
      409,
      "blocking_comment",
      `Final clearance waits for ${blocking.length === 1 ? "a blocking comment" : `${blocking.length} blocking comments`}: "${first.quote}" by ${first.authorName} is still open. Resolve it (or have it settled) first.`,
      {
        rule: "Final clearance is refused while a blocking comment is open.",
        threads: blocking.map((t) => ({ id: t.id, quote: t.quote, author: { id: t.authorId, name: t.authorName } })),
      },
    );
  }
  const room = documentRoom(env, doc.id);
  const holdToken = crypto.randomUUID();
  const locksRoom = !LOCKED_STATES.includes(doc.state) && LOCKED_STATES.includes(rule.to);
  let snapshot: RoomSnapshot | null = null;
  if (locksRoom) snapshot = await room.holdAndSnapshot(holdToken, `${rule.label} (${actor.user.name})`, doc.version, actor.user.name);
  else if (rule.recordsText) snapshot = await room.snapshot();

  try {
    // In clearance the text is locked: a clearance for any other text than the approved one would bind to words nobody approved.
    if (snapshot && (request.action === "clear" || request.action === "final_clear") && snapshot.hash !== doc.textHash) {
      throw new ApiError(
        409,
        "text_changed",
        "The text differs from the text that entered clearance; nothing was recorded. Ask the reviewer to recall and re-approve it.",
        {
          approvedHash: doc.textHash,
          currentHash: snapshot.hash,
        },
      );
    }
    const pendingAfter = clearance.pending.filter((o) => o !== office);
    const to = nextState(rule, pendingAfter);
    const at = new Date().toISOString();
    const textHash = request.action === "submit" || request.action === "approve" ? snapshot!.hash : doc.textHash;
    const round = rule.makesClearancesStale ? doc.clearanceRound + 1 : doc.clearanceRound;
    const comment = request.comment?.trim() || null;
    await commitDocumentChange(
      env,
      db,
      actor,
      doc,
      {
        action: `workflow.${request.action}`,
        snapshotHash: snapshot?.hash ?? (office ? doc.textHash : null),
        comment,
        details: {
          from: doc.state,
          to,
          ...(office ? { office } : {}),
          ...(round !== doc.clearanceRound ? { clearanceRound: round } : {}),
          ...(rule.tierEffect === "fix" && doc.approvedTier ? { tier: doc.approvedTier, tierLabel: tierLabel(doc.approvedTier) } : {}),
        },
      },
      { state: to, textHash, clearanceRound: round },
      () => [
        ...(snapshot ? [snapshotInsert(db, snapshot, actor.user.id)] : []),
        ...(office && (request.action === "clear" || request.action === "proceed_without")
          ? [
              db.insert(clearances).values({
                documentId: doc.id,
                officeCode: office,
                round: doc.clearanceRound,
                outcome: request.action === "clear" ? ("concurred" as const) : ("not_concurred" as const),
                userId: actor.user.id,
                userName: actor.user.name,
                at,
                snapshotHash: doc.textHash!,
                comment,
                openThreads: openThreads.map((t) => ({ id: t.id, quote: t.quote, blocking: t.blocking })),
              }),
            ]
          : []),
        ...(rule.tierEffect && doc.kind === "country_narrative"
          ? [rule.tierEffect === "fix" ? fixApprovedTierStatement(db, doc.id, actor.user.id, at) : unfixTierStatement(db, doc.id)]
          : []),
        // Entering clearance fixes the list: later changes to the cycle's defaults do not move it.
        ...(request.action === "approve" && !clearance.listIsOwn
          ? clearance.list.map((e) =>
              db.insert(documentClearanceOffices).values({ documentId: doc.id, officeCode: e.officeCode, mode: e.mode, setBy: actor.user.id, setAt: at }),
            )
          : []),
      ],
    );
  } catch (error) {
    if (locksRoom) await room.releaseHold(holdToken).catch(() => undefined);
    throw translateCommitError(error, request);
  }
  return (await findDocument(db, doc.id))!;
}

function translateCommitError(error: unknown, request: ActionRequest): unknown {
  if (error instanceof ApiError) return error;
  const text = databaseErrorText(error);
  if (text.includes("UNIQUE") && text.includes("clearances")) {
    return new ApiError(409, "already_cleared", "This office has already cleared this text.", { office: request.office ?? null });
  }
  return error;
}
