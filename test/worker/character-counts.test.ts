/**
 * The characters a room counts per section for each update it receives (worker/rooms/character-counts.ts),
 * read from the transaction: what an officer typed and deleted, table by table, as the edit
 * sessions show it.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { countTransactionCharacters } from "../../worker/rooms/character-counts.ts";
import type { SectionStats } from "../../worker/rooms/room-storage.ts";

const SECTIONS = ["summary", "prosecution"];

/** A room's document and an officer's, kept in step; `edit` returns what the room counts for that edit. */
function room() {
  const server = new Y.Doc();
  const officer = new Y.Doc();
  const roots = new Map<unknown, string>(SECTIONS.map((key) => [server.getXmlFragment(key), key]));
  let counted: SectionStats = {};
  server.on("beforeObserverCalls", (transaction: Y.Transaction) => countTransactionCharacters(counted, transaction, roots));
  officer.on("update", (update: Uint8Array) => Y.applyUpdate(server, update, "officer"));
  const edit = (change: (doc: Y.Doc) => void): SectionStats => {
    counted = {};
    officer.transact(() => change(officer));
    return counted;
  };
  return { server, officer, edit };
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

const textOf = (doc: Y.Doc, section: string, index = 0) => (doc.getXmlFragment(section).get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe("countTransactionCharacters", () => {
  it("a new paragraph counts its characters as inserted, in its own section", () => {
    const { edit } = room();
    expect(edit((d) => d.getXmlFragment("summary").insert(0, [paragraph("Shelters remained closed.")]))).toEqual({
      summary: { inserted: "Shelters remained closed.".length, deleted: 0 },
    });
  });

  it.each([
    { what: "typing in the middle", change: (t: Y.XmlText) => t.insert(5, "ABC"), inserted: 3, deleted: 0 },
    { what: "deleting a word", change: (t: Y.XmlText) => t.delete(0, 4), inserted: 0, deleted: 4 },
    {
      what: "replacing a selection",
      change: (t: Y.XmlText) => {
        t.delete(2, 6);
        t.insert(2, "xy");
      },
      inserted: 2,
      deleted: 6,
    },
    {
      what: "typing then deleting it in one transaction",
      change: (t: Y.XmlText) => {
        t.insert(3, "oops");
        t.delete(3, 4);
      },
      inserted: 0,
      deleted: 0,
    },
    { what: "bold on a word (formatting, no characters)", change: (t: Y.XmlText) => t.format(0, 4, { bold: true }), inserted: 0, deleted: 0 },
  ])("$what: inserted $inserted, deleted $deleted", ({ change, inserted, deleted }) => {
    const { edit } = room();
    edit((d) => d.getXmlFragment("summary").insert(0, [paragraph("The government made efforts.")]));
    const counted = edit((d) => change(textOf(d, "summary")));
    expect(counted.summary ?? { inserted: 0, deleted: 0 }).toEqual({ inserted, deleted });
  });

  it("a paragraph removed whole counts the characters it still held as deleted", () => {
    const { edit } = room();
    edit((d) => d.getXmlFragment("prosecution").insert(0, [paragraph("First."), paragraph("Second paragraph.")]));
    edit((d) => textOf(d, "prosecution", 1).delete(0, 7));
    expect(edit((d) => d.getXmlFragment("prosecution").delete(1, 1))).toEqual({ prosecution: { inserted: 0, deleted: "paragraph.".length } });
  });

  it("edits in two sections in one transaction are counted apart", () => {
    const { edit } = room();
    edit((d) => {
      d.getXmlFragment("summary").insert(0, [paragraph("Summary.")]);
      d.getXmlFragment("prosecution").insert(0, [paragraph("Prosecution.")]);
    });
    expect(
      edit((d) => {
        textOf(d, "summary").insert(0, "New ");
        textOf(d, "prosecution").delete(0, 3);
      }),
    ).toEqual({ summary: { inserted: 4, deleted: 0 }, prosecution: { inserted: 0, deleted: 3 } });
  });

  it("deleting what another officer typed counts for the one who deletes", () => {
    const { server, officer, edit } = room();
    const other = new Y.Doc();
    other.getXmlFragment("summary").insert(0, [paragraph("Written by someone else.")]);
    const theirs = Y.encodeStateAsUpdate(other);
    Y.applyUpdate(server, theirs, "other");
    Y.applyUpdate(officer, theirs);
    expect(edit((d) => textOf(d, "summary").delete(0, "Written ".length))).toEqual({ summary: { inserted: 0, deleted: 8 } });
    expect(textOf(server, "summary").toString()).toBe("by someone else.");
  });

  it("one keystroke into a 20,000-character text of as many items counts as one", () => {
    const { edit } = room();
    edit((d) => d.getXmlFragment("summary").insert(0, [paragraph("")]));
    // Every other keystroke at the front keeps the items apart, as real typing does.
    for (let i = 0; i < 20_000; i++) edit((d) => textOf(d, "summary").insert(i % 2 ? 0 : textOf(d, "summary").length, "a"));
    expect(edit((d) => textOf(d, "summary").insert(10_000, "z"))).toEqual({ summary: { inserted: 1, deleted: 0 } });
  });
});
