/**
 * One section's rich-text editor, bound to that section's Y.XmlFragment. It starts non-editable
 * and becomes editable only when the room says so (`canEdit`), so a reader's editor never writes.
 */
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useId, useState, type FormEvent } from "react";
import type { SectionDefinition } from "#shared/document-shape.ts";
import type { RoomUser } from "#shared/room-protocol.ts";
import { isAllowedLinkHref } from "#shared/rich-text-schema.ts";
import type { CommentThread } from "../api.ts";
import { SectionMargin } from "./comments/SectionMargin.tsx";
import type { DocumentSession } from "./document-session.ts";
import { sectionEditorExtensions } from "./editor-extensions.ts";
import { sanitizePastedHtml } from "./paste-sanitizer.ts";

interface Props {
  session: DocumentSession;
  documentId: string;
  section: SectionDefinition;
  canEdit: boolean;
  user: RoomUser;
  threads: CommentThread[];
  mayBlock: boolean;
  activeThreadId: string | null;
  onActivateThread: (id: string | null) => void;
  /** Told when this section's editor takes the focus (the sources panel cites at its caret). */
  onFocusEditor?: (editor: Editor, sectionLabel: string) => void;
}

export function SectionEditor({ session, documentId, section, canEdit, user, threads, mayBlock, activeThreadId, onActivateThread, onFocusEditor }: Props) {
  const headingId = useId();
  const editor = useEditor({
    extensions: sectionEditorExtensions(session.fragment(section.key), session.provider, { name: user.name, color: user.color }),
    editable: false,
    editorProps: {
      transformPastedHTML: sanitizePastedHtml,
      attributes: {
        class: "tip-editor__content",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": headingId,
        "data-section": section.key,
      },
    },
  });

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setEditable(canEdit, false);
    editor.view.dom.setAttribute("aria-readonly", String(!canEdit));
  }, [editor, canEdit]);

  useEffect(() => {
    if (!editor || !onFocusEditor) return;
    const focused = () => onFocusEditor(editor, section.label);
    editor.on("focus", focused);
    return () => {
      editor.off("focus", focused);
    };
  }, [editor, onFocusEditor, section.label]);

  return (
    <section className="tip-editor" aria-labelledby={headingId} data-testid={`section-${section.key}`}>
      <h2 id={headingId} className="tip-editor__heading">
        {section.label}
      </h2>
      <div className="tip-editor__row">
        <div className="tip-editor__text">
          {editor && canEdit ? <Toolbar editor={editor} label={section.label} /> : null}
          <EditorContent editor={editor} />
        </div>
        {editor ? (
          <SectionMargin
            editor={editor}
            documentId={documentId}
            sectionKey={section.key}
            sectionLabel={section.label}
            threads={threads}
            mayBlock={mayBlock}
            activeId={activeThreadId}
            onActivate={onActivateThread}
          />
        ) : null}
      </div>
    </section>
  );
}

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      link: e.isActive("link"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const [linkFormOpen, setLinkFormOpen] = useState(false);
  const chain = () => editor.chain().focus();
  const button = (name: string, pressed: boolean | null, run: () => void, disabled = false) => (
    <button
      type="button"
      className={`usa-button usa-button--unstyled tip-toolbar__button${pressed ? " is-active" : ""}`}
      aria-pressed={pressed === null ? undefined : pressed}
      disabled={disabled}
      onClick={run}
    >
      {name}
    </button>
  );
  return (
    <div>
      <div className="tip-toolbar" role="toolbar" aria-label={`Formatting: ${label}`}>
        {button("Bold", state.bold, () => chain().toggleBold().run())}
        {button("Italic", state.italic, () => chain().toggleItalic().run())}
        {button("Bullets", state.bulletList, () => chain().toggleBulletList().run())}
        {button("Numbered", state.orderedList, () => chain().toggleOrderedList().run())}
        {button("Link", state.link, () => setLinkFormOpen((open) => !open))}
        {button("Undo", null, () => chain().undo().run(), !state.canUndo)}
        {button("Redo", null, () => chain().redo().run(), !state.canRedo)}
      </div>
      {linkFormOpen ? <LinkForm editor={editor} onDone={() => setLinkFormOpen(false)} /> : null}
    </div>
  );
}

function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const inputId = useId();
  const errorId = useId();
  const [href, setHref] = useState<string>(() => (editor.getAttributes("link").href as string | undefined) ?? "https://");
  const [error, setError] = useState<string | null>(null);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!isAllowedLinkHref(href)) {
      setError("A link must be a full web address (https://…) or an e-mail address (mailto:…).");
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
    onDone();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onDone();
  };
  return (
    <form className="tip-link-form" onSubmit={apply} noValidate>
      <label className="usa-label margin-top-0" htmlFor={inputId}>
        Link address
      </label>
      {error ? (
        <span className="usa-error-message" id={errorId} role="alert">
          {error}
        </span>
      ) : null}
      <input
        id={inputId}
        className={`usa-input${error ? " usa-input--error" : ""}`}
        type="url"
        value={href}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setHref(e.target.value)}
        autoFocus
      />
      <div className="margin-top-1">
        <button type="submit" className="usa-button usa-button--outline">
          Apply link
        </button>
        <button type="button" className="usa-button usa-button--unstyled" onClick={remove}>
          Remove link
        </button>
        <button type="button" className="usa-button usa-button--unstyled margin-left-2" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
