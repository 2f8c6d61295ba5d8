/**
 * A drafter proposes this year's tier with its justification (a new proposal supersedes the
 * earlier one). The statute's rules run as the drafter chooses, with the same code the server uses.
 */
import { Button, Checkbox, Fieldset, Form, Label, Select, Textarea, TextInput } from "@trussworks/react-uswds";
import { useId, useMemo, useState, type FormEvent } from "react";
import { api, type DocumentDetail } from "../../api.ts";
import { evaluateTierPlacement } from "#shared/tier-rules.ts";
import { TIERS, type TierCode } from "#shared/tiers.ts";
import { StatuteFindings } from "./StatuteFindings.tsx";
import { TierSituation } from "./TierSituation.tsx";
import type { Perform } from "../workflow/perform.ts";

export function TierProposalForm({ document: doc, busy, perform }: { document: DocumentDetail; busy: boolean; perform: Perform }) {
  const id = useId();
  const [tier, setTier] = useState<TierCode | "">("");
  const [justification, setJustification] = useState("");
  const [policyOrPattern, setPolicyOrPattern] = useState(false);
  const [waiverRequested, setWaiverRequested] = useState(false);
  const [waiverPlanReference, setWaiverPlanReference] = useState("");
  const rules = doc.tierRules;
  const flags = {
    ...(policyOrPattern ? { policyOrPattern } : {}),
    ...(waiverRequested ? { waiverRequested, ...(waiverPlanReference.trim() ? { waiverPlanReference: waiverPlanReference.trim() } : {}) } : {}),
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: `flags` is rebuilt every render from these three values
  const outcome = useMemo(
    () => (rules && tier ? evaluateTierPlacement(rules.history, rules.year, tier, flags) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- flags is rebuilt from these each render
    [rules, tier, policyOrPattern, waiverRequested, waiverPlanReference],
  );
  const ready = tier !== "" && justification.trim() !== "" && (outcome?.allowed ?? true);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!ready) return;
    const ok = await perform((version) => api.proposeTier(doc.id, { version, tier, justification: justification.trim(), flags }));
    if (ok) {
      setTier("");
      setJustification("");
      setPolicyOrPattern(false);
      setWaiverRequested(false);
      setWaiverPlanReference("");
    }
  };

  return (
    <Form onSubmit={(e) => void submit(e)} large className="margin-top-2" aria-label="Propose a tier" data-testid="tier-proposal-form">
      <h3 className="margin-0 font-body-md">{doc.tierRecommendations.length > 0 ? "Propose a new tier" : "Propose a tier"}</h3>
      {rules ? <TierSituation rules={rules} /> : null}
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
      <Fieldset legend="Flags" legendStyle="srOnly" className="margin-top-2">
        <Checkbox
          id={`${id}-policy`}
          name="policyOrPattern"
          label="Government policy or pattern of trafficking"
          checked={policyOrPattern}
          onChange={(e) => setPolicyOrPattern(e.target.checked)}
        />
        <Checkbox
          id={`${id}-waiver`}
          name="waiverRequested"
          label="Request the one-time waiver of the automatic downgrade"
          checked={waiverRequested}
          onChange={(e) => setWaiverRequested(e.target.checked)}
        />
      </Fieldset>
      {waiverRequested ? (
        <>
          <Label htmlFor={`${id}-plan`} requiredMarker>
            The government's written plan (reference)
          </Label>
          <TextInput
            id={`${id}-plan`}
            name="waiverPlanReference"
            type="text"
            maxLength={500}
            value={waiverPlanReference}
            onChange={(e) => setWaiverPlanReference(e.target.value)}
          />
        </>
      ) : null}
      {outcome ? <StatuteFindings outcome={outcome} /> : null}
      <Label htmlFor={`${id}-justification`} requiredMarker>
        Justification
      </Label>
      <Textarea
        id={`${id}-justification`}
        name="justification"
        required
        maxLength={20000}
        value={justification}
        onChange={(e) => setJustification(e.target.value)}
      />
      <Button type="submit" className="margin-top-2" disabled={busy || !ready}>
        Propose tier
      </Button>
    </Form>
  );
}
