/**
 * A citation of a submission in a narrative's text, through the real room: inserted by one
 * co-editor while another edits around it, kept by both, numbered in the recorded text's HTML.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { AS, call, json } from "../helpers/api.ts";
import { RoomClient, waitFor } from "../helpers/room-client.ts";

const DOC = "2025-nigeria";
const LAGOS = "sub_demo0001";
const FISHERIES = "sub_demo0012";

function citation(submissionId: string, label: string): Y.XmlElement {
  const node = new Y.XmlElement("citation");
  node.setAttribute("submissionId", submissionId);
  node.setAttribute("label", label);
  return node;
}

const paragraphOf = (client: RoomClient, section: string) => client.doc.getXmlFragment(section).get(0) as Y.XmlElement;
const kinds = (p: Y.XmlElement) => p.toArray().map((n) => (n instanceof Y.XmlText ? `text:${n.toString()}` : (n as Y.XmlElement).nodeName));

describe("a citation in the text", () => {
  it("survives co-editing and shows as a numbered note in the snapshot HTML", async () => {
    const a = await RoomClient.open(AS.drafterAF, DOC);
    // Two sessions of the region's drafter: in drafting only drafters type.
    const b = await RoomClient.open(AS.drafterAF, DOC);
    const fragment = a.doc.getXmlFragment("prosecution");
    const intro = new Y.XmlElement("paragraph");
    intro.insert(0, [new Y.XmlText("Courts convicted 12 traffickers.")]);
    fragment.insert(0, [intro]);
    await waitFor(() => b.doc.getXmlFragment("prosecution").length === 1, "b sees the paragraph");

    // a cites at the end of the sentence; b types before and after it while a, concurrently, edits the sentence.
    paragraphOf(a, "prosecution").insert(1, [citation(LAGOS, "Lagos Survivors' Network (demo), submission received 2025-01-01")]);
    await waitFor(() => paragraphOf(b, "prosecution").length === 2, "b sees the citation");
    const bp = paragraphOf(b, "prosecution");
    (bp.get(0) as Y.XmlText).insert(0, "In 2024, ");
    bp.insert(bp.length, [new Y.XmlText(" Shelters closed.")]);
    (paragraphOf(a, "prosecution").get(0) as Y.XmlText).insert("Courts convicted 12 traffickers".length, " in Lagos");
    const settled = (c: RoomClient) =>
      paragraphOf(c, "prosecution").length === 3 &&
      paragraphOf(c, "prosecution").get(0).toString().includes("In 2024") &&
      paragraphOf(c, "prosecution").get(0).toString().includes("Lagos");
    await waitFor(() => settled(a) && settled(b), "both see every edit");
    expect(kinds(paragraphOf(a, "prosecution"))).toEqual(kinds(paragraphOf(b, "prosecution")));
    expect(kinds(paragraphOf(a, "prosecution")).filter((k) => k === "citation")).toHaveLength(1);

    // A second citation earlier in the document (the summary comes first) renumbers the first as [2].
    const summary = new Y.XmlElement("paragraph");
    summary.insert(0, [new Y.XmlText("Nigeria made efforts."), citation(FISHERIES, "Global Fisheries Transparency (demo), submission received 2024-12-02")]);
    b.doc.getXmlFragment("summary").insert(0, [summary]);
    await waitFor(() => a.doc.getXmlFragment("summary").length === 1, "a sees the summary");

    const current = await json(await call(AS.drafterAF, `/api/documents/${DOC}/snapshots/current`));
    const section = (key: string) => current.sections.find((s: any) => s.key === key);
    expect(section("summary").html).toContain(`<sup class="citation" data-submission-id="${FISHERIES}"><a href="#note-1" id="cite-1"`);
    expect(section("prosecution").html).toBe(
      `<p>In 2024, Courts convicted 12 traffickers in Lagos.<sup class="citation" data-submission-id="${LAGOS}"><a href="#note-2" id="cite-2" title="Lagos Survivors' Network (demo), submission received 2025-01-01">[2]</a></sup> Shelters closed.</p>` +
        `<ol class="citation-notes"><li id="note-2" value="2" data-submission-id="${LAGOS}">Lagos Survivors' Network (demo), submission received 2025-01-01</li></ol>`,
    );
    expect(section("prosecution").text).toBe("In 2024, Courts convicted 12 traffickers in Lagos. Shelters closed.");
    a.close();
    b.close();
  });

  it("a citation naming no valid submission id is left out of the recorded text", async () => {
    const a = await RoomClient.open(AS.drafterAF, DOC);
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Shelters."), citation("javascript:alert(1)", "x")]);
    a.doc.getXmlFragment("protection").insert(0, [p]);
    let protection: any;
    for (let i = 0; i < 100 && protection?.text !== "Shelters."; i++) {
      await new Promise((r) => setTimeout(r, 20));
      protection = (await json(await call(AS.drafterAF, `/api/documents/${DOC}/snapshots/current`))).sections.find((s: any) => s.key === "protection");
    }
    expect(protection.html).toBe("<p>Shelters.</p>");
    a.close();
  });
});
