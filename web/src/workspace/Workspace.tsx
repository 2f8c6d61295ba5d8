/**
 * The narrative's text: one editor per section on one shared document, who else is here, whether
 * the server has every change, and why the text is read-only when it is.
 */
import { Alert, AlertHeading, AlertText, Button } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import type { Submission } from "../api.ts";
import { SourcesPanel } from "../sources/SourcesPanel.tsx";
import { errorMessage } from "../components/ErrorAlert.tsx";
import { DiffParts } from "../components/workflow/DiffView.tsx";
import { queries } from "../query.ts";
import { documentSections } from "#shared/document-shape.ts";
import type { DocumentKind } from "#shared/documents.ts";
import { colorForUser } from "#shared/room-protocol.ts";
import type { SectionText } from "#shared/text-diff.ts";
import { plural } from "../format.ts";
import type { DocumentSession, SessionView } from "./document-session.ts";
import { SectionEditor } from "./SectionEditor.tsx";
import { WordImport } from "./WordImport.tsx";
import { keepThread, threadCounts, ThreadFilters, type ThreadFilter } from "./comments/ThreadFilters.tsx";
import "./workspace.css";
import { acquireSession, releaseSession } from "./session-registry.ts";

interface Props {
  documentId: string;
  kind: DocumentKind;
  me: { id: string; name: string };
  /** Clearers and leadership may mark a comment blocking. */
  mayBlock: boolean;
  /** The document detail says the caller may edit the text now: they may import a Word draft too. */
  mayImportWord: boolean;
  loadServerText: () => Promise<SectionText[]>;
  onWorkflowChange: () => void;
  onCommentsChanged: () => void;
  /** Where the narrative's sources panel goes (the page's side column); none for a report section. */
  sourcesSlot?: HTMLElement | null;
}

function useDocumentSession({ documentId, kind, me, loadServerText, onWorkflowChange, onCommentsChanged }: Props): DocumentSession | null {
  // The session outlives renders; it calls the latest callbacks through this ref.
  const callbacks = useRef({ loadServerText, onWorkflowChange, onCommentsChanged });
  callbacks.current = { loadServerText, onWorkflowChange, onCommentsChanged };
  const [session, setSession] = useState<DocumentSession | null>(null);
  useEffect(() => {
    const acquired = acquireSession({
      userId: me.id,
      documentId,
      kind,
      loadServerText: () => callbacks.current.loadServerText(),
      onWorkflowChange: () => callbacks.current.onWorkflowChange(),
      onCommentsChanged: () => callbacks.current.onCommentsChanged(),
    });
    setSession(acquired);
    return () => releaseSession(acquired);
  }, [me.id, documentId, kind]);
  return session;
}

export function Workspace(props: Props) {
  const session = useDocumentSession(props);
  if (!session) return <p className="text-base-dark">Opening the text…</p>;
  return (
    <SessionWorkspace
      session={session}
      documentId={props.documentId}
      kind={props.kind}
      me={props.me}
      mayBlock={props.mayBlock}
      mayImportWord={props.mayImportWord}
      sourcesSlot={props.sourcesSlot ?? null}
    />
  );
}

interface SessionWorkspaceProps {
  session: DocumentSession;
  documentId: string;
  kind: DocumentKind;
  me: Props["me"];
  mayBlock: boolean;
  mayImportWord: boolean;
  sourcesSlot: HTMLElement | null;
}

/**
 * Citations are numbered in order of appearance across all the section editors: each citation's
 * element gets its number as `data-number` (CSS shows "[n]"), renumbered whenever the editors'
 * DOM changes. The number is the renderer's too (shared/render-document.ts), so the editor shows
 * what the snapshot and the report will print. ProseMirror ignores attribute changes on atoms.
 */
function useCitationNumbers(root: HTMLElement | null) {
  useEffect(() => {
    if (!root) return;
    const number = () => {
      root.querySelectorAll<HTMLElement>(".tip-editor__content sup.citation").forEach((el, i) => {
        const n = String(i + 1);
        if (el.dataset.number !== n) el.dataset.number = n;
      });
    };
    number();
    const observer = new MutationObserver(number);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [root]);
}

function SessionWorkspace({ session, documentId, kind, me, mayBlock, mayImportWord, sourcesSlot }: SessionWorkspaceProps) {
  const view = useSyncExternalStore(session.subscribe, session.getView);
  const user = view.you ?? { id: me.id, name: me.name, color: colorForUser(me.id) };
  const threads = useQuery(queries.comments(documentId));
  const [filter, setFilter] = useState<ThreadFilter>({ open: true, mine: false, blocking: false });
  const [activeId, setActiveId] = useState<string | null>(null);
  const shown = (threads.data ?? []).filter((t) => keepThread(t, filter, me.id));
  const [root, setRoot] = useState<HTMLElement | null>(null);
  useCitationNumbers(root);
  const citeEditor = useRef<Editor | null>(null);
  const [citeTarget, setCiteTarget] = useState<string | null>(null);
  const onFocusEditor = useCallback((editor: Editor, label: string) => {
    citeEditor.current = editor;
    setCiteTarget(label);
  }, []);
  const cite = (submission: Submission) => {
    const editor = citeEditor.current;
    if (!editor || editor.isDestroyed || !editor.isEditable) return;
    editor
      .chain()
      .focus()
      .insertContent({ type: "citation", attrs: { submissionId: submission.id, label: submission.citationLabel } })
      .run();
  };
  return (
    <section className="tip-workspace" aria-label="Text" data-testid="workspace" ref={setRoot}>
      {sourcesSlot && kind === "country_narrative"
        ? createPortal(<SourcesPanel documentId={documentId} citeTarget={citeTarget} mayCite={view.canEdit} onCite={cite} />, sourcesSlot)
        : null}
      <div className="tip-workspace__bar">
        <SaveStatus view={view} />
        <Presence view={view} />
        {/* The room's word too: gone the moment it locks, before the page reloads the detail. */}
        {mayImportWord && view.canEdit ? <WordImport documentId={documentId} /> : null}
      </div>
      <ReadOnlyBanner view={view} />
      {view.discarded ? <DiscardedChanges discarded={view.discarded} onDismiss={() => session.dismissDiscarded()} /> : null}
      <ThreadFilters filter={filter} onChange={setFilter} counts={threadCounts(threads.data ?? [], me.id)} />
      {threads.isError ? <p className="usa-error-message">Comments could not be loaded: {errorMessage(threads.error)}</p> : null}
      {view.ready ? (
        documentSections(kind).map((section) => (
          <SectionEditor
            key={`${view.generation}:${section.key}`}
            session={session}
            documentId={documentId}
            section={section}
            canEdit={view.canEdit}
            user={user}
            threads={shown.filter((t) => t.sectionKey === section.key)}
            mayBlock={mayBlock}
            activeThreadId={activeId}
            onActivateThread={setActiveId}
            onFocusEditor={onFocusEditor}
          />
        ))
      ) : (
        <p className="text-base-dark">Opening the text…</p>
      )}
    </section>
  );
}

export function saveStatusText(view: SessionView): string {
  const { pending } = view.counts;
  const kept = `${plural(pending, "change")} kept on this device`;
  switch (view.phase) {
    case "loading":
      return "Opening…";
    case "offline":
      return pending > 0 ? `Offline: ${kept}` : "Offline: no unsaved changes";
    case "connecting":
      return pending > 0 ? `Reconnecting… ${kept}` : "Connecting…";
    case "closed":
      return pending > 0 ? `Disconnected: ${kept}` : "Disconnected";
    case "connected":
      if (pending > 0) return "Saving…";
      return view.canEdit ? "All changes saved" : "Reading the live text";
  }
}

function SaveStatus({ view }: { view: SessionView }) {
  const tone = view.phase === "connected" ? (view.counts.pending > 0 ? "saving" : "saved") : "offline";
  return (
    <p className={`tip-save-status tip-save-status--${tone}`} role="status" aria-live="polite" data-testid="save-status">
      {saveStatusText(view)}
    </p>
  );
}

function Presence({ view }: { view: SessionView }) {
  if (view.peers.length === 0) return null;
  return (
    <div className="tip-presence" data-testid="presence">
      <span className="tip-presence__label">In this document:</span>
      <ul className="tip-presence__list" aria-label="People in this document">
        {view.peers.map((peer) => (
          <li key={peer.userId} className="tip-presence__person">
            <span className="tip-presence__dot" style={{ backgroundColor: peer.color }} aria-hidden="true" />
            {peer.name}
            {peer.isYou ? " (you)" : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ReadOnlyBanner({ view }: { view: SessionView }) {
  if (view.closedReason) {
    return (
      <Alert type="error" className="margin-y-2" data-testid="workspace-banner" role="alert">
        <AlertHeading level="h2">Disconnected</AlertHeading>
        <AlertText>{view.closedReason}</AlertText>
      </Alert>
    );
  }
  if (!view.ready || view.canEdit || view.phase === "loading") return null;
  if (view.locked) {
    const by = view.lockedBy ? ` by ${view.lockedBy}` : "";
    return (
      <Alert type="info" className="margin-y-2" data-testid="workspace-banner" role="status">
        <AlertHeading level="h2">The text is locked</AlertHeading>
        <AlertText>{`Editing is closed: ${view.lockReason ?? "locked"}${by}. The text stays as it is while it is cleared.`}</AlertText>
      </Alert>
    );
  }
  if (view.you === null) return null;
  return (
    <p className="tip-readonly-note" data-testid="workspace-readonly">
      You are reading this text live; your role does not let you edit it at this stage.
    </p>
  );
}

function DiscardedChanges({ discarded, onDismiss }: { discarded: NonNullable<SessionView["discarded"]>; onDismiss: () => void }) {
  return (
    <Alert type="warning" className="margin-y-2" data-testid="discarded-changes" role="alert">
      <AlertHeading level="h2">Changes not saved</AlertHeading>
      <AlertText>{discarded.reason} They were removed from this device. Here is what they were, against the saved text:</AlertText>
      {discarded.sections.length === 0 ? <AlertText>(No visible difference to the saved text.)</AlertText> : null}
      {discarded.sections.map((section) => (
        <div key={section.key}>
          <AlertHeading level="h3">{section.label}</AlertHeading>
          <DiffParts parts={section.parts} />
        </div>
      ))}
      <Button type="button" outline onClick={onDismiss}>
        Dismiss
      </Button>
    </Alert>
  );
}
