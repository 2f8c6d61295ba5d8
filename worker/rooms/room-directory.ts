/** Every lookup of a Durable Object by name happens here: one room per document id. */
import type { Env } from "../env.ts";

export function documentRoom(env: Pick<Env, "DOCUMENT_ROOM">, documentId: string) {
  return env.DOCUMENT_ROOM.get(env.DOCUMENT_ROOM.idFromName(documentId));
}
