/**
 * What a section editor runs: the text's one extension list (shared with the worker's renderer)
 * plus the Yjs binding, other people's carets and comment highlights (decorations, no schema). Kept out of the React component so a test can
 * check that the editor's schema is exactly the renderer's.
 */
import type { Extensions } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import type * as Y from "yjs";
import { RICH_TEXT_EXTENSIONS } from "#shared/rich-text-schema.ts";
import { CommentHighlights } from "./comments/comment-highlights.ts";

export function sectionEditorExtensions(fragment: Y.XmlFragment, provider: { awareness: unknown }, user: { name: string; color: string }): Extensions {
  return [...RICH_TEXT_EXTENSIONS, Collaboration.configure({ fragment }), CollaborationCaret.configure({ provider, user }), CommentHighlights];
}
