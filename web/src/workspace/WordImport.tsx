/**
 * "Import from Word": pick a .docx, see where its text would go (each section with its word count
 * and first lines, the sections that stay as they are, what is left out), then replace those
 * sections or cancel. Applying is one edit by the person in the room; the editors show the new
 * text when it arrives through the room, like anyone's typing.
 */
import { Alert, AlertText, Button, ButtonGroup } from "@trussworks/react-uswds";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FocusTrap } from "focus-trap-react";
import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";
import { createPortal } from "react-dom";
import { DOCX_CONTENT_TYPE, DOCX_MAX_BYTES } from "#shared/docx-limits.ts";
import { api, type DocxImport } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { plural } from "../format.ts";
import { queryKeys } from "../query.ts";

const MB = DOCX_MAX_BYTES / 1024 / 1024;

function listOf(labels: string[]): string {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

export function WordImport({ documentId }: { documentId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<DocxImport | null>(null);
  const preview = useMutation({ mutationFn: (f: File) => api.importDocx(documentId, f, false) });
  const apply = useMutation({
    mutationFn: (f: File) => api.importDocx(documentId, f, true),
    onSuccess: (result) => {
      setDone(result);
      setFile(null);
      // The import is in the document's history (its audit event); the text itself arrives through the room.
      void client.invalidateQueries({ queryKey: queryKeys.document(documentId), exact: true });
    },
  });

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    // Cleared, so choosing the same file again (after fixing it in Word) still fires a change.
    event.target.value = "";
    if (!chosen) return;
    setDone(null);
    apply.reset();
    preview.reset();
    setFile(chosen);
    if (chosen.size <= DOCX_MAX_BYTES) preview.mutate(chosen);
  };
  const cancel = () => {
    setFile(null);
    preview.reset();
    apply.reset();
  };

  return (
    <div className="tip-word-import" ref={wrapper}>
      <Button type="button" outline className="margin-0" onClick={() => input.current?.click()} data-testid="word-import-button">
        Import from Word
      </Button>
      <input
        ref={input}
        type="file"
        accept={`.docx,${DOCX_CONTENT_TYPE}`}
        hidden
        onChange={choose}
        aria-label="Word document to import"
        data-testid="word-import-input"
      />
      {done ? (
        <Alert type="success" slim className="margin-top-1" data-testid="word-import-done" role="status">
          <AlertText>
            {`Imported “${done.fileName}”: ${listOf(done.sections.filter((s) => s.inFile).map((s) => s.label))} replaced.`}{" "}
            <button type="button" className="usa-button usa-button--unstyled" onClick={() => setDone(null)}>
              Dismiss
            </button>
          </AlertText>
        </Alert>
      ) : null}
      {file
        ? createPortal(
            <ImportDialog
              fileName={file.name}
              tooLarge={file.size > DOCX_MAX_BYTES}
              preview={preview}
              apply={apply}
              onApply={() => apply.mutate(file)}
              onCancel={cancel}
              returnFocus={() => wrapper.current?.querySelector("button") ?? false}
            />,
            document.body,
          )
        : null}
    </div>
  );
}

interface DialogProps {
  fileName: string;
  tooLarge: boolean;
  preview: { data?: DocxImport | undefined; error: unknown; isPending: boolean; isError: boolean };
  apply: { error: unknown; isPending: boolean; isError: boolean };
  onApply: () => void;
  onCancel: () => void;
  /** Where focus goes when the dialog closes: the button that opened it. */
  returnFocus: () => HTMLElement | false;
}

function ImportDialog({ fileName, tooLarge, preview, apply, onApply, onCancel, returnFocus }: DialogProps) {
  const headingId = useId();
  const modal = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The page behind does not scroll while the dialog is open (what USWDS's own modal script does).
    const before = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    return () => {
      document.body.style.overflow = before;
    };
  }, []);
  const result = preview.data;
  const replacing = result ? result.sections.filter((s) => s.inFile).length : 0;
  const busy = apply.isPending;
  return (
    <FocusTrap
      focusTrapOptions={{
        // The dialog itself, as USWDS's modal does: a screen reader reads its name, then the preview.
        initialFocus: () => modal.current ?? false,
        escapeDeactivates: () => {
          if (!busy) onCancel();
          return false;
        },
        allowOutsideClick: false,
        setReturnFocus: returnFocus,
      }}
    >
      <div className="usa-modal-wrapper is-visible" role="dialog" aria-modal="true" aria-labelledby={headingId} data-testid="word-import-dialog">
        <div className="usa-modal-overlay">
          <div className="usa-modal usa-modal--lg tip-word-import-dialog" ref={modal} tabIndex={-1}>
            <div className="usa-modal__content">
              <div className="usa-modal__main">
                <h2 className="usa-modal__heading" id={headingId}>
                  Import “{fileName}” from Word
                </h2>
                {tooLarge ? (
                  <ErrorAlert
                    error={null}
                    heading="This file is too large"
                    message={`The Word document is larger than ${MB} MB, the most that can be imported. Remove its images (they are not imported anyway) or split it.`}
                  />
                ) : null}
                {preview.isPending ? (
                  <p role="status" className="text-base-dark">
                    Reading the document…
                  </p>
                ) : null}
                {preview.isError ? <ErrorAlert error={preview.error} heading="This file cannot be imported" /> : null}
                {result ? <PreviewBody result={result} /> : null}
                {apply.isError ? <ErrorAlert error={apply.error} heading="The import did not go through" /> : null}
                <div className="usa-modal__footer">
                  <ButtonGroup>
                    {result && !apply.isError ? (
                      <Button type="button" onClick={onApply} disabled={busy} data-testid="word-import-apply">
                        {busy ? "Replacing…" : `Replace ${plural(replacing, "section")}`}
                      </Button>
                    ) : null}
                    <Button type="button" outline onClick={onCancel} disabled={busy}>
                      {apply.isError ? "Close" : "Cancel"}
                    </Button>
                  </ButtonGroup>
                </div>
              </div>
              <button type="button" className="usa-button usa-modal__close" aria-label="Close this window" onClick={onCancel} disabled={busy}>
                <span aria-hidden="true">×</span>
              </button>
            </div>
          </div>
        </div>
      </div>
    </FocusTrap>
  );
}

function PreviewBody({ result }: { result: DocxImport }) {
  return (
    <div className="usa-prose" data-testid="word-import-preview">
      <p>The sections with text in the file replace what they hold now, as one edit under your name. The others stay as they are.</p>
      <ol className="usa-list usa-list--unstyled tip-word-import__sections">
        {result.sections.map((s) => (
          <li key={s.key} className="tip-word-import__section" data-testid={`word-import-section-${s.key}`}>
            <h3 className="tip-word-import__label">{s.label}</h3>
            {s.inFile ? (
              <>
                <p className="tip-word-import__count">
                  {plural(s.words, "word")} from the file{s.currentWords > 0 ? `, replacing ${plural(s.currentWords, "word")}` : ""}
                </p>
                <p className="tip-word-import__excerpt">{s.excerpt}</p>
              </>
            ) : (
              <p className="tip-word-import__count tip-word-import__count--kept">
                Not in the file: stays as it is{s.currentWords > 0 ? ` (${plural(s.currentWords, "word")})` : ""}.
              </p>
            )}
          </li>
        ))}
      </ol>
      {result.notes.length > 0 ? (
        <>
          <h3 className="tip-word-import__label">Notes on the import</h3>
          <ul className="usa-list" data-testid="word-import-notes">
            {result.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
