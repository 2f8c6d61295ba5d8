/** A tier recommendation's life: proposed by a drafter, then approved or rejected by a reviewer; a newer proposal supersedes it. */
export const TIER_RECOMMENDATION_STATUSES = ["proposed", "approved", "rejected", "superseded"] as const;
export type TierRecommendationStatus = (typeof TIER_RECOMMENDATION_STATUSES)[number];
