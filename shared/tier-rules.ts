/**
 * The statute's rules on tier placement (TVPA, as the Methodology section of the 2024 report states
 * them), checked against a country's tier history. Pure: the worker refuses a proposal or decision
 * that breaks a rule, and the web form shows the same outcome while the drafter is still choosing.
 */
import { tierLabel, type TierCode } from "./tiers.ts";

/** The Methodology's own words, quoted in every finding so a refusal can be checked against the report. */
export const TIER_RULES = {
  automatic_downgrade:
    "Any country that has been ranked Tier 2 Watch List for two consecutive years and that would otherwise be ranked Tier 2 Watch List for the next year will instead be ranked Tier 3 in that third year.",
  waiver_only_once:
    "The Secretary of State is authorized to waive the automatic downgrade only once, in that third year, based on credible evidence that a waiver is justified because the government has a written plan that, if implemented, would constitute making significant efforts to meet the TVPA's minimum standards for the elimination of trafficking and is devoting sufficient resources to implement the plan.",
  year_after_waiver: "The following year, a country must either go up to Tier 2 or down to Tier 3.",
  one_year_after_waiver_and_downgrade:
    "The TVPA limits a country to one year on Tier 2 Watch List after that country received a waiver to stay on Tier 2 Watch List and was subsequently downgraded to Tier 3.",
  policy_or_pattern:
    "The TVPA directs the Secretary of State to consider, as proof of a country's failure to make significant efforts to fully meet the TVPA's minimum standards, a government policy or pattern of: human trafficking; human trafficking in government-funded programs; forced labor (in government-affiliated medical services, agriculture, forestry, mining, construction, or other sectors); sexual slavery in government camps, compounds, or outposts; or employing or recruiting child soldiers.",
  special_case_not_a_tier:
    "Special Case: countries the report does not rank. A Special Case year is not a tier placement: it neither counts toward nor continues a run of Tier 2 Watch List years.",
  history_incomplete: "The automatic downgrade and the waiver depend on the placements of the two previous years.",
} as const;

export type TierRuleClause = keyof typeof TIER_RULES;

export interface TierHistoryYear {
  year: number;
  tier: TierCode;
  /** The Secretary waived the automatic downgrade that year. */
  waiverUsed: boolean;
}

export interface TierProposalFlags {
  /** The narrative documents a government policy or pattern of trafficking. */
  policyOrPattern?: boolean | undefined;
  /** The drafter asks the Secretary to waive the automatic downgrade. */
  waiverRequested?: boolean | undefined;
  /** Where the government's written plan is (a waiver rests on it). */
  waiverPlanReference?: string | undefined;
}

export interface TierFinding {
  clause: TierRuleClause;
  severity: "error" | "warning";
  message: string;
  rule: string;
}

export interface WaiverStatus {
  available: boolean;
  /** Why it is or is not available, in one sentence. */
  reason: string;
}

export interface TierOutcome {
  /** No error: the tier may be proposed, approved or fixed as asked. */
  allowed: boolean;
  /** The tier the statute requires, when it requires one. */
  requiredTier: TierCode | null;
  /** The tiers the statute leaves open for this year. */
  allowedTiers: TierCode[];
  /** Consecutive Tier 2 Watch List years right before this one. */
  watchListYears: number;
  waiver: WaiverStatus;
  /** Whether the placement, if fixed, uses the one-time waiver. */
  usesWaiver: boolean;
  findings: TierFinding[];
}

const RANKED: TierCode[] = ["tier1", "tier2", "tier2wl", "tier3"];

function finding(clause: TierRuleClause, severity: TierFinding["severity"], message: string): TierFinding {
  return { clause, severity, message, rule: TIER_RULES[clause] };
}

/** What the statute says about the placements open to a country in `year`, before any tier is chosen. */
export function tierSituation(history: readonly TierHistoryYear[], year: number) {
  const byYear = new Map(history.filter((h) => h.year < year).map((h) => [h.year, h]));
  let watchListYears = 0;
  while (byYear.get(year - 1 - watchListYears)?.tier === "tier2wl") watchListYears++;
  const earlier = [...byYear.values()].sort((a, b) => a.year - b.year);
  const waiverYear = earlier.find((h) => h.waiverUsed)?.year ?? null;
  // "received a waiver ... and was subsequently downgraded to Tier 3"
  const downgradedAfterWaiver = waiverYear !== null && earlier.some((h) => h.year > waiverYear && h.tier === "tier3");
  const previous = byYear.get(year - 1);
  const missing = [year - 1, year - 2].filter((y) => !byYear.has(y) && (y === year - 1 || watchListYears > 0));
  const watchListLimit = downgradedAfterWaiver ? 1 : 2;
  return {
    watchListYears,
    waiverYear,
    downgradedAfterWaiver,
    yearAfterWaiver: previous?.waiverUsed === true,
    missingYears: missing,
    /** Watch List years allowed in a row before the next would be automatic Tier 3. */
    watchListLimit,
    watchListClosed: watchListYears >= watchListLimit,
  };
}

type TierSituation = ReturnType<typeof tierSituation>;

function waiverOf(s: TierSituation, year: number): WaiverStatus {
  if (s.waiverYear !== null) return { available: false, reason: `The one-time waiver was used in ${s.waiverYear}.` };
  if (s.watchListYears < 2) return { available: false, reason: "No automatic downgrade applies this year, so there is nothing to waive." };
  if (s.watchListYears > 2)
    return { available: false, reason: `Only in the third year: the country has been on the Watch List ${s.watchListYears} years running.` };
  return { available: true, reason: `Available once: ${year} is the third consecutive Watch List year and no waiver has been used.` };
}

export function waiverStatus(history: readonly TierHistoryYear[], year: number): WaiverStatus {
  return waiverOf(tierSituation(history, year), year);
}

/** The statute's outcome for placing a country with this history at `tier` in `year`. */
export function evaluateTierPlacement(history: readonly TierHistoryYear[], year: number, tier: TierCode, flags: TierProposalFlags = {}): TierOutcome {
  const s = tierSituation(history, year);
  const waiver = waiverOf(s, year);
  const findings: TierFinding[] = [];
  let allowedTiers: TierCode[] = [...RANKED, "special_case"];
  let requiredTier: TierCode | null = null;
  let usesWaiver = false;
  const narrow = (to: TierCode[]) => {
    allowedTiers = allowedTiers.filter((t) => to.includes(t));
  };

  if (s.missingYears.length > 0) {
    findings.push(
      finding(
        "history_incomplete",
        "warning",
        `No placement is recorded for ${s.missingYears.join(" or ")}: the Watch List count may be short. Import the earlier years' tiers to be sure.`,
      ),
    );
  }

  if (tier === "special_case") {
    findings.push(
      finding("special_case_not_a_tier", "warning", "Special Case is not a tier: the country is not ranked this year. Give the reason in the justification."),
    );
    if (flags.waiverRequested)
      findings.push(
        finding("waiver_only_once", "error", "A waiver keeps a country on the Watch List; a Special Case is not ranked, so there is nothing to waive."),
      );
  }

  if (s.yearAfterWaiver) {
    narrow(["tier2", "tier3", "special_case"]);
    if (tier === "tier1" || tier === "tier2wl") {
      findings.push(
        finding(
          "year_after_waiver",
          "error",
          `The automatic downgrade was waived in ${year - 1}: this year the country must go up to Tier 2 or down to Tier 3.`,
        ),
      );
    }
  } else if (s.watchListClosed) {
    const limitClause = s.downgradedAfterWaiver ? "one_year_after_waiver_and_downgrade" : "automatic_downgrade";
    const canWaive = !s.downgradedAfterWaiver && waiver.available;
    if (!canWaive) narrow(["tier1", "tier2", "tier3", "special_case"]);
    if (tier === "tier2wl") {
      if (canWaive && flags.waiverRequested) {
        usesWaiver = true;
        if (!flags.waiverPlanReference?.trim()) {
          findings.push(finding("waiver_only_once", "error", "A waiver rests on the government's written plan: reference the plan."));
        } else {
          findings.push(
            finding("waiver_only_once", "warning", `This uses the one-time waiver; in ${year + 1} the country must go up to Tier 2 or down to Tier 3.`),
          );
        }
      } else {
        requiredTier = "tier3";
        const why = s.downgradedAfterWaiver
          ? `After its waiver (${s.waiverYear}) and later downgrade to Tier 3, the country may spend only one year on the Watch List, and ${year - 1} was that year`
          : `The country was on the Watch List in ${year - 2} and ${year - 1}`;
        const waiverNote = canWaive
          ? " unless the one-time waiver is requested (it is still available)"
          : ` (${waiver.reason.replace(/\.$/, "")}; no waiver is possible)`;
        findings.push(finding(limitClause, "error", `${why}: a third Watch List placement is automatically Tier 3${waiverNote}.`));
      }
    }
  } else if (tier === "tier2wl" && s.watchListYears + 1 >= s.watchListLimit) {
    const next = s.downgradedAfterWaiver
      ? "This is the one Watch List year allowed after the waiver and downgrade"
      : `This is the second consecutive Watch List year`;
    findings.push(
      finding(
        s.downgradedAfterWaiver ? "one_year_after_waiver_and_downgrade" : "automatic_downgrade",
        "warning",
        `${next}: in ${year + 1} the country cannot stay on the Watch List without the automatic downgrade.`,
      ),
    );
  }

  if (flags.waiverRequested && !usesWaiver && tier !== "special_case") {
    findings.push(
      finding(
        "waiver_only_once",
        "error",
        tier === "tier2wl"
          ? `The waiver is not available: ${waiver.reason}`
          : `A waiver only keeps a country on the Tier 2 Watch List; ${tierLabel(tier)} needs none.`,
      ),
    );
  }

  if (flags.policyOrPattern) {
    narrow(["tier3", "special_case"]);
    if (tier === "tier1" || tier === "tier2" || tier === "tier2wl") {
      requiredTier = "tier3";
      findings.push(
        finding(
          "policy_or_pattern",
          "error",
          "A government policy or pattern of trafficking is proof of failing to make significant efforts: the country belongs on Tier 3.",
        ),
      );
    }
  }

  const allowed = !findings.some((f) => f.severity === "error");
  return { allowed, requiredTier, allowedTiers, watchListYears: s.watchListYears, waiver, usesWaiver, findings };
}

/** The first error, for a one-line refusal that names the clause. */
export function firstTierError(outcome: TierOutcome): TierFinding | undefined {
  return outcome.findings.find((f) => f.severity === "error");
}
