/**
 * Characters each transaction inserted and deleted, per section, for the edit sessions
 * (room-storage.ts). Read from the transaction itself, its new structs and its delete set, so the
 * cost follows the size of the change. Yjs's event `delta` and `changes` walk the whole changed
 * type instead: on a long text every keystroke paid for the whole text (the automerge-paper
 * replay, 260,000 edits into one paragraph, spent more time there than in Yjs itself).
 *
 * Call it from the document's `beforeObserverCalls`: later in the transaction's cleanup, deleted
 * content is garbage collected and new items merged, and neither can be read back.
 */
import * as Y from "yjs";
import type { SectionStats } from "./room-storage.ts";

/** The section whose root fragment holds `item`; undefined outside every section. */
function sectionOf(item: Y.Item, sectionByRoot: ReadonlyMap<unknown, string>): string | undefined {
  let type = item.parent as Y.AbstractType<unknown>;
  while (type._item !== null) type = type._item.parent as Y.AbstractType<unknown>;
  return sectionByRoot.get(type);
}

/** A run of text: characters of a string item in a list (not a map entry's value). */
function textItem(struct: Y.AbstractStruct): struct is Y.Item {
  return struct instanceof Y.Item && struct.parentSub === null && struct.content instanceof Y.ContentString;
}

/**
 * Adds to `into` what `transaction` did to the text of the sections (roots by key): characters
 * typed and still there at its end as inserted, characters that existed before it and are now
 * gone as deleted. Text typed and deleted within one transaction counts as neither, and a
 * paragraph added or removed whole counts its characters.
 */
export function countTransactionCharacters(into: SectionStats, transaction: Y.Transaction, sectionByRoot: ReadonlyMap<unknown, string>): void {
  const add = (item: Y.Item, field: "inserted" | "deleted") => {
    const section = sectionOf(item, sectionByRoot);
    if (section === undefined) return;
    const stats = (into[section] ??= { inserted: 0, deleted: 0 });
    stats[field] += item.length;
  };
  const store = transaction.doc.store;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client)!;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct.id.clock >= after) break;
      if (textItem(struct) && !struct.deleted) add(struct, "inserted");
    }
  }
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (textItem(struct) && struct.id.clock < (transaction.beforeState.get(struct.id.client) ?? 0)) add(struct, "deleted");
  });
}
