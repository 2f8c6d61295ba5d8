/**
 * The reviewer (the action office) sets which offices clear a document and which are only
 * informed. Before clearance it is routine; once clearance has started it needs a reason and the
 * record names the offices added and dropped, and an office still pending stays on the list as a
 * clearing office: only leadership's `proceed_without` moves past it, so a non-concurrence is always
 * recorded as one (never hidden as a list change).
 */
import { eq } from "drizzle-orm";
import { clearanceComplete, type ClearanceListEntry } from "#shared/clearance.ts";
import { workflowStateLabel, type WorkflowState } from "#shared/workflow-states.ts";
import { CLEARANCE_LIST_OPEN_STATES } from "#shared/workflow.ts";
import { database } from "../db/client.ts";
import { documentClearanceOffices } from "../db/schema.ts";
import { loadReadableDocument } from "../documents/document-access.ts";
import { findDocument, type DocumentSummary } from "../documents/document-queries.ts";
import type { Env } from "../env.ts";
import { ApiError, badRequest } from "../http/api-error.ts";
import { assertRoleOn } from "../policy/policy.ts";
import { loadClearanceState } from "./clearance-state.ts";
import { assertCurrentVersion, commitDocumentChange, type Actor } from "./document-change.ts";

export const PENDING_OFFICE_RULE =
  "Once clearance has started, a pending clearing office stays on the list as a clearing office; only leadership's proceed_without moves past it (recorded as not concurred).";

export async function setClearanceList(
  env: Env,
  actor: Actor,
  documentId: string,
  input: { version: number; offices: ClearanceListEntry[]; comment?: string | undefined },
): Promise<DocumentSummary> {
  const db = database(env);
  const doc = await loadReadableDocument(db, actor.user, documentId);
  assertCurrentVersion(doc, input.version);
  assertRoleOn(actor.user, doc, "reviewer", "set its clearance list");
  if (!CLEARANCE_LIST_OPEN_STATES.includes(doc.state)) {
    throw new ApiError(
      409,
      "wrong_state",
      `The clearance list is fixed once the document has left clearance (it is ${workflowStateLabel(doc.state).toLowerCase()}).`,
      { state: doc.state },
    );
  }
  const comment = input.comment?.trim() || null;
  const started = doc.state === "in_clearance";
  if (started && !comment) throw badRequest("Changing the clearance list after clearance has started needs a comment saying why.");

  const before = await loadClearanceState(db, doc);
  if (started) {
    const bypassed = before.pending.filter((office) => !input.offices.some((o) => o.officeCode === office && o.mode === "clear"));
    if (bypassed.length) {
      throw new ApiError(
        409,
        "office_pending",
        `Clearance has started and ${bypassed.join(", ")} ${bypassed.length === 1 ? "has" : "have"} not cleared yet: a pending office cannot be dropped or made an information office. Leadership may proceed without it, which records it as not concurred.`,
        { rule: PENDING_OFFICE_RULE, offices: bypassed, pending: before.pending },
      );
    }
  }
  const added = input.offices.filter((o) => !before.list.some((b) => b.officeCode === o.officeCode && b.mode === o.mode));
  const dropped = before.list.filter((b) => !input.offices.some((o) => o.officeCode === b.officeCode));
  const recorded = [...before.offices.flatMap((o) => (o.clearance ? [o.clearance] : []))];
  const to: WorkflowState =
    started && clearanceComplete(input.offices, recorded, { round: doc.clearanceRound, textHash: doc.textHash }) ? "final_review" : doc.state;
  const at = new Date().toISOString();
  await commitDocumentChange(
    env,
    db,
    actor,
    doc,
    {
      action: "clearance.list_set",
      comment,
      details: { offices: input.offices, added, dropped, clearanceStarted: started, ...(to !== doc.state ? { from: doc.state, to } : {}) },
    },
    { state: to },
    () => [
      db.delete(documentClearanceOffices).where(eq(documentClearanceOffices.documentId, doc.id)),
      ...input.offices.map((o) =>
        db.insert(documentClearanceOffices).values({ documentId: doc.id, officeCode: o.officeCode, mode: o.mode, setBy: actor.user.id, setAt: at }),
      ),
    ],
  );
  return (await findDocument(db, doc.id))!;
}
