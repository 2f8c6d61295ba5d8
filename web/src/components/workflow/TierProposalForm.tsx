/** A drafter proposes this year's tier with its justification (a new proposal supersedes the earlier one). */
import { Button, Checkbox, Fieldset, Form, Label, Select, Textarea } from "@trussworks/react-uswds";
import { useId, useState, type FormEvent } from "react";
import { api, type DocumentDetail } from "../../api.ts";
import { TIERS, type TierCode } from "#shared/tiers.ts";
import type { Perform } from "./perform.ts";

export function TierProposalForm({ document: doc, busy, perform }: { document: DocumentDetail; busy: boolean; perform: Perform }) {
  const id = useId();
  const [tier, setTier] = useState<TierCode | "">("");
  const [justification, setJustification] = useState("");
  const [policyOrPattern, setPolicyOrPattern] = useState(false);
  const [waiverRequested, setWaiverRequested] = useState(false);
  const ready = tier !== "" && justification.trim() !== "";

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!ready) return;
    const flags = { ...(policyOrPattern ? { policyOrPattern } : {}), ...(waiverRequested ? { waiverRequested } : {}) };
    const ok = await perform((version) => api.proposeTier(doc.id, { version, tier, justification: justification.trim(), flags }));
    if (ok) {
      setTier("");
      setJustification("");
      setPolicyOrPattern(false);
      setWaiverRequested(false);
    }
  };

  return (
    <Form onSubmit={(e) => void submit(e)} large className="margin-top-2" aria-label="Propose a tier" data-testid="tier-proposal-form">
      <h3 className="margin-0 font-body-md">{doc.tierRecommendations.length > 0 ? "Propose a new tier" : "Propose a tier"}</h3>
      <Label htmlFor={`${id}-tier`} requiredMarker>
        Tier
      </Label>
      <Select id={`${id}-tier`} name="tier" required value={tier} onChange={(e) => setTier(e.target.value as TierCode | "")}>
        <option value="">- Select a tier -</option>
        {TIERS.map((t) => (
          <option key={t.code} value={t.code}>
            {t.label}
          </option>
        ))}
      </Select>
      <Label htmlFor={`${id}-justification`} requiredMarker>
        Justification
      </Label>
      <Textarea id={`${id}-justification`} name="justification" required maxLength={20000} value={justification} onChange={(e) => setJustification(e.target.value)} />
      <Fieldset legend="Flags" legendStyle="srOnly" className="margin-top-2">
        <Checkbox id={`${id}-policy`} name="policyOrPattern" label="Government policy or pattern of trafficking" checked={policyOrPattern} onChange={(e) => setPolicyOrPattern(e.target.checked)} />
        <Checkbox id={`${id}-waiver`} name="waiverRequested" label="Waiver requested" checked={waiverRequested} onChange={(e) => setWaiverRequested(e.target.checked)} />
      </Fieldset>
      <Button type="submit" className="margin-top-2" disabled={busy || !ready}>
        Propose tier
      </Button>
    </Form>
  );
}
