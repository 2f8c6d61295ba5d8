/**
 * The reviewer's editor of a document's clearance list: each clearing office is off, "Clear" (must
 * concur) or "Info" (is told, never blocks). Shown only when the server says the user may set the
 * list (`youMay.setClearanceList`); the shared rules flag a list that would clear nothing before it
 * is sent, and a change once clearance has started needs a comment saying why.
 */
import { Alert, AlertText, Button, ButtonGroup, ErrorMessage, Fieldset, Form, Label, Radio, Textarea } from "@trussworks/react-uswds";
import { useId, useState, type FormEvent } from "react";
import { api, type ClearanceListRequest, type DocumentDetail } from "../../api.ts";
import { clearanceListProblems, type ClearanceListEntry, type ClearanceMode } from "#shared/clearance.ts";
import { CLEARING_OFFICES } from "#shared/roles.ts";
import type { Perform } from "./perform.ts";

type Choice = ClearanceMode | "off";

const CHOICES: { value: Choice; label: string }[] = [
  { value: "off", label: "Off" },
  { value: "clear", label: "Clear" },
  { value: "info", label: "Info" },
];

function choicesFrom(list: ClearanceListEntry[]): Record<string, Choice> {
  return Object.fromEntries(CLEARING_OFFICES.map((o) => [o.code, list.find((e) => e.officeCode === o.code)?.mode ?? "off"]));
}

/** The list to send, in the offices' canonical order. */
function listFrom(choices: Record<string, Choice>): ClearanceListRequest["offices"] {
  return CLEARING_OFFICES.flatMap((o) => {
    const mode = choices[o.code];
    return mode && mode !== "off" ? [{ officeCode: o.code, mode }] : [];
  });
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

interface Props {
  document: DocumentDetail;
  busy: boolean;
  perform: Perform;
  onDone: () => void;
}

export function ClearanceListEditor({ document: doc, busy, perform, onDone }: Props) {
  const id = useId();
  const [choices, setChoices] = useState(() => choicesFrom(doc.clearance.list));
  const [comment, setComment] = useState("");
  const started = doc.state === "in_clearance";
  const list = listFrom(choices);
  const problems = clearanceListProblems(list);
  const commentMissing = started && !comment.trim();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (problems.length > 0 || commentMissing) return;
    const trimmed = comment.trim();
    const ok = await perform(async (version) => {
      await api.setClearanceList(doc.id, { version, offices: list, ...(trimmed ? { comment: trimmed } : {}) });
      // The answer is the clearance state, not the document: the page loads the document again.
      return "reload";
    });
    if (ok) onDone();
  };

  return (
    <Form
      onSubmit={(event) => void submit(event)}
      large
      className="bg-base-lightest padding-2 radius-md margin-top-2 maxw-full"
      aria-label="Change the clearance list"
      data-testid="clearance-list-editor"
    >
      <h3 className="margin-0 font-body-md">Change the clearance list</h3>
      <p className="margin-y-1 font-body-2xs text-base-dark">
        For each office: <strong>Off</strong> (not on the list), <strong>Clear</strong> (must concur) or <strong>Info</strong> (is told, does not block). At
        least one office must clear.
      </p>
      {CLEARING_OFFICES.map((office) => (
        <Fieldset key={office.code} legend={`${office.code} — ${office.name}`} className="margin-top-2" data-testid={`clearance-list-office-${office.code}`}>
          <div className="display-flex flex-wrap">
            {CHOICES.map((choice) => (
              <Radio
                key={choice.value}
                id={`${id}-${office.code}-${choice.value}`}
                name={`${id}-${office.code}`}
                value={choice.value}
                label={choice.label}
                className="margin-right-3 bg-transparent"
                checked={choices[office.code] === choice.value}
                disabled={busy}
                onChange={() => setChoices((current) => ({ ...current, [office.code]: choice.value }))}
              />
            ))}
          </div>
        </Fieldset>
      ))}
      {problems.length > 0 ? (
        <div data-testid="clearance-list-problems" role="status">
          {problems.map((problem) => (
            <ErrorMessage key={problem} className="margin-top-2">
              {sentence(problem)}
            </ErrorMessage>
          ))}
        </div>
      ) : null}
      {started ? (
        <>
          <Alert type="info" slim className="margin-top-2">
            <AlertText>
              Clearance has started: the change is recorded with the offices added and dropped. If no office that must clear is still pending, the document
              moves on to final review.
            </AlertText>
          </Alert>
          <Label htmlFor={`${id}-comment`} requiredMarker>
            Comment (why the list changes after clearance started)
          </Label>
          <Textarea
            id={`${id}-comment`}
            name="comment"
            required
            maxLength={4000}
            value={comment}
            disabled={busy}
            onChange={(e) => setComment(e.target.value)}
          />
        </>
      ) : null}
      <ButtonGroup className="margin-top-2">
        <Button type="submit" disabled={busy || problems.length > 0 || commentMissing}>
          {busy ? "Saving…" : "Save clearance list"}
        </Button>
        <Button type="button" unstyled className="padding-105" onClick={onDone} disabled={busy}>
          Cancel
        </Button>
      </ButtonGroup>
    </Form>
  );
}
