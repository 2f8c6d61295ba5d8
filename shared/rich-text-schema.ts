/**
 * The one extension list of the text: the browser's editors add collaboration on top of it, and
 * the worker's renderer (render-document.ts) renders and hashes with it. Only what the report
 * uses: paragraphs, bold, italic, bullet and numbered lists, links (plus what StarterKit brings),
 * and citations of the cycle's submissions (an inline atom naming one by id; docs/sources.md).
 *
 * Off on purpose: StarterKit's own undo (Collaboration brings a Yjs-aware one) and `trailingNode`
 * (it appends a paragraph on load, which would make every reader's editor write to the text).
 */
import { mergeAttributes, Node } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { isSubmissionId, MAX_CITATION_LABEL } from "./sources.ts";

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

/**
 * A citation of a submission: an inline atom with the submission's id and the note it shows
 * (who sent it and when, copied in when it is cited, so the recorded text and its hash carry the
 * note as cleared). It holds no number: notes are numbered where the text is shown, in order of
 * appearance in the whole document (render-document.ts; the editor with a CSS counter).
 */
export const Citation = Node.create({
  name: "citation",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,
  addAttributes() {
    return {
      submissionId: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-submission-id"),
        renderHTML: (attrs) => ({ "data-submission-id": attrs.submissionId }),
      },
      label: {
        default: "",
        parseHTML: (el) => (el.getAttribute("data-label") ?? "").slice(0, MAX_CITATION_LABEL),
        renderHTML: (attrs) => ({ "data-label": attrs.label, title: attrs.label }),
      },
    };
  },
  parseHTML() {
    return [
      {
        tag: "sup[data-submission-id]",
        getAttrs: (el) => (isSubmissionId((el as { getAttribute(name: string): string | null }).getAttribute("data-submission-id")) ? null : false),
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ["sup", mergeAttributes(HTMLAttributes, { class: "citation" })];
  },
  renderText() {
    return "";
  },
});

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
  Citation,
];
