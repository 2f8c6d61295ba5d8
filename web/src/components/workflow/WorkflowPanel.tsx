/**
 * The workflow actions open to the signed-in user, exactly as the API lists them: the UI never decides
 * rights itself. Plain actions are sent at once; those needing a comment or an office open a small form.
 */
import { Button, ButtonGroup } from "@trussworks/react-uswds";
import { useState } from "react";
import { api, type DocumentDetail, type OfferedAction } from "../../api.ts";
import { StateTag } from "../StateTag.tsx";
import { ActionForm } from "./ActionForm.tsx";
import { DueDate } from "./DueDate.tsx";
import type { Perform } from "./perform.ts";

interface Props {
  document: DocumentDetail;
  busy: boolean;
  perform: Perform;
}

/** Clearing opens a form too: offices may clear as written or clear with comments. */
const needsForm = (a: OfferedAction) => a.requiresComment || a.offices.length > 1 || a.action === "clear";

export function WorkflowPanel({ document: doc, busy, perform }: Props) {
  const [open, setOpen] = useState<OfferedAction["action"] | null>(null);
  const openAction = doc.actions.find((a) => a.action === open) ?? null;

  const send = async (action: OfferedAction, input: { comment?: string; office?: string } = {}) => {
    const office = input.office ?? (action.offices.length === 1 ? action.offices[0] : undefined);
    const ok = await perform((version) => api.act(doc.id, { action: action.action, version, ...input, ...(office ? { office } : {}) }));
    if (ok) setOpen(null);
  };

  return (
    <section aria-labelledby="workflow-heading" className="tip-panel" data-testid="workflow-panel">
      <h2 id="workflow-heading">Workflow actions</h2>
      {/* Beside the text, where the document stands stays in view while one scrolls through it. */}
      <p className="margin-top-0 text-base-dark" data-testid="workflow-where">
        <StateTag state={doc.state} /> Current step due <DueDate dueDate={doc.dueDate} overdue={doc.overdue} />
      </p>
      {doc.actions.length === 0 ? (
        <p className="text-base-dark margin-bottom-0" data-testid="no-actions">
          Nothing waits on you for this document at this stage.
        </p>
      ) : (
        <ButtonGroup>
          {doc.actions.map((action) => (
            <Button
              key={action.action}
              type="button"
              outline={needsForm(action)}
              disabled={busy}
              aria-expanded={needsForm(action) ? open === action.action : undefined}
              onClick={() => (needsForm(action) ? setOpen(open === action.action ? null : action.action) : void send(action))}
            >
              {action.label}
              {action.offices.length === 1 ? ` (${action.offices[0]})` : ""}
            </Button>
          ))}
        </ButtonGroup>
      )}
      {openAction ? (
        <ActionForm key={openAction.action} action={openAction} busy={busy} onSubmit={(input) => void send(openAction, input)} onCancel={() => setOpen(null)} />
      ) : null}
    </section>
  );
}
