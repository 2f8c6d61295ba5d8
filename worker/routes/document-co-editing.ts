/** /api/documents/:id/room (the co-editing WebSocket) and /api/documents/:id/history (who wrote what, when). */
import { createRoute } from "@hono/zod-openapi";
import { EditSessionListSchema } from "#shared/api/edit-sessions.ts";
import { identityExpiresAt, requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { loadReadableDocument } from "../documents/document-access.ts";
import { ApiError } from "../http/api-error.ts";
import { createRouter, errorResponse, errorResponses, jsonContent, readErrors } from "../http/router.ts";
import { rolesOn } from "../policy/policy.ts";
import { recordRoomVisit } from "../rooms/room-access.ts";
import { documentRoom } from "../rooms/room-directory.ts";
import { ROOM_IDENTITY_HEADER, roomIdentityHeader } from "../rooms/room-identity.ts";
import { ROOM_NOTICES_PARAM } from "#shared/room-protocol.ts";
import { DocumentIdParam } from "./documents.ts";

export const documentCoEditingRoutes = createRouter();

documentCoEditingRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/room",
    summary: "Open the document's co-editing room (WebSocket, y-websocket protocol)",
    description:
      "Authenticated like any API call, Origin checked (a missing, `null` or foreign one is 403), then read and edit rights asked of the policy (a document the caller may not read is 404). Refusals happen before any document byte is sent; only the upgrade headers and the verified identity reach the room, which closes the connection when the sign-in expires. With `?notices=1` the connection also receives the room's notices (welcome with epoch, lock changes, one `saved` or `refused` answer per update message); without it, only the standard binary protocol.",
    tags: ["Co-editing"],
    request: { params: DocumentIdParam },
    responses: {
      101: { description: "Switching protocols: the room speaks y-websocket" },
      401: errorResponses[401],
      403: errorResponses[403],
      404: errorResponses[404],
      426: errorResponse("Not a WebSocket upgrade"),
    },
  }),
  async (c) => {
    const user = await requireUser(c);
    const origin = c.req.header("Origin");
    if (!origin || hostOf(origin) !== new URL(c.req.url).host) {
      throw new ApiError(403, "cross_origin_refused", "The co-editing room accepts connections from this application's own pages only.", {
        origin: origin ?? null,
      });
    }
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiError(426, "upgrade_required", "This endpoint speaks WebSocket only.");
    // A document the caller may not see is not found, as on every other route.
    const doc = await loadReadableDocument(database(c.env), user, c.req.valid("param").id);
    const notices = new URL(c.req.url).searchParams.get(ROOM_NOTICES_PARAM) === "1";
    // The room gets a request built here: the upgrade headers and the identity, nothing else of the
    // client's (no query string: `_pk` would choose the connection id; no `x-partykit-*` header).
    const headers = new Headers();
    for (const name of FORWARDED_UPGRADE_HEADERS) {
      const value = c.req.header(name);
      if (value !== undefined) headers.set(name, value);
    }
    headers.set(
      ROOM_IDENTITY_HEADER,
      roomIdentityHeader(user, [...rolesOn(user, doc)], { state: doc.state, version: doc.version }, { notices, expiresAt: identityExpiresAt(c) }),
    );
    await recordRoomVisit(database(c.env), user.id, doc.id);
    const upgrade = await documentRoom(c.env, doc.id).fetch(
      new Request(new URL(`/api/documents/${encodeURIComponent(doc.id)}/room`, c.req.url).toString(), { method: "GET", headers }),
    );
    // Re-wrapped so the response headers are mutable for the security-headers middleware.
    return new Response(upgrade.body, { status: upgrade.status, headers: upgrade.headers, webSocket: upgrade.webSocket });
  },
);

/** The headers of a WebSocket upgrade; the only ones of the client's request that reach a room. */
const FORWARDED_UPGRADE_HEADERS = [
  "Upgrade",
  "Connection",
  "Sec-WebSocket-Key",
  "Sec-WebSocket-Version",
  "Sec-WebSocket-Protocol",
  "Sec-WebSocket-Extensions",
] as const;

/** The host of an `Origin` header, or null when it is `null` or not a URL. */
function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host : null;
  } catch {
    return null;
  }
}

documentCoEditingRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/history",
    summary: "Edit sessions of a document: who edited, when, how much, in which sections",
    tags: ["Co-editing"],
    request: { params: DocumentIdParam },
    responses: { 200: jsonContent(EditSessionListSchema, "Edit sessions, oldest first"), ...readErrors },
  }),
  async (c) => {
    const user = await requireUser(c);
    const doc = await loadReadableDocument(database(c.env), user, c.req.valid("param").id);
    return c.json({ sessions: await documentRoom(c.env, doc.id).history() }, 200);
  },
);
