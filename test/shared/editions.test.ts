import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "#shared/canonical-json.ts";
import { buildManifest, manifestHash, reportOrder } from "#shared/edition-manifest.ts";
import { docFromSections, recordedTextOf, sectionsFromSnapshot } from "#shared/recorded-text.ts";
import { renderDocument } from "#shared/render-document.ts";
import { sha256HexSync } from "#shared/sha256.ts";
import { textToProsemirror } from "#shared/text-to-prosemirror.ts";

describe("sha256HexSync", () => {
  it.each(["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "Côte d’Ivoire ✓ ".repeat(5000)])("agrees with crypto.subtle on %#", async (text) => {
    expect(sha256HexSync(text)).toBe(await sha256Hex(text));
  });
  it("knows the standard vector", () => {
    expect(sha256HexSync("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

const doc = (kind: "country_narrative" | "report_section", title: string, sortOrder: number) => ({
  id: title,
  kind,
  title,
  countryId: null,
  sectionKey: null,
  sortOrder,
});

describe("report order and the manifest", () => {
  it("puts the report sections first in their order, then the narratives alphabetically", () => {
    const order = reportOrder([
      doc("country_narrative", "Oman", 0),
      doc("report_section", "Methodology", 8),
      doc("country_narrative", "Bahrain", 5),
      doc("report_section", "Introduction", 2),
    ]);
    expect(order.map((d) => d.title)).toEqual(["Introduction", "Methodology", "Bahrain", "Oman"]);
  });

  it("lists each document's hash and a narrative's final tier; its hash is SHA-256 of its canonical JSON", async () => {
    const manifest = buildManifest(2030, "2030-06-24T00:00:00.000Z", [
      { ...doc("country_narrative", "Oman", 0), snapshotHash: "b".repeat(64), tier: "tier2" },
      { ...doc("report_section", "Methodology", 8), snapshotHash: "a".repeat(64), tier: "tier1" },
    ]);
    expect(manifest.documents.map((d) => [d.title, d.snapshotHash[0], d.tier])).toEqual([
      ["Methodology", "a", null],
      ["Oman", "b", "tier2"],
    ]);
    expect(await manifestHash(manifest)).toBe(sha256HexSync(canonicalJson(manifest)));
  });
});

describe("recorded texts", () => {
  it("a text recorded from a room comes back from its snapshot with the same hash (headings, lists, marks, breaks)", async () => {
    const json = textToProsemirror(
      "Methodology\n\nA **bold** and *italic* [link](https://www.state.gov/).\n\n- ▶ one\n- ▶ two\n\n3. three\n4. four\n\nA\tB\nC\tD",
      [0],
    );
    const first = recordedTextOf(docFromSections([{ key: "body", json }]), "report_section");
    const again = docFromSections(sectionsFromSnapshot("report_section", first.sections));
    expect((await renderDocument(again, "report_section")).hash).toBe(first.hash);
    expect(recordedTextOf(again, "report_section")).toEqual(first);
  });

  it("a snapshot recorded before sections carried JSON is read from its plain text, one paragraph a line", () => {
    const sections = sectionsFromSnapshot("country_narrative", [{ key: "summary", label: "Summary", html: "<p>One.</p><p>Two.</p>", text: "One.\nTwo." }]);
    expect(sections.map((s) => s.key)).toEqual(["summary", "recommendations", "prosecution", "protection", "prevention", "profile"]);
    expect(sections[0]!.json.content!.map((p) => p.content![0]!.text)).toEqual(["One.", "Two."]);
    expect(sections[1]!.json.content).toEqual([]);
  });
});
