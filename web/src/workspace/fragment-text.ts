/** Plain text of a section's Y.XmlFragment, one line per block, without rendering it in an editor. */
import * as Y from "yjs";

export function fragmentText(fragment: Y.XmlFragment | Y.XmlElement): string {
  const lines: string[] = [];
  let line = "";
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as { insert?: unknown }[]) if (typeof op.insert === "string") line += op.insert;
      return;
    }
    if (node instanceof Y.XmlHook) return;
    for (const child of node.toArray()) walk(child);
    if (node instanceof Y.XmlElement && line !== "") {
      lines.push(line);
      line = "";
    }
  };
  walk(fragment);
  if (line !== "") lines.push(line);
  return lines.join("\n");
}
