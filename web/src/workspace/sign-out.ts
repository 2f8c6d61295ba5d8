/**
 * Before a person signs out: their open documents close and their local copies are deleted, so
 * the next person on this browser neither sees nor sends them. Unsaved changes are named first.
 */
import { plural } from "../format.ts";
import { closeOpenDocuments, deleteLocalCopies, unsavedDocuments } from "./local-copies.ts";

/** Returns false when the person chose to stay signed in to keep unsaved changes. */
export async function clearDeviceForSignOut(userId: string, confirm: (message: string) => boolean = (m) => window.confirm(m)): Promise<boolean> {
  const unsaved = unsavedDocuments(userId);
  if (unsaved.length > 0) {
    const changes = unsaved.reduce((sum, d) => sum + d.changes, 0);
    const message =
      `${plural(changes, "change")} in ${plural(unsaved.length, "document")} (${unsaved.map((d) => d.documentId).join(", ")}) ` +
      "have not reached the server yet. Signing out deletes them from this device. Sign out anyway?";
    if (!confirm(message)) return false;
  }
  await closeOpenDocuments();
  await deleteLocalCopies(userId);
  return true;
}
