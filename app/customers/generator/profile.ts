import { featuresForTier } from "#app/content/product-features";
import { DEFAULT_COURSE_EFFECTS } from "./course-effects";

/** Knobs of the synthetic world; the planted effects are what the impact report should recover. */
export interface Effects {
  /** Extra adoption (percentage points of seats active) once an account is trained. */
  adoptionPoints: number;
  /** Relative increase of the monthly expansion probability once trained (20 = +20%). */
  expansionPct: number;
  /** Relative decrease of the monthly churn probability once trained (30 = −30%). */
  churnReductionPct: number;
  /**
   * How strongly training moves the other health signals and feature breadth (0 = not at all, 1 = fully:
   * +15 pp chance of using each feature, −30% support cases, NPS +1.2, more community and marketing).
   */
  healthSignals: number;
  /** Per course id: points of adoption of the course's own features once completed (course-effects.ts). */
  courseAdoption: Record<string, number>;
}
export const DEFAULT_EFFECTS: Effects = {
  adoptionPoints: 15,
  expansionPct: 60,
  churnReductionPct: 30,
  healthSignals: 1,
  courseAdoption: DEFAULT_COURSE_EFFECTS,
};
export const NO_EFFECTS: Effects = {
  adoptionPoints: 0,
  expansionPct: 0,
  churnReductionPct: 0,
  healthSignals: 0,
  courseAdoption: {},
};

export const SEGMENTS = [
  // Confounding: bigger accounts train more AND expand more, independently of training.
  {
    key: "smb",
    weight: 55,
    seats: [5, 30],
    trainProb: 0.3,
    baseAdoption: 0.33,
    expansionProb: 0.02,
    churnProb: 0.015,
    tiers: [
      ["Basic", 6],
      ["Pro", 3],
      ["Enterprise", 1],
    ],
  },
  {
    key: "mid_market",
    weight: 30,
    seats: [30, 150],
    trainProb: 0.5,
    baseAdoption: 0.42,
    expansionProb: 0.03,
    churnProb: 0.008,
    tiers: [
      ["Basic", 2],
      ["Pro", 6],
      ["Enterprise", 2],
    ],
  },
  {
    key: "enterprise",
    weight: 15,
    seats: [150, 600],
    trainProb: 0.7,
    baseAdoption: 0.55,
    expansionProb: 0.045,
    churnProb: 0.004,
    tiers: [
      ["Pro", 3],
      ["Enterprise", 7],
    ],
  },
] as const;

export const PRICE_PER_SEAT: Record<string, number> = { Basic: 15, Pro: 35, Enterprise: 60 };
export const INDUSTRIES = [
  "Manufacturing",
  "FinTech",
  "HealthTech",
  "Retail",
  "Logistics",
  "EdTech",
  "DevTools",
  "Media",
] as const;
export const COUNTRIES = ["US", "US", "US", "UK", "DE", "FR", "CA", "AU", "IN", "NL"] as const;
export const CSMS = ["Sam Success", "Riley Ops", "Jordan Lee", "Priya Nair", "Marco Rossi"] as const;

/** Expansion movement types and the product line each adds. */
export const EXPANSIONS = [
  ["seat_growth", "core", 40],
  ["upsell", "core-upgrade", 20],
  ["cross_sell", "insights", 15],
  ["add_on", "ai_assistant", 15],
  ["usage_growth", "usage", 10],
] as const;

export function tierFeatures(tier: string): string[] {
  return featuresForTier(tier);
}
