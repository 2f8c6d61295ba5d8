/** Opens document rooms from inside the Workers runtime, as a signed-in user. */
import { SELF } from "cloudflare:test";
import type * as Y from "yjs";
import { waitFor, YjsSocketClient, type SocketLike } from "../support/yjs-socket-client.ts";
import { ROOM_NOTICES_PARAM } from "#shared/room-protocol.ts";
import { ORIGIN, sessionCookie } from "./api.ts";

export { waitFor };

export async function openRoomResponse(
  userId: string | null,
  documentId: string,
  headers: Record<string, string> = {},
  options: { notices?: boolean } = {},
): Promise<Response> {
  const h: Record<string, string> = { Upgrade: "websocket", Origin: ORIGIN, ...headers };
  if (userId) h.Cookie = await sessionCookie(userId);
  const query = options.notices === false ? "" : `?${ROOM_NOTICES_PARAM}=1`;
  return SELF.fetch(`${ORIGIN}/api/documents/${documentId}/room${query}`, { headers: h });
}

export class RoomClient extends YjsSocketClient {
  /** Opens a room as the workspace does (with notices) or, with `notices: false`, as a stock y-websocket client. */
  static async open(
    userId: string,
    documentId: string,
    options: { notices?: boolean; doc?: Y.Doc; headers?: Record<string, string> } = {},
  ): Promise<RoomClient> {
    const response = await openRoomResponse(userId, documentId, options.headers ?? {}, options);
    if (response.status !== 101 || !response.webSocket) throw new Error(`room refused: ${response.status} ${await response.text()}`);
    response.webSocket.accept();
    const client = new RoomClient(response.webSocket as unknown as SocketLike, options.doc);
    // The room answers a SyncStep1 only after every update it has accepted is stored: behind a burst
    // of typing, on a loaded machine, that is seconds.
    await waitFor(() => client.synced, "initial sync", 15_000);
    return client;
  }
}
