/** /api/documents/:id/room (the co-editing WebSocket) and /api/documents/:id/history (who wrote what, when). */
import { createRoute } from "@hono/zod-openapi";
import { EditSessionListSchema } from "#shared/api/edit-sessions.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { findDocument } from "../documents/document-queries.ts";
import { ApiError, forbidden, notFound } from "../http/api-error.ts";
import { createRouter, errorResponse, errorResponses, jsonContent, readErrors } from "../http/router.ts";
import { assertCanRead, canReadDocument, rolesOn } from "../policy/policy.ts";
import { recordRoomVisit } from "../rooms/room-access.ts";
import { documentRoom } from "../rooms/room-directory.ts";
import { ROOM_IDENTITY_HEADER, roomIdentityHeader } from "../rooms/room-identity.ts";
import { ROOM_NOTICES_PARAM } from "#shared/room-protocol.ts";
import { DocumentIdParam } from "./documents.ts";

export const documentRoomRoutes = createRouter();

documentRoomRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/room",
    summary: "Open the document's co-editing room (WebSocket, y-websocket protocol)",
    description:
      "Authenticated like any API call, Origin checked, then read and edit rights asked of the policy. Refusals happen before any document byte is sent. With `?notices=1` the connection also receives the room's notices (welcome with epoch, lock changes, one `saved` or `refused` answer per update message); without it, only the standard binary protocol.",
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
    if (!origin || new URL(origin).host !== new URL(c.req.url).host) {
      throw new ApiError(403, "cross_origin_refused", "The co-editing room accepts connections from this application's own pages only.", { origin: origin ?? null });
    }
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiError(426, "upgrade_required", "This endpoint speaks WebSocket only.");
    const doc = await findDocument(database(c.env), c.req.valid("param").id);
    if (!doc) throw notFound("Document");
    if (!canReadDocument(user, doc)) throw forbidden("You may not open this document.");
    const notices = new URL(c.req.url).searchParams.get(ROOM_NOTICES_PARAM) === "1";
    const headers = new Headers(c.req.raw.headers);
    headers.set(ROOM_IDENTITY_HEADER, roomIdentityHeader(user, [...rolesOn(user, doc)], { state: doc.state, version: doc.version }, { notices }));
    await recordRoomVisit(database(c.env), user.id, doc.id);
    const upgrade = await documentRoom(c.env, doc.id).fetch(new Request(c.req.raw.url, { method: "GET", headers }));
    // Re-wrapped so the response headers are mutable for the security-headers middleware.
    return new Response(upgrade.body, { status: upgrade.status, headers: upgrade.headers, webSocket: upgrade.webSocket });
  },
);

documentRoomRoutes.openapi(
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
    const doc = await findDocument(database(c.env), c.req.valid("param").id);
    assertCanRead(user, doc);
    return c.json({ sessions: await documentRoom(c.env, doc.id).history() }, 200);
  },
);
