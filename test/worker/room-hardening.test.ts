/**
 * Issue 13, the room: each attack fails and changes nothing (the log, the text and the other
 * person's edits stay intact). Real Durable Objects, real sockets, real Yjs.
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MAX_ROOM_CONNECTIONS_PER_PERSON, ROOM_CLOSE_CODES, ROOM_CLOSE_REASONS, ROOM_PRESENCE_LIMITS } from "#shared/room-protocol.ts";
import { NARRATIVE_SECTIONS } from "#shared/document-shape.ts";
import { encodeAwareness } from "../../worker/rooms/awareness-guard.ts";
import type { DocumentRoom } from "../../worker/rooms/document-room.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { ROOM_IDENTITY_HEADER } from "../../worker/rooms/room-identity.ts";
import { RoomStorage } from "../../worker/rooms/room-storage.ts";
import { AS, call, json, ORIGIN, sessionCookie } from "../helpers/api.ts";
import { openRoomResponse, RoomClient, waitFor } from "../helpers/room-client.ts";
import { restartRoom } from "../helpers/room-harness.ts";
import type { SocketLike } from "../support/yjs-socket-client.ts";

const EUR = AS.drafterEUR;

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A second (and third) person who may edit the country's narrative in drafting. */
async function newDrafter(countryId: string, label: string): Promise<string> {
  const created = await json(
    await call(AS.admin, "/api/admin/users", {
      body: {
        email: `${label}.${crypto.randomUUID().slice(0, 8)}@tip.example.gov`,
        name: `Drafter ${label}`,
        grants: [{ role: "drafter", scopeType: "country", countryId }],
      },
    }),
  );
  return created.id as string;
}

interface LogRow {
  seq: number;
  userId: string;
  connectionId: string;
  data: Uint8Array;
}

async function logRows(documentId: string): Promise<LogRow[]> {
  return runInDurableObject(documentRoom(env, documentId), (_room, state) =>
    state.storage.sql
      .exec("SELECT seq, user_id, connection_id, data FROM updates ORDER BY seq")
      .toArray()
      .map((r) => ({
        seq: r.seq as number,
        userId: r.user_id as string,
        connectionId: r.connection_id as string,
        data: new Uint8Array(r.data as ArrayBuffer),
      })),
  );
}

/** What the room holds in memory: its section texts, top-level type names and whether Yjs keeps anything pending. */
async function roomState(documentId: string) {
  return runInDurableObject(documentRoom(env, documentId), (room) => {
    const doc = (room as unknown as DocumentRoom & { document: Y.Doc }).document;
    return {
      sections: Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s.key, doc.getXmlFragment(s.key).toString()])),
      roots: [...doc.share.keys()].sort(),
      pending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null,
      stateVector: Y.encodeStateVector(doc),
      awareness: [...(room as unknown as { document: { awareness: { getStates(): Map<number, unknown> } } }).document.awareness.getStates().keys()],
    };
  });
}

/** The client ids whose structs an update carries. */
function structClients(update: Uint8Array): Set<number> {
  return new Set(Y.decodeUpdate(update).structs.map((s) => s.id.client));
}

/** A copy of a client's document, to make updates the room has not seen. */
function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function firstText(doc: Y.Doc, section: string): Y.XmlText {
  return (doc.getXmlFragment(section).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

describe("1. no pending data from a client", () => {
  it("1. an update built on edits the room lacks is refused whole and its sender resyncs: out-of-order delivery loses nothing", async () => {
    const documentId = "2025-albania";
    const aliceId = await newDrafter("albania", "alice");
    const bobId = await newDrafter("albania", "bob");
    const alice = await RoomClient.open(aliceId, documentId);
    const bob = await RoomClient.open(bobId, documentId);
    alice.type("summary", "Start.");
    await waitFor(() => bob.text("summary") === "Start.", "bob synced");
    const rowsBefore = await logRows(documentId);

    // Alice types X; Bob's tab has it (relayed locally) before the room does and types Y after it.
    const aliceLocal = fork(alice.doc);
    const aliceClient = alice.doc.clientID;
    aliceLocal.clientID = aliceClient; // the same tab's document, typing it has not sent yet
    const aliceSv = Y.encodeStateVector(aliceLocal);
    firstText(aliceLocal, "summary").insert(6, " X by Alice.");
    const x = Y.encodeStateAsUpdate(aliceLocal, aliceSv);
    Y.applyUpdate(bob.doc, x, bob); // not sent: it came from Alice's tab
    bob.type("summary", " Y by Bob."); // sent: builds on X, which the room lacks
    await waitFor(() => bob.closed !== null, "bob's connection closed for a resync");
    expect(bob.closed).toEqual({ code: ROOM_CLOSE_CODES.resyncRequired, reason: ROOM_CLOSE_REASONS.resyncRequired });
    // Nothing of it was stored, broadcast or kept pending.
    expect(await logRows(documentId)).toHaveLength(rowsBefore.length);
    expect(alice.text("summary")).toBe("Start.");
    expect((await roomState(documentId)).pending).toBe(false);

    // X arrives; Bob reconnects (as y-websocket does on any close) and his SyncStep2 carries Y again.
    Y.applyUpdate(alice.doc, x, alice);
    alice.sendRaw(updateMessage(x));
    await waitFor(() => alice.answers().length === alice.updateMessagesSent, "x saved");
    const bobAgain = await RoomClient.open(bobId, documentId, { doc: bob.doc });
    await waitFor(() => bobAgain.answers().length === bobAgain.updateMessagesSent && bobAgain.updateMessagesSent > 0, "bob's resync answered");
    expect(bobAgain.answers().every((n) => n.type === "saved")).toBe(true);
    await waitFor(() => alice.text("summary") === "Start. X by Alice. Y by Bob.", "alice sees Bob's edit");
    expect(bobAgain.text("summary")).toBe("Start. X by Alice. Y by Bob.");
    expect((await roomState(documentId)).pending).toBe(false);

    // Every stored row carries only its author's structs.
    const rows = (await logRows(documentId)).slice(rowsBefore.length);
    expect(rows.map((r) => r.userId)).toEqual([aliceId, bobId]);
    expect([...structClients(rows[0]!.data)]).toEqual([aliceClient]);
    expect([...structClients(rows[1]!.data)]).toEqual([bob.doc.clientID]);
    alice.close();
    bobAgain.close();
  });

  it("1. a ten-byte delete set aimed at a co-editor's next clocks does not delete their next typing; the log and the audit name the real authors", async () => {
    const documentId = "2025-armenia";
    const aliceId = await newDrafter("armenia", "alice");
    const malloryId = await newDrafter("armenia", "mallory");
    const alice = await RoomClient.open(aliceId, documentId);
    const mallory = await RoomClient.open(malloryId, documentId);
    alice.type("prosecution", "Hello");
    await waitFor(() => mallory.text("prosecution") === "Hello", "mallory synced");
    const next = Y.getState(alice.doc.store, alice.doc.clientID);
    // No structs; a delete set for Alice's next 100 clocks.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, alice.doc.clientID);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, next);
    encoding.writeVarUint(encoder, 100);
    const attack = encoding.toUint8Array(encoder);
    expect(attack.byteLength).toBeLessThanOrEqual(10);
    mallory.sendRaw(updateMessage(attack));
    await waitFor(() => mallory.closed !== null, "mallory resyncs");
    expect(mallory.closed!.code).toBe(ROOM_CLOSE_CODES.resyncRequired);
    expect((await roomState(documentId)).pending).toBe(false);

    alice.type("prosecution", " world");
    await waitFor(() => alice.answers().length === alice.updateMessagesSent, "alice saved");
    const reader = await RoomClient.open(EUR, documentId);
    expect(reader.text("prosecution")).toBe("Hello world");
    for (const row of await logRows(documentId)) {
      expect(row.userId).toBe(aliceId);
      expect([...structClients(row.data)]).toEqual([alice.doc.clientID]);
    }
    alice.close();
    reader.close();
    // The edit sessions (what the audit trail receives) name only Alice.
    const { sessions } = await json(await call(EUR, `/api/documents/${documentId}/history`));
    expect(sessions.map((s: any) => s.userId)).toEqual([aliceId]);
    expect(sessions[0].sections.prosecution).toEqual({ inserted: "Hello world".length, deleted: 0 });
  });

  it("1. an editor cannot write under a co-editor's Yjs client id: the co-editor's next typing is kept", async () => {
    const documentId = "2025-malta";
    const aliceId = await newDrafter("malta", "alice");
    const malloryId = await newDrafter("malta", "mallory");
    const alice = await RoomClient.open(aliceId, documentId);
    const mallory = await RoomClient.open(malloryId, documentId);
    alice.type("summary", "Alice writes.");
    await waitFor(() => mallory.text("summary") === "Alice writes.", "mallory synced");
    // Mallory builds structs under Alice's client id, at Alice's next clocks.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(mallory.doc));
    // Set after loading: Yjs gives a document a new id when an update brings structs of its own.
    forged.clientID = alice.doc.clientID;
    const before = Y.encodeStateVector(forged);
    const paragraph = forged.getXmlFragment("summary").get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(0, "FORGED ");
    const rows = (await logRows(documentId)).length;
    const forgery = Y.encodeStateAsUpdate(forged, before);
    expect(Y.decodeUpdate(forgery).structs.map((x) => x.id.client)).toEqual([alice.doc.clientID]);
    mallory.sendRaw(updateMessage(forgery));
    await waitFor(() => mallory.answers().length === mallory.updateMessagesSent, "answered");
    expect(mallory.answers().at(-1)).toMatchObject({ type: "refused", reason: "malformed" });
    expect((await logRows(documentId)).length).toBe(rows);

    alice.type("summary", " And more.");
    await waitFor(() => alice.answers().length === alice.updateMessagesSent, "alice saved");
    const reader = await RoomClient.open(EUR, documentId);
    expect(reader.text("summary")).toBe("Alice writes. And more.");
    for (const row of await logRows(documentId)) expect(row.userId).toBe(aliceId);
    // Her own client id stays hers after the room restarts (owners are stored, not only remembered).
    await restartRoom(documentId);
    const again = await RoomClient.open(malloryId, documentId);
    const forged2 = new Y.Doc();
    Y.applyUpdate(forged2, Y.encodeStateAsUpdate(again.doc));
    forged2.clientID = alice.doc.clientID;
    const before2 = Y.encodeStateVector(forged2);
    ((forged2.getXmlFragment("summary").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "FORGED ");
    again.sendRaw(updateMessage(Y.encodeStateAsUpdate(forged2, before2)));
    await waitFor(() => again.answers().length === again.updateMessagesSent, "answered after restart");
    expect(again.answers().at(-1)).toMatchObject({ type: "refused" });
    expect(again.text("summary")).toBe("Alice writes. And more.");
    for (const c of [alice, mallory, reader, again]) c.close();
  });

  it("1. a checkpoint never holds pending data, and pending data a stored log leaves is dropped on load", async () => {
    const documentId = "2025-austria";
    const writer = await RoomClient.open(EUR, documentId);
    writer.type("summary", "Kept.");
    await waitFor(() => writer.answers().length === writer.updateMessagesSent, "saved");
    writer.close();
    // An update that builds on one nobody has: what the room of before stored as sent.
    const elsewhere = fork(writer.doc);
    firstText(elsewhere, "summary").insert(5, " gap");
    const sv = Y.encodeStateVector(elsewhere);
    firstText(elsewhere, "summary").insert(9, " orphan");
    const orphan = Y.encodeStateAsUpdate(elsewhere, sv);
    await runInDurableObject(documentRoom(env, documentId), (_room, state) => {
      state.storage.sql.exec(
        "INSERT INTO updates (at, user_id, user_name, connection_id, byte_length, stats, data) VALUES (?, 'legacy', 'Legacy', 'c', ?, '{}', ?)",
        Date.now(),
        orphan.byteLength,
        orphan,
      );
      // The storage never writes pending data into a checkpoint.
      const doc = new Y.Doc();
      const storage = new RoomStorage(state.storage.sql);
      storage.loadInto(doc, { useCheckpoint: false });
      expect(doc.store.pendingStructs).not.toBeNull();
      storage.writeCheckpoint(doc, 1_000_000);
      const fromCheckpoint = new Y.Doc();
      const part = state.storage.sql.exec("SELECT data FROM checkpoint_parts ORDER BY checkpoint_id DESC, part LIMIT 1").one();
      Y.applyUpdate(fromCheckpoint, new Uint8Array(part.data as ArrayBuffer));
      expect(fromCheckpoint.store.pendingStructs).toBeNull();
      expect(fromCheckpoint.getXmlFragment("summary").toString()).toBe(doc.getXmlFragment("summary").toString());
      state.storage.sql.exec("DELETE FROM checkpoint_parts; DELETE FROM checkpoints;");
    });
    await restartRoom(documentId);
    const reader = await RoomClient.open(EUR, documentId);
    expect(reader.text("summary")).toBe("Kept.");
    expect((await roomState(documentId)).pending).toBe(false);
    reader.close();
  });
});

describe("2. a message applies whole or not at all", () => {
  it("2. a truncated update (structs whole, delete set cut) is refused: nothing integrated, stored or broadcast", async () => {
    const documentId = "2025-azerbaijan";
    const writer = await RoomClient.open(EUR, documentId);
    const watcher = await RoomClient.open(EUR, documentId);
    writer.type("protection", "Shelters open.");
    await waitFor(() => watcher.text("protection") === "Shelters open.", "watcher synced");
    const rows = (await logRows(documentId)).length;
    const received = watcher.updatesReceived;
    const elsewhere = fork(writer.doc);
    const sv = Y.encodeStateVector(elsewhere);
    elsewhere.transact(() => {
      const text = firstText(elsewhere, "protection");
      text.delete(0, 9); // a delete set...
      text.insert(text.length, " Injected text."); // ...and structs
    });
    const whole = Y.encodeStateAsUpdate(elsewhere, sv);
    const cut = whole.slice(0, whole.byteLength - 1);
    writer.sendRaw(updateMessage(cut));
    await waitFor(() => writer.answers().length === writer.updateMessagesSent, "answered");
    expect(writer.answers().at(-1)).toMatchObject({ type: "refused", reason: "malformed" });
    await new Promise((r) => setTimeout(r, 50));
    expect(watcher.updatesReceived).toBe(received);
    expect((await logRows(documentId)).length).toBe(rows);
    expect((await roomState(documentId)).sections.protection).toBe("<paragraph>Shelters open.</paragraph>");
    // The whole one applies.
    writer.sendRaw(updateMessage(whole));
    await waitFor(() => watcher.text("protection") === "open. Injected text.", "whole update applied");
    writer.close();
    watcher.close();
  });
});

describe("3. only the document's shape", () => {
  it("3. an update that creates or changes another top-level type, or a map entry on a section, is refused and not stored", async () => {
    const documentId = "2025-belgium";
    const writer = await RoomClient.open(EUR, documentId);
    writer.type("summary", "Visible.");
    await waitFor(() => writer.answers().length === writer.updateMessagesSent, "saved");
    const rows = (await logRows(documentId)).length;
    const attempts: Uint8Array[] = [];
    const hidden = fork(writer.doc);
    let sv = Y.encodeStateVector(hidden);
    hidden.getMap("hidden").set("note", "never rendered");
    attempts.push(Y.encodeStateAsUpdate(hidden, sv));
    const other = fork(writer.doc);
    sv = Y.encodeStateVector(other);
    other.getText("notes").insert(0, "outside the hash");
    attempts.push(Y.encodeStateAsUpdate(other, sv));
    const entry = new Y.Doc();
    entry.getMap("summary").set("secret", "a map entry on a section");
    attempts.push(Y.encodeStateAsUpdate(entry));
    // A struct the room already has, sent again naming another top-level parent (Yjs would create
    // that type while decoding, before skipping the struct): found by the 10,000-variant fuzz.
    const known = Y.encodeStateAsUpdate(writer.doc);
    const renamed = new Uint8Array(known);
    const name = new TextEncoder().encode("summary");
    const at = renamed.findIndex((_, i) => name.every((b, j) => renamed[i + j] === b));
    renamed.set(new TextEncoder().encode("summarz"), at);
    attempts.push(renamed);
    // Nested inside a hidden type: a paragraph whose parent is a new top-level array.
    const nested = fork(writer.doc);
    sv = Y.encodeStateVector(nested);
    const paragraph = new Y.XmlElement("paragraph");
    nested.getArray("stash").insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText("nested text")]);
    attempts.push(Y.encodeStateAsUpdate(nested, sv));
    for (const attempt of attempts) writer.sendRaw(updateMessage(attempt));
    await waitFor(() => writer.answers().length === writer.updateMessagesSent, "all answered");
    expect(
      writer
        .answers()
        .slice(-attempts.length)
        .map((n) => n.type === "refused" && n.reason),
    ).toEqual(attempts.map(() => "malformed"));
    expect((await logRows(documentId)).length).toBe(rows);
    const state = await roomState(documentId);
    expect(state.roots).toEqual(NARRATIVE_SECTIONS.map((s) => s.key).sort());
    expect(state.sections.summary).toBe("<paragraph>Visible.</paragraph>");
    const reader = await RoomClient.open(EUR, documentId);
    expect([...reader.doc.share.keys()].every((k) => NARRATIVE_SECTIONS.some((s) => s.key === k))).toBe(true);
    writer.close();
    reader.close();
  });
});

describe("4. presence has limits", () => {
  it("4. a few client ids and KiB per connection, checked before applying; a cap on one person's connections; a closed connection's states removed", async () => {
    const documentId = "2025-bulgaria";
    const reader = await RoomClient.open(AS.leadership, documentId);
    const watcher = await RoomClient.open(EUR, documentId);
    const entry = (clientId: number, extra = "") => ({ clientId, clock: 1, state: { cursor: { anchor: 1 }, extra } });
    // More client ids than allowed in one message: nothing applied.
    reader.sendRaw(awarenessMessage(encodeAwareness([1, 2, 3, 4, 5].map((id) => entry(1000 + id)))));
    // Too many bytes: nothing applied.
    reader.sendRaw(awarenessMessage(encodeAwareness([entry(2001, "x".repeat(ROOM_PRESENCE_LIMITS.messageBytes))])));
    // A flood of new ids, one per message: only the first few are taken.
    for (let i = 0; i < 500; i++) reader.sendRaw(awarenessMessage(encodeAwareness([entry(3000 + i, "y".repeat(1000))])));
    await new Promise((r) => setTimeout(r, 300));
    const during = await roomState(documentId);
    expect(during.awareness.filter((id) => id >= 1000).sort()).toEqual([3000, 3001, 3002, 3003]);
    expect(watcher.peers().length).toBeLessThanOrEqual(ROOM_PRESENCE_LIMITS.clientIdsPerConnection);
    // The room still serves presence and text.
    watcher.type("summary", "Still serving.");
    await waitFor(() => reader.text("summary") === "Still serving.", "reader sees the edit");
    reader.close();
    await waitFor(() => watcher.peers().length === 0, "the reader's states removed for everyone");
    expect((await roomState(documentId)).awareness.filter((id) => id >= 1000)).toEqual([]);

    // One person, many tabs: the ninth connection is closed with its code.
    const tabs: RoomClient[] = [];
    for (let i = 1; i < MAX_ROOM_CONNECTIONS_PER_PERSON; i++) tabs.push(await RoomClient.open(EUR, documentId));
    const response = await openRoomResponse(EUR, documentId);
    response.webSocket!.accept();
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      response.webSocket!.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })),
    );
    expect(await closed).toEqual({ code: ROOM_CLOSE_CODES.tooManyConnections, reason: ROOM_CLOSE_REASONS.tooManyConnections });
    // Someone else is not affected.
    const other = await RoomClient.open(AS.leadership, documentId);
    expect(other.text("summary")).toBe("Still serving.");
    [watcher, other, ...tabs].forEach((c) => c.close());
  });
});

describe("5. the Worker forwards a request it built", () => {
  it("5. a client's _pk, x-partykit-props and other headers never reach the room", async () => {
    const documentId = "2025-croatia";
    const response = await SELF.fetch(`${ORIGIN}/api/documents/${documentId}/room?notices=1&_pk=chosen-connection-id`, {
      headers: {
        Upgrade: "websocket",
        Origin: ORIGIN,
        Cookie: await sessionCookie(EUR),
        "x-partykit-props": "%%%not-props",
        "x-partykit-room": "2025-france",
        [ROOM_IDENTITY_HEADER]: "forged",
      },
    });
    expect(response.status).toBe(101);
    response.webSocket!.accept();
    const client = new RoomClient(response.webSocket as unknown as SocketLike);
    await waitFor(() => client.synced, "synced");
    expect(client.frames[0]).toBe("notice:welcome");
    expect(client.textFrames.some((t) => /stack|error/i.test(t))).toBe(false);
    expect(client.notices[0]).toMatchObject({ type: "welcome", canEdit: true, user: { id: EUR } });
    client.type("summary", "Mine.");
    await waitFor(() => client.answers().length === client.updateMessagesSent, "saved");
    const rows = await logRows(documentId);
    expect(rows.at(-1)!.userId).toBe(EUR);
    expect(rows.at(-1)!.connectionId).not.toBe("chosen-connection-id");
    const ids = await runInDurableObject(documentRoom(env, documentId), (room) => [...(room as unknown as DocumentRoom).getConnections()].map((c) => c.id));
    expect(ids).not.toContain("chosen-connection-id");
    client.close();
  });
});

describe("6. sockets end with the identity", () => {
  it("6. a connection is closed with 4401 when its session expires: by its next message or by the room's alarm", async () => {
    const documentId = "2025-cyprus";
    const open = async (expiresAt: number) => {
      const response = await openRoomResponse(null, documentId, { Cookie: await sessionCookie(EUR, expiresAt) });
      response.webSocket!.accept();
      const client = new RoomClient(response.webSocket as unknown as SocketLike);
      await waitFor(() => client.synced, "synced");
      return client;
    };
    const expiresAt = Date.now() + 1500;
    const typist = await open(expiresAt);
    const idle = await open(expiresAt);
    const rows = (await logRows(documentId)).length;
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 50));
    typist.type("summary", "After the session ended.");
    await waitFor(() => typist.closed !== null, "typist closed");
    expect(typist.closed).toEqual({ code: ROOM_CLOSE_CODES.unauthenticated, reason: ROOM_CLOSE_REASONS.unauthenticated });
    await runDurableObjectAlarm(documentRoom(env, documentId));
    await waitFor(() => idle.closed !== null, "idle connection closed by the alarm", 5000);
    expect(idle.closed!.code).toBe(ROOM_CLOSE_CODES.unauthenticated);
    expect((await logRows(documentId)).length).toBe(rows);
    const reader = await RoomClient.open(EUR, documentId);
    expect(reader.text("summary")).toBe("");
    reader.close();
  });

  it("6. any change to a user (name or email, not only deactivation or grants) closes their rooms", async () => {
    const documentId = "2025-denmark";
    const userId = await newDrafter("denmark", "renamed");
    const first = await RoomClient.open(userId, documentId);
    expect((await call(AS.admin, `/api/admin/users/${userId}`, { method: "PATCH", body: { name: "Drafter Renamed Again" } })).status).toBe(200);
    await waitFor(() => first.closed !== null, "closed on rename");
    expect(first.closed).toEqual({ code: ROOM_CLOSE_CODES.accessRevoked, reason: ROOM_CLOSE_REASONS.accessRevoked });
    const second = await RoomClient.open(userId, documentId);
    expect(second.notices[0]).toMatchObject({ type: "welcome", user: { name: "Drafter Renamed Again" } });
    expect(
      (await call(AS.admin, `/api/admin/users/${userId}`, { method: "PATCH", body: { email: `moved.${crypto.randomUUID().slice(0, 8)}@tip.example.gov` } }))
        .status,
    ).toBe(200);
    await waitFor(() => second.closed?.code === ROOM_CLOSE_CODES.accessRevoked, "closed on email change");
  });
});

describe("13. room route errors", () => {
  it("13. Origin null or garbage is 403 with the error shape, a hidden document 404, a missing identity 4401; every close code has one fixed reason", async () => {
    for (const origin of ["null", "not a url", "file:///etc/passwd"]) {
      const res = await openRoomResponse(EUR, "2025-france", { Origin: origin });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "cross_origin_refused", message: expect.any(String), requestId: expect.any(String) } });
    }
    const hidden = await openRoomResponse(AS.drafterAF, "2025-france");
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ error: { code: "not_found" } });
    // Straight to the room without the Worker's identity.
    const direct = await documentRoom(env, "2025-france").fetch(new Request("https://room.internal/", { headers: { Upgrade: "websocket" } }));
    direct.webSocket!.accept();
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      direct.webSocket!.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })),
    );
    expect(closed).toEqual({ code: ROOM_CLOSE_CODES.unauthenticated, reason: ROOM_CLOSE_REASONS.unauthenticated });
    expect(Object.keys(ROOM_CLOSE_REASONS).sort()).toEqual(Object.keys(ROOM_CLOSE_CODES).sort());
    for (const reason of Object.values(ROOM_CLOSE_REASONS)) expect(new TextEncoder().encode(reason).byteLength).toBeLessThanOrEqual(123);
    expect(ROOM_CLOSE_CODES).toMatchObject({ unauthenticated: 4401, accessRevoked: 4403, messageTooBig: 1009, storageFailure: 1011 });
  });
});
