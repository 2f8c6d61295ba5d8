/**
 * A country narrative's law-enforcement figures: shown to every reader ("not reported" where the
 * government gave none), and a form for whoever may edit the text now, checked as you type by the
 * same rules the server applies.
 */
import { Button, ErrorMessage, Fieldset, Form, FormGroup, Label, Table, Textarea, TextInput } from "@trussworks/react-uswds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState, type FormEvent } from "react";
import { api, type DocumentDetail, type FiguresView } from "../../api.ts";
import { dateTime } from "../../format.ts";
import { queries } from "../../query.ts";
import { ErrorAlert } from "../ErrorAlert.tsx";
import { MEASURES, validateFigures, type FigureField, type Figures } from "#shared/law-enforcement.ts";
import type { Perform } from "../workflow/perform.ts";

type Inputs = Record<FigureField, string>;

const count = (value: number | null) => (value === null ? "not reported" : value.toLocaleString("en-US"));

function inputsOf(figures: Figures): Inputs {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v === null ? "" : String(v)])) as Inputs;
}

/** "" = not reported; anything else as the number it reads as (NaN for what is no number, which the rules name). */
function figuresOf(inputs: Inputs): Figures {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.trim() === "" ? null : Number(v)])) as Figures;
}

function FiguresTable({ view }: { view: FiguresView }) {
  const f = view.figures;
  return (
    <>
      <Table bordered compact className="margin-top-1" data-testid="figures-table">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Total</th>
            <th scope="col">Labor trafficking only</th>
          </tr>
        </thead>
        <tbody>
          {MEASURES.map((m) => (
            <tr key={m.total}>
              <th scope="row">{m.label}</th>
              <td data-testid={`figure-${m.total}`}>{count(f[m.total])}</td>
              <td data-testid={`figure-${m.labor}`}>{count(f[m.labor])}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">New or amended legislation</th>
            <td data-testid="figure-newOrAmendedLaws" colSpan={2}>
              {count(f.newOrAmendedLaws)}
            </td>
          </tr>
        </tbody>
      </Table>
      {view.lawsNote ? <p className="margin-y-1 tip-prewrap">Laws: {view.lawsNote}</p> : null}
      <p className="margin-y-1 font-body-2xs text-base-dark" data-testid="figures-updated">
        {view.entered && view.updatedAt
          ? `Last changed by ${view.updatedByName ?? view.updatedBy} ${dateTime(view.updatedAt)}.`
          : "No figures have been entered yet."}
      </p>
    </>
  );
}

function FigureInput({
  id,
  field,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  field: FigureField;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (v: string) => void;
}) {
  const inputId = `${id}-${field}`;
  return (
    <FormGroup error={Boolean(error)} className="margin-top-1">
      <Label htmlFor={inputId} error={Boolean(error)}>
        {label}
      </Label>
      {error ? (
        <ErrorMessage id={`${inputId}-error`}>
          <span data-testid={`figure-error-${field}`}>{error}</span>
        </ErrorMessage>
      ) : null}
      <TextInput
        id={inputId}
        name={field}
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        value={value}
        validationStatus={error ? "error" : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormGroup>
  );
}

function FiguresForm({ view, busy, perform, documentId }: { view: FiguresView; busy: boolean; perform: Perform; documentId: string }) {
  const id = useId();
  const [inputs, setInputs] = useState<Inputs>(() => inputsOf(view.figures));
  const [lawsNote, setLawsNote] = useState(view.lawsNote ?? "");
  const [touched, setTouched] = useState<Set<FigureField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // A newer version (saved here or elsewhere) replaces what the form holds.
  useEffect(() => {
    setInputs(inputsOf(view.figures));
    setLawsNote(view.lawsNote ?? "");
    setTouched(new Set());
    setSubmitted(false);
  }, [view]);

  const errors = validateFigures(figuresOf(inputs));
  const errorOf = (field: FigureField) => (submitted || touched.has(field) ? errors.find((e) => e.field === field)?.message : undefined);
  const set = (field: FigureField) => (value: string) => {
    setInputs((current) => ({ ...current, [field]: value }));
    setTouched((current) => new Set(current).add(field));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.length > 0) {
      document.getElementById(`${id}-${errors[0]!.field}`)?.focus();
      return;
    }
    await perform(async (version) => {
      await api.saveFigures(documentId, { version, figures: figuresOf(inputs), lawsNote: lawsNote.trim() || null });
      return "reload";
    });
  };

  return (
    <Form onSubmit={(e) => void submit(e)} large className="margin-top-2 maxw-none" aria-label="Law-enforcement figures" data-testid="figures-form" noValidate>
      <h3 className="margin-0 font-body-md">Enter the figures the government reported</h3>
      <p className="margin-y-1 font-body-2xs text-base-dark">Leave a figure empty when it was not reported. Labor-trafficking counts are part of the total.</p>
      {submitted && errors.length > 0 ? (
        <p className="text-secondary-dark text-bold margin-y-1" role="alert" data-testid="figures-error-summary">
          {errors.length === 1 ? "One figure needs fixing" : `${errors.length} figures need fixing`} before saving.
        </p>
      ) : null}
      {MEASURES.map((m) => (
        <Fieldset key={m.total} legend={m.label} className="margin-top-2">
          <div className="grid-row grid-gap">
            <div className="tablet:grid-col-6">
              <FigureInput id={id} field={m.total} label={`${m.label} (total)`} value={inputs[m.total]} error={errorOf(m.total)} onChange={set(m.total)} />
            </div>
            <div className="tablet:grid-col-6">
              <FigureInput id={id} field={m.labor} label={`${m.label} (labor)`} value={inputs[m.labor]} error={errorOf(m.labor)} onChange={set(m.labor)} />
            </div>
          </div>
        </Fieldset>
      ))}
      <div className="grid-row grid-gap margin-top-2">
        <div className="tablet:grid-col-6">
          <FigureInput
            id={id}
            field="newOrAmendedLaws"
            label="New or amended legislation"
            value={inputs.newOrAmendedLaws}
            error={errorOf("newOrAmendedLaws")}
            onChange={set("newOrAmendedLaws")}
          />
        </div>
      </div>
      <Label htmlFor={`${id}-lawsNote`}>Which laws (optional)</Label>
      <Textarea id={`${id}-lawsNote`} name="lawsNote" maxLength={4000} value={lawsNote} onChange={(e) => setLawsNote(e.target.value)} />
      <Button type="submit" className="margin-top-2" disabled={busy}>
        Save figures
      </Button>
    </Form>
  );
}

export function FiguresPanel({ document: doc, busy, perform }: { document: DocumentDetail; busy: boolean; perform: Perform }) {
  const isNarrative = doc.kind === "country_narrative";
  // Every change steps the version, so a new version means the figures may have changed too.
  const loaded = useQuery({ ...queries.figures(doc.id, doc.version), enabled: isNarrative, placeholderData: keepPreviousData });
  if (!isNarrative) return null;
  const view = loaded.data;
  return (
    <section aria-labelledby="figures-heading" className="tip-panel" data-testid="figures-panel">
      <h2 id="figures-heading">Law-enforcement figures</h2>
      <p className="margin-top-0 text-base-dark">What the government reported for {doc.cycleYear - 1}; the report's regional and global tables sum these.</p>
      {loaded.isError ? <ErrorAlert error={loaded.error} heading="Could not load the figures" /> : null}
      {!view && loaded.isPending ? <p className="text-base-dark">Loading figures…</p> : null}
      {view ? <FiguresTable view={view} /> : null}
      {view?.youMayEdit && doc.youMayEdit ? <FiguresForm view={view} busy={busy} perform={perform} documentId={doc.id} /> : null}
    </section>
  );
}
