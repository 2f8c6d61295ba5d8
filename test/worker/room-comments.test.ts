/**
 * Comment anchors against the room's text: positions made by one client's Y.Doc, checked by the
 * room (RPC) after other clients edit around, inside and through them.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { applyReplacement, checkAnchor, CONTEXT_CHARS, findQuote, toBase64, xmlTextString } from "../../worker/rooms/room-comments.ts";
import { AS } from "../helpers/api.ts";
import { RoomClient, waitFor } from "../helpers/room-client.ts";

const SECTION = "prosecution";

/** The section's first paragraph's text node in a client's document. */
function firstText(doc: Y.Doc, section = SECTION, paragraph = 0): Y.XmlText {
  return (doc.getXmlFragment(section).get(paragraph) as Y.XmlElement).get(0) as Y.XmlText;
}

/** An anchor over `quote` in the client's first paragraph, made as the editor makes it (end associates left). */
function anchorOver(doc: Y.Doc, quote: string, section = SECTION) {
  const node = firstText(doc, section);
  const at = node.toString().indexOf(quote);
  expect(at, `"${quote}" in the client's text`).toBeGreaterThanOrEqual(0);
  return {
    start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, at))),
    end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, at + quote.length, -1))),
  };
}

const allSaved = (c: RoomClient) => c.answers().length === c.updateMessagesSent;

/** Two drafters in one room, the first having typed `text` into the section; both synced. */
async function twoWriters(documentId: string, text: string): Promise<[RoomClient, RoomClient]> {
  const a = await RoomClient.open(AS.drafterSCA, documentId);
  a.type(SECTION, text);
  await waitFor(() => allSaved(a), "a's text stored");
  const b = await RoomClient.open(AS.drafterSCA, documentId);
  await waitFor(() => b.text(SECTION) === text, "b synced");
  return [a, b];
}

const QUOTE = "reported 12 prosecutions";
const TEXT = `The government ${QUOTE} under the anti-trafficking law.`;

describe("an anchor made by one client, checked by the room after another client's edits", () => {
  it("still resolves to its words after inserts right before and right after its range", async () => {
    const [a, b] = await twoWriters("2025-nepal", TEXT);
    const anchor = anchorOver(a.doc, QUOTE);
    const room = documentRoom(env, "2025-nepal");
    expect(await room.checkCommentAnchor(SECTION, anchor, QUOTE)).toMatchObject({
      status: "matches",
      text: QUOTE,
      contextBefore: "The government ",
      contextAfter: " under the anti-trafficking law.",
    });
    // Exactly at the boundaries: neither insert is pulled into the range.
    const node = firstText(b.doc);
    const at = node.toString().indexOf(QUOTE);
    node.insert(at + QUOTE.length, " in 2024");
    node.insert(at, "again ");
    node.insert(0, "In the reporting period, ");
    await waitFor(() => allSaved(b) && a.text(SECTION).startsWith("In the reporting period,"), "edits stored and seen");
    expect(a.text(SECTION)).toBe(`In the reporting period, The government again ${QUOTE} in 2024 under the anti-trafficking law.`);
    expect(await room.checkCommentAnchor(SECTION, anchor, QUOTE)).toMatchObject({
      status: "matches",
      text: QUOTE,
      contextBefore: "In the reporting period, The government again ".slice(-CONTEXT_CHARS),
    });
    a.close();
    b.close();
  });

  it("an insert inside the range changes the covered words: the room says it no longer covers the quote, and what it covers", async () => {
    const [a, b] = await twoWriters("2025-pakistan", TEXT);
    const anchor = anchorOver(a.doc, QUOTE);
    const node = firstText(b.doc);
    node.insert(node.toString().indexOf("12") + 2, " new");
    await waitFor(() => allSaved(b) && a.text(SECTION).includes("12 new"), "edit seen");
    expect(await documentRoom(env, "2025-pakistan").checkCommentAnchor(SECTION, anchor, QUOTE)).toEqual({
      status: "mismatch",
      text: "reported 12 new prosecutions",
      contextBefore: "The government ",
      contextAfter: " under the anti-trafficking law.",
    });
    a.close();
    b.close();
  });

  it("after a paragraph split the positions no longer place it, and the quote search finds the words again", async () => {
    const [a, b] = await twoWriters("2025-sri-lanka", `First sentence stays. ${TEXT}`);
    const anchor = anchorOver(a.doc, QUOTE);
    const room = documentRoom(env, "2025-sri-lanka");
    // Split in place (Yjs-native): the tail moves to a new paragraph, the old positions collapse.
    b.doc.transact(() => {
      const fragment = b.doc.getXmlFragment(SECTION);
      const node = firstText(b.doc);
      const cut = "First sentence stays. ".length;
      const tail = node.toString().slice(cut);
      node.delete(cut, tail.length);
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(tail)]);
      fragment.insert(1, [paragraph]);
    });
    await waitFor(() => allSaved(b) && a.doc.getXmlFragment(SECTION).length === 2, "split seen");
    expect(await room.checkCommentAnchor(SECTION, anchor, QUOTE)).toMatchObject({ status: "detached", reason: "collapsed" });
    const again = await room.findCommentQuote(SECTION, QUOTE, 0);
    expect(again).toMatchObject({ found: true, contextBefore: "The government ", contextAfter: " under the anti-trafficking law." });
    if (!again.found) throw new Error("not found");
    expect(await room.checkCommentAnchor(SECTION, again.anchor, QUOTE)).toMatchObject({ status: "matches", text: QUOTE });

    // The split y-prosemirror makes (y-prosemirror#44): both paragraphs recreated, the old text node deleted.
    b.doc.transact(() => {
      const fragment = b.doc.getXmlFragment(SECTION);
      const texts = [0, 1].map((i) => xmlTextString(firstText(b.doc, SECTION, i)));
      fragment.delete(0, 2);
      fragment.insert(
        0,
        texts.map((t) => {
          const p = new Y.XmlElement("paragraph");
          p.insert(0, [new Y.XmlText(t)]);
          return p;
        }),
      );
    });
    await waitFor(() => allSaved(b), "recreation stored");
    expect(await room.checkCommentAnchor(SECTION, again.anchor, QUOTE)).toMatchObject({ status: "detached", reason: "deleted" });
    expect(await room.findCommentQuote(SECTION, QUOTE, 0)).toMatchObject({ found: true });
    a.close();
    b.close();
  });

  it("is reported detached, not matching, when its range is deleted", async () => {
    const [a, b] = await twoWriters("2025-maldives", TEXT);
    const anchor = anchorOver(a.doc, QUOTE);
    const node = firstText(b.doc);
    node.delete(node.toString().indexOf(QUOTE), QUOTE.length);
    await waitFor(() => allSaved(b) && !a.text(SECTION).includes(QUOTE), "deletion seen");
    expect(await documentRoom(env, "2025-maldives").checkCommentAnchor(SECTION, anchor, QUOTE)).toEqual({
      status: "detached",
      reason: "collapsed",
      message: expect.any(String),
    });
    expect(await documentRoom(env, "2025-maldives").findCommentQuote(SECTION, QUOTE, 0)).toEqual({ found: false, occurrences: 0 });
    a.close();
    b.close();
  });
});

describe("room-comments functions on a Y.Doc", () => {
  /** A section of paragraphs, each optionally with a bold range. */
  const docWith = (...paragraphs: (string | { text: string; bold: [number, number] })[]) => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("summary");
    for (const [i, p] of paragraphs.entries()) {
      const element = new Y.XmlElement("paragraph");
      const text = new Y.XmlText(typeof p === "string" ? p : p.text);
      element.insert(0, [text]);
      fragment.insert(i, [element]);
      if (typeof p !== "string") text.format(p.bold[0], p.bold[1] - p.bold[0], { bold: {} });
    }
    return { doc, fragment };
  };

  it("finds the nth occurrence across paragraphs, never across a paragraph break, with 40 characters of context", () => {
    const long = "x".repeat(60);
    const { fragment } = docWith(`${long} victims ${long}`, "victims and more victims", "split vic", "tims");
    expect(findQuote(fragment, "victims", 0)).toMatchObject({
      found: true,
      contextBefore: `${"x".repeat(CONTEXT_CHARS - 1)} `,
      contextAfter: ` ${"x".repeat(CONTEXT_CHARS - 1)}`,
    });
    expect(findQuote(fragment, "victims", 2)).toMatchObject({ found: true, contextBefore: "victims and more ", contextAfter: "" });
    expect(findQuote(fragment, "victims", 3)).toEqual({ found: false, occurrences: 3 });
    expect(findQuote(fragment, "vic\ntims", 0)).toEqual({ found: false, occurrences: 0 });
  });

  it("an anchor from another section is not placed in this one", () => {
    const { doc, fragment } = docWith("Some words here.");
    const other = doc.getXmlFragment("protection");
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Some words here.")]);
    other.insert(0, [p]);
    const search = findQuote(other, "words", 0);
    if (!search.found) throw new Error("not found");
    expect(checkAnchor(doc, fragment, search.anchor, "words")).toMatchObject({ status: "detached", reason: "other_section" });
    expect(checkAnchor(doc, other, search.anchor, "words")).toMatchObject({ status: "matches" });
    expect(checkAnchor(doc, fragment, { start: "AAAA", end: "AAAA" }, "words")).toMatchObject({ status: "detached" });
  });

  it("a replacement keeps the formatting of the first replaced character and changes nothing when the words moved on", () => {
    const { doc, fragment } = docWith({ text: "The law was amended in 2023.", bold: [4, 7] });
    const search = findQuote(fragment, "law was amended", 0);
    if (!search.found) throw new Error("not found");
    const node = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const origins: unknown[] = [];
    doc.on("update", (_u: Uint8Array, origin: unknown) => origins.push(origin));
    const origin = { id: "suggestion:t", state: { identity: { id: "u", name: "U" } } };
    expect(applyReplacement(doc, fragment, search.anchor, "law was amended", "penal code was amended", origin)).toEqual({
      applied: true,
      inserted: 22,
      deleted: 15,
    });
    expect(origins).toEqual([origin]);
    expect(xmlTextString(node)).toBe("The penal code was amended in 2023.");
    expect(node.toDelta()[1]).toEqual({ insert: "penal code was amended", attributes: { bold: {} } });
    const again = applyReplacement(doc, fragment, search.anchor, "law was amended", "x", origin);
    expect(again.applied).toBe(false);
    expect(origins).toHaveLength(1);
  });
});
