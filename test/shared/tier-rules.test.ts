import { describe, expect, it } from "vitest";
import {
  evaluateTierPlacement,
  firstTierError,
  TIER_RULES,
  waiverStatus,
  type TierHistoryYear,
  type TierProposalFlags,
  type TierRuleClause,
} from "#shared/tier-rules.ts";
import type { TierCode } from "#shared/tiers.ts";

/** History fixture: "2021 tier2wl, 2022 tier2wl*" where * marks the waiver year. */
function history(spec: string): TierHistoryYear[] {
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [year, tier] = entry.split(" ") as [string, string];
      return { year: Number(year), tier: tier.replace("*", "") as TierCode, waiverUsed: tier.endsWith("*") };
    });
}

interface Case {
  name: string;
  history: string;
  year: number;
  tier: TierCode;
  flags?: TierProposalFlags;
  allowed: boolean;
  /** The clause of the first error, or of the warning expected when allowed. */
  clause?: TierRuleClause;
  requiredTier?: TierCode | null;
  allowedTiers?: TierCode[];
}

const PLAN = { waiverRequested: true, waiverPlanReference: "Written plan of 2025-02-10, cable 25 STATE 1234" };

const cases: Case[] = [
  // Automatic downgrade after two consecutive Watch List years
  {
    name: "automatic downgrade: third consecutive Watch List year is refused, Tier 3 required",
    history: "2023 tier2wl, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    allowed: false,
    clause: "automatic_downgrade",
    requiredTier: "tier3",
  },
  {
    name: "automatic downgrade: Tier 3 in the third year is allowed",
    history: "2023 tier2wl, 2024 tier2wl",
    year: 2025,
    tier: "tier3",
    allowed: true,
    requiredTier: null,
  },
  {
    name: "automatic downgrade: going up to Tier 2 in the third year is allowed",
    history: "2023 tier2wl, 2024 tier2wl",
    year: 2025,
    tier: "tier2",
    allowed: true,
  },
  {
    name: "automatic downgrade boundary: one Watch List year before is not yet two",
    history: "2023 tier2, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    allowed: true,
    clause: "automatic_downgrade",
  },
  {
    name: "automatic downgrade boundary: Watch List years that are not consecutive do not count",
    history: "2022 tier2wl, 2023 tier2, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    allowed: true,
    clause: "automatic_downgrade",
    requiredTier: null,
  },
  {
    name: "automatic downgrade boundary: the count runs up to the year before, not an older streak",
    history: "2020 tier2wl, 2021 tier2wl, 2022 tier3, 2023 tier2, 2024 tier2",
    year: 2025,
    tier: "tier2wl",
    allowed: true,
  },
  {
    name: "automatic downgrade boundary: later history than the proposed year is ignored",
    history: "2023 tier2wl, 2024 tier2wl, 2025 tier2wl",
    year: 2024,
    tier: "tier2wl",
    allowed: true,
    clause: "automatic_downgrade",
  },
  // Waiver: only once, only in that third year, on a written plan
  {
    name: "waiver: in the third year with a written plan keeps the Watch List",
    history: "2023 tier2wl, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    flags: PLAN,
    allowed: true,
    clause: "waiver_only_once",
  },
  {
    name: "waiver: without a written plan is refused",
    history: "2023 tier2wl, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    flags: { waiverRequested: true },
    allowed: false,
    clause: "waiver_only_once",
  },
  {
    name: "waiver only once: a second waiver is refused and Tier 3 is required",
    history: "2016 tier2wl, 2017 tier2wl, 2018 tier2wl*, 2019 tier2, 2023 tier2wl, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    flags: PLAN,
    allowed: false,
    clause: "automatic_downgrade",
    requiredTier: "tier3",
  },
  {
    name: "waiver only in the third year: the second Watch List year cannot use it",
    history: "2023 tier2, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    flags: PLAN,
    allowed: false,
    clause: "waiver_only_once",
  },
  {
    name: "waiver only in the third year: a fourth year (history without the waiver flag) cannot use it",
    history: "2022 tier2wl, 2023 tier2wl, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    flags: PLAN,
    allowed: false,
    clause: "automatic_downgrade",
    requiredTier: "tier3",
  },
  {
    name: "waiver: requested for a tier that needs none is refused",
    history: "2023 tier2wl, 2024 tier2wl",
    year: 2025,
    tier: "tier2",
    flags: PLAN,
    allowed: false,
    clause: "waiver_only_once",
  },
  // The year after a waiver: up to Tier 2 or down to Tier 3
  {
    name: "year after waiver: Watch List again is refused",
    history: "2022 tier2wl, 2023 tier2wl, 2024 tier2wl*",
    year: 2025,
    tier: "tier2wl",
    allowed: false,
    clause: "year_after_waiver",
    allowedTiers: ["tier2", "tier3", "special_case"],
  },
  { name: "year after waiver: Tier 2 is allowed", history: "2022 tier2wl, 2023 tier2wl, 2024 tier2wl*", year: 2025, tier: "tier2", allowed: true },
  { name: "year after waiver: Tier 3 is allowed", history: "2022 tier2wl, 2023 tier2wl, 2024 tier2wl*", year: 2025, tier: "tier3", allowed: true },
  {
    name: "year after waiver: Tier 1 is not 'up to Tier 2'",
    history: "2022 tier2wl, 2023 tier2wl, 2024 tier2wl*",
    year: 2025,
    tier: "tier1",
    allowed: false,
    clause: "year_after_waiver",
  },
  {
    name: "year after waiver boundary: two years after, the rule no longer applies",
    history: "2021 tier2wl, 2022 tier2wl, 2023 tier2wl*, 2024 tier2",
    year: 2025,
    tier: "tier2wl",
    allowed: true,
  },
  // One year on the Watch List after waiver-then-downgrade
  {
    name: "one year after waiver and downgrade: the first Watch List year is allowed",
    history: "2020 tier2wl, 2021 tier2wl, 2022 tier2wl*, 2023 tier3, 2024 tier3",
    year: 2025,
    tier: "tier2wl",
    allowed: true,
    clause: "one_year_after_waiver_and_downgrade",
  },
  {
    name: "one year after waiver and downgrade: a second Watch List year is refused",
    history: "2019 tier2wl, 2020 tier2wl, 2021 tier2wl*, 2022 tier3, 2023 tier3, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    allowed: false,
    clause: "one_year_after_waiver_and_downgrade",
    requiredTier: "tier3",
  },
  {
    name: "one year after waiver and downgrade: no second waiver rescues it",
    history: "2019 tier2wl, 2020 tier2wl, 2021 tier2wl*, 2022 tier3, 2023 tier3, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    flags: PLAN,
    allowed: false,
    clause: "one_year_after_waiver_and_downgrade",
  },
  {
    name: "one year after waiver and downgrade boundary: a waiver never followed by Tier 3 keeps the usual two years",
    history: "2018 tier2wl, 2019 tier2wl, 2020 tier2wl*, 2021 tier2, 2022 tier2, 2023 tier2, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    allowed: true,
    clause: "automatic_downgrade",
  },
  // Policy or pattern points to Tier 3
  {
    name: "policy or pattern: Tier 2 is refused, Tier 3 required",
    history: "2024 tier2",
    year: 2025,
    tier: "tier2",
    flags: { policyOrPattern: true },
    allowed: false,
    clause: "policy_or_pattern",
    requiredTier: "tier3",
  },
  {
    name: "policy or pattern: Tier 2 Watch List is refused too",
    history: "2024 tier3",
    year: 2025,
    tier: "tier2wl",
    flags: { policyOrPattern: true },
    allowed: false,
    clause: "policy_or_pattern",
    requiredTier: "tier3",
  },
  {
    name: "policy or pattern: Tier 3 is allowed",
    history: "2024 tier3",
    year: 2025,
    tier: "tier3",
    flags: { policyOrPattern: true },
    allowed: true,
    allowedTiers: ["tier3", "special_case"],
  },
  // Special Case is not a tier
  {
    name: "special case: allowed, with the note that it is not a tier",
    history: "2024 tier3",
    year: 2025,
    tier: "special_case",
    allowed: true,
    clause: "special_case_not_a_tier",
  },
  {
    name: "special case: a Special Case year breaks a Watch List run",
    history: "2022 tier2wl, 2023 special_case, 2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    allowed: true,
    clause: "automatic_downgrade",
    requiredTier: null,
  },
  {
    name: "special case: cannot carry a waiver",
    history: "2023 tier2wl, 2024 tier2wl",
    year: 2025,
    tier: "special_case",
    flags: PLAN,
    allowed: false,
    clause: "waiver_only_once",
  },
  // History that cannot tell
  {
    name: "history incomplete: no placement for the year before is a warning, not a refusal",
    history: "2022 tier2wl",
    year: 2025,
    tier: "tier2wl",
    allowed: true,
    clause: "history_incomplete",
  },
  {
    name: "history incomplete: a Watch List year before an unrecorded one is flagged",
    history: "2024 tier2wl",
    year: 2025,
    tier: "tier2wl",
    allowed: true,
    clause: "history_incomplete",
  },
];

describe("evaluateTierPlacement (TVPA rules as the 2024 Methodology states them)", () => {
  it.each(cases)("$name", (c) => {
    const outcome = evaluateTierPlacement(history(c.history), c.year, c.tier, c.flags);
    expect(outcome.allowed).toBe(c.allowed);
    if (c.clause) {
      const clause = c.allowed ? outcome.findings.find((f) => f.clause === c.clause)?.clause : firstTierError(outcome)?.clause;
      expect(clause).toBe(c.clause);
    }
    if (!c.allowed) expect(firstTierError(outcome)!.rule).toBe(TIER_RULES[firstTierError(outcome)!.clause]);
    if (c.requiredTier !== undefined) expect(outcome.requiredTier).toBe(c.requiredTier);
    if (c.allowedTiers) expect(outcome.allowedTiers).toEqual(c.allowedTiers);
    if (!c.clause && c.allowed) expect(outcome.findings.filter((f) => f.clause !== "history_incomplete")).toEqual([]);
  });

  it("quotes the Methodology's wording for the automatic downgrade", () => {
    const error = firstTierError(evaluateTierPlacement(history("2023 tier2wl, 2024 tier2wl"), 2025, "tier2wl"))!;
    expect(error.rule).toContain("ranked Tier 2 Watch List for two consecutive years");
    expect(error.message).toContain("2023 and 2024");
    expect(error.message).toContain("still available");
  });

  it("marks a placement that uses the waiver, so the history can record it", () => {
    expect(evaluateTierPlacement(history("2023 tier2wl, 2024 tier2wl"), 2025, "tier2wl", PLAN).usesWaiver).toBe(true);
    expect(evaluateTierPlacement(history("2023 tier2wl, 2024 tier2wl"), 2025, "tier3").usesWaiver).toBe(false);
  });
});

describe("waiverStatus", () => {
  it.each([
    { name: "available in the third Watch List year", history: "2023 tier2wl, 2024 tier2wl", available: true },
    { name: "not available before the third year", history: "2024 tier2wl", available: false },
    { name: "not available once used", history: "2018 tier2wl*, 2023 tier2wl, 2024 tier2wl", available: false },
    { name: "not available in a fourth year", history: "2022 tier2wl, 2023 tier2wl, 2024 tier2wl", available: false },
  ])("$name", (c) => {
    expect(waiverStatus(history(c.history), 2025).available).toBe(c.available);
  });
});
