/**
 * The text of a section's first paragraph, as an editor holds it, with an empty paragraph made
 * first (one transaction) when the section is empty. Shared by tests and the bench's trace replays.
 */
import * as Y from "yjs";

export function firstParagraphText(doc: Y.Doc, section: string): Y.XmlText {
  const fragment = doc.getXmlFragment(section);
  if (fragment.length === 0) {
    doc.transact(() => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText()]);
      fragment.insert(0, [paragraph]);
    });
  }
  return (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}
