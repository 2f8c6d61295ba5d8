/** The small form an action needs before it is sent: a comment (required, or optional when clearing) and/or the office it concerns. */
import { Button, ButtonGroup, Form, Label, Select, Textarea } from "@trussworks/react-uswds";
import { useId, useState, type FormEvent } from "react";
import type { OfferedAction } from "../../api.ts";
import { officeName } from "../../format.ts";

interface Props {
  action: OfferedAction;
  busy: boolean;
  onSubmit: (input: { comment?: string; office?: string }) => void;
  onCancel: () => void;
}

export function ActionForm({ action, busy, onSubmit, onCancel }: Props) {
  const id = useId();
  const askOffice = action.offices.length > 1;
  const [comment, setComment] = useState("");
  const [office, setOffice] = useState("");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (action.requiresComment && !comment.trim()) return;
    if (askOffice && !office) return;
    onSubmit({ ...(comment.trim() ? { comment: comment.trim() } : {}), ...(askOffice ? { office } : {}) });
  };

  return (
    <Form
      onSubmit={submit}
      large
      className="bg-base-lightest padding-2 radius-md margin-top-2"
      aria-label={action.label}
      data-testid={`action-form-${action.action}`}
    >
      <h3 className="margin-0 font-body-md">{action.label}</h3>
      {askOffice ? (
        <>
          <Label htmlFor={`${id}-office`} requiredMarker>
            Office
          </Label>
          <Select id={`${id}-office`} name="office" required value={office} onChange={(e) => setOffice(e.target.value)}>
            <option value="">- Select an office -</option>
            {action.offices.map((code) => (
              <option key={code} value={code}>
                {code} — {officeName(code)}
              </option>
            ))}
          </Select>
        </>
      ) : null}
      {action.requiresComment ? (
        <>
          <Label htmlFor={`${id}-comment`} requiredMarker>
            Comment (why)
          </Label>
          <Textarea id={`${id}-comment`} name="comment" required maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </>
      ) : action.action === "clear" ? (
        <>
          <Label htmlFor={`${id}-comment`} hint=" (optional: leave empty to clear as written)">
            Comments with your clearance
          </Label>
          <Textarea id={`${id}-comment`} name="comment" maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </>
      ) : null}
      <ButtonGroup className="margin-top-2">
        <Button type="submit" disabled={busy || (action.requiresComment && !comment.trim()) || (askOffice && !office)}>
          {busy ? "Sending…" : action.label}
        </Button>
        <Button type="button" unstyled className="padding-105" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </ButtonGroup>
    </Form>
  );
}
