/**
 * What the room checks before it applies a client's Yjs update, so a message applies whole or not
 * at all and the room never holds a client's pending data.
 *
 * - **Decoded whole first.** `Y.applyUpdate` integrates the structs before it reads the delete
 *   set, so a truncated update used to land half-way. The update is decoded completely
 *   (`Y.decodeUpdate`) before anything touches the document.
 * - **No pending data.** Yjs keeps structs and delete-set ranges whose dependencies it lacks as
 *   pending and integrates them inside a later transaction (someone else's: the log would name the
 *   wrong person, and a delete set aimed at a co-editor's next clocks would delete their next
 *   typing). Every struct must continue its client's clocks (start at or below what the room, plus
 *   the update itself, has), every origin, right origin and parent must exist in the room's
 *   document or the update, and every delete-set range must lie within what the room will have.
 *   An update that fails this is `missing`: the sender resyncs.
 * - **Only the document's shape.** A struct may live only under one of the document's section
 *   fragments (as a list child, never as a map entry of a root), directly or through nested types;
 *   no other top-level type may be created or changed, and no subdocument embedded.
 */
import * as Y from "yjs";

export type UpdateVerdict =
  /** `writesAs`: the client ids under which the update adds structs the room does not have yet. */
  { ok: true; writesAs: number[] } | { ok: false; problem: "malformed" | "shape" | "missing"; detail: string };

type Struct = Y.Item | Y.GC | Y.Skip;

const refuse = (problem: "malformed" | "shape" | "missing", detail: string): UpdateVerdict => ({ ok: false, problem, detail });

/** Where an item lives: under an allowed root (possibly nested), dropped as garbage, or somewhere refused. */
type Placement = "allowed" | "gc" | { refused: string };

export function checkUpdate(doc: Y.Doc, update: Uint8Array, allowedRoots: ReadonlySet<string>): UpdateVerdict {
  try {
    return check(doc, update, allowedRoots);
  } catch (error) {
    // Whatever the check trips over, the update is not applied.
    return refuse("malformed", `check failed: ${String(error)}`);
  }
}

function check(doc: Y.Doc, update: Uint8Array, allowedRoots: ReadonlySet<string>): UpdateVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return refuse("malformed", `does not decode: ${String(error)}`);
  }
  const store = doc.store;
  const roomState = (client: number) => Y.getState(store, client);

  // 1. Per client: one block of structs whose clocks continue what the room (or the update) has.
  const byClient = new Map<number, Struct[]>();
  const available = new Map<number, number>();
  let previousClient: number | null = null;
  for (const struct of decoded.structs as Struct[]) {
    const client = struct.id.client;
    if (client !== previousClient) {
      // Yjs reads one block per client; a second block for a client would replace the first.
      if (byClient.has(client)) return refuse("malformed", `client ${client} appears twice`);
      byClient.set(client, []);
      available.set(client, roomState(client));
      previousClient = client;
    }
    byClient.get(client)!.push(struct);
    if (struct instanceof Y.Skip) continue;
    const next = available.get(client)!;
    if (struct.id.clock > next) return refuse("missing", `client ${client} clock ${struct.id.clock} after ${next}`);
    available.set(client, Math.max(next, struct.id.clock + struct.length));
  }
  const has = (id: Y.ID) => id.clock < (available.get(id.client) ?? roomState(id.client));

  /** The struct holding `id`, in the room's document or in the update. */
  const structAt = (id: Y.ID): Struct | null => {
    if (id.clock < roomState(id.client)) return Y.getItem(store, id) as Y.Item | Y.GC;
    const structs = byClient.get(id.client);
    if (!structs) return null;
    let lo = 0;
    let hi = structs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = structs[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  };

  const placements = new Map<Y.Item, Placement>();
  const placementOfDocItem = (start: Y.Item): Placement => {
    // Up through the nested types to the root the item lives in.
    for (let item = start; ; ) {
      const parent = item.parent as Y.AbstractType<unknown> | null;
      if (!parent) return "gc";
      if (parent._item === null) {
        const name = Y.findRootTypeKey(parent);
        if (!allowedRoots.has(name)) return { refused: `top-level type "${name}"` };
        return item.parentSub === null ? "allowed" : { refused: `map entry "${item.parentSub}" on "${name}"` };
      }
      item = parent._item;
    }
  };
  /** The items an update item's placement follows: its parent type's item, else its neighbours. */
  const placementSources = (item: Y.Item): Y.ID[] => {
    const parent = item.parent as unknown;
    if (typeof parent === "string") return [];
    if (parent instanceof Y.ID) return [parent];
    return [item.origin, item.rightOrigin].filter((id): id is Y.ID => id !== null);
  };
  const inUpdate = (id: Y.ID) => id.clock >= roomState(id.client);
  /** Iterative (an update may chain thousands of items through their origins). */
  const placementOf = (start: Y.Item): Placement => {
    const stack: Y.Item[] = [start];
    const onStack = new Set<Y.Item>([start]);
    while (stack.length) {
      const item = stack.at(-1)!;
      if (placements.has(item)) {
        stack.pop();
        onStack.delete(item);
        continue;
      }
      let waiting = false;
      let placement: Placement = "allowed";
      const parent = item.parent as unknown;
      if (typeof parent === "string") {
        placement = !allowedRoots.has(parent)
          ? { refused: `top-level type "${parent}"` }
          : item.parentSub !== null
            ? { refused: `map entry "${item.parentSub}" on "${parent}"` }
            : "allowed";
      }
      for (const id of placementSources(item)) {
        const struct = structAt(id);
        let p: Placement;
        if (!(struct instanceof Y.Item)) p = "gc";
        else if (!inUpdate(id)) p = placementOfDocItem(struct);
        else if (placements.has(struct)) p = placements.get(struct)!;
        else {
          if (onStack.has(struct)) return { refused: "items placed by each other" };
          stack.push(struct);
          onStack.add(struct);
          waiting = true;
          break;
        }
        if (p !== "allowed") {
          placement = p;
          break;
        }
      }
      if (waiting) continue;
      placements.set(item, placement);
      stack.pop();
      onStack.delete(item);
    }
    return placements.get(start)!;
  };

  // 2. Every struct's dependencies exist (Yjs looks them up even for a struct it already has, and
  //    keeps the struct pending when one is missing), and every new one lives inside the document's shape.
  const exists = (dep: Y.ID, of: Y.Item) => dep.clock < roomState(dep.client) || (dep.client === of.id.client ? dep.clock < of.id.clock : has(dep)); // a client's structs integrate in clock order
  for (const [client, structs] of byClient) {
    const state = roomState(client);
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue; // GC and Skip depend on nothing
      for (const dep of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
        if (dep && !exists(dep, struct)) return refuse("missing", `depends on ${dep.client}:${dep.clock}`);
      }
      // Even a struct the room already has names its parent: Yjs creates a top-level type for that
      // name while decoding, before it skips the struct, so an unknown name is refused here first.
      if (typeof struct.parent === "string" && !allowedRoots.has(struct.parent)) return refuse("shape", `top-level type "${struct.parent}"`);
      if (struct.id.clock + struct.length <= state) continue; // already known: not integrated
      if (struct.parent instanceof Y.ID) {
        const parentStruct = structAt(struct.parent);
        if (!parentStruct) return refuse("missing", `parent ${struct.parent.client}:${struct.parent.clock}`);
        if (parentStruct instanceof Y.Item && !(parentStruct.content instanceof Y.ContentType)) return refuse("malformed", "parent is not a type");
      }
      if (struct.content instanceof Y.ContentDoc) return refuse("shape", "subdocument");
      const placement = placementOf(struct);
      if (typeof placement === "object") return refuse("shape", placement.refused);
    }
  }

  // 3. The delete set only deletes what the room will have.
  for (const [client, ranges] of decoded.ds.clients) {
    const limit = available.get(client) ?? roomState(client);
    for (const range of ranges) {
      // Yjs never encodes an empty range (and one within the state makes its delete-set reader throw).
      if (range.len === 0) return refuse("malformed", `empty delete range ${client}:${range.clock}`);
      if (range.clock + range.len > limit) return refuse("missing", `deletes ${client}:${range.clock}+${range.len} beyond ${limit}`);
    }
  }
  const writesAs = [...available].filter(([client, clock]) => clock > roomState(client)).map(([client]) => client);
  return { ok: true, writesAs };
}

/** Whether Yjs holds structs or delete-set ranges it could not integrate yet. */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Drops whatever Yjs holds pending (never part of the document); returns whether there was any. */
export function dropPending(doc: Y.Doc): boolean {
  const had = hasPending(doc);
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return had;
}
