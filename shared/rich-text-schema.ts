/**
 * The one extension list of the text: the browser's editors add collaboration on top of it, and
 * the worker's renderer (render-document.ts) renders and hashes with it. Only what the report
 * uses: paragraphs, bold, italic, bullet and numbered lists, links (plus what StarterKit brings).
 *
 * Off on purpose: StarterKit's own undo (Collaboration brings a Yjs-aware one) and `trailingNode`
 * (it appends a paragraph on load, which would make every reader's editor write to the text).
 */
import StarterKit from "@tiptap/starter-kit";

/** Links may point to web pages and e-mail addresses only: nothing typed or pasted runs as code. */
export const ALLOWED_LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

export function isAllowedLinkHref(href: unknown): href is string {
  if (typeof href !== "string" || href.trim() === "") return false;
  try {
    // Relative addresses are refused too: a link in the report names its target in full.
    const scheme = new URL(href.trim()).protocol.replace(/:$/, "").toLowerCase();
    return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(scheme);
  } catch {
    return false;
  }
}

export const RICH_TEXT_EXTENSIONS = [
  StarterKit.configure({
    undoRedo: false,
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: "https",
      protocols: [],
      isAllowedUri: (url) => isAllowedLinkHref(url),
      shouldAutoLink: (url) => isAllowedLinkHref(url) || isAllowedLinkHref(`https://${url}`),
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
    },
  }),
];
