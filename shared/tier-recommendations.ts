/**
 * A tier recommendation's life: proposed by a drafter, approved or rejected by a reviewer, fixed
 * (`final`) by leadership at final clearance; a newer proposal supersedes it.
 */
export const TIER_RECOMMENDATION_STATUSES = ["proposed", "approved", "rejected", "superseded", "final"] as const;
export type TierRecommendationStatus = (typeof TIER_RECOMMENDATION_STATUSES)[number];

/** Where a tier-history row came from. */
export const TIER_HISTORY_SOURCES = ["report", "import", "release"] as const;
export type TierHistorySource = (typeof TIER_HISTORY_SOURCES)[number];
