/**
 * Health score: five inputs, each turned into a 0–100 sub-score, combined with admin-editable weights
 * (app/analytics/health-weights.server.ts keeps the versions). Pure: the same function scores the
 * report, the account page and the CLI.
 */
export const HEALTH_INPUTS = [
  { key: "usage", label: "Product usage", help: "Average of seat utilization (capped at 100%) and feature breadth in the month." },
  { key: "support", label: "Support cases", help: "100 with no support cases; each case per 10 seats in the month costs 25 points, escalated cases count twice; not below 0." },
  { key: "feedback", label: "Customer feedback", help: "Average NPS (0–10, ×10) and CSAT (1–5, mapped to 0–100) answers in the month; no answers = no data." },
  { key: "community", label: "Community participation", help: "20 points per community activity (post, answer, event) in the month, up to 100." },
  { key: "marketing", label: "Marketing engagement", help: "10 points per marketing engagement (email, webinar, event) in the month, up to 100." },
] as const;

export type HealthInput = (typeof HEALTH_INPUTS)[number]["key"];
export type HealthWeights = Record<HealthInput, number>;
export type HealthBand = "red" | "yellow" | "green";

export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = { usage: 40, support: 20, feedback: 20, community: 10, marketing: 10 };

export interface HealthInputs {
  seats: number;
  activeUsers: number;
  featuresUsed: number;
  featuresPurchased: number;
  ticketsOpened: number;
  ticketsEscalated: number;
  feedbackScore: number | null;
  communityCount: number;
  marketingCount: number;
}

export interface HealthResult {
  score: number | null;
  band: HealthBand | null;
  /** Sub-score (0–100, null = no data) and the share of the final score's weight each input received. */
  breakdown: Record<HealthInput, { score: number | null; weight: number }>;
}

/** Each input's 0–100 sub-score, or null when the month has no data for it. */
export function healthSubScores(i: HealthInputs): Record<HealthInput, number | null> {
  const parts: number[] = [];
  if (i.seats > 0) parts.push(Math.min(100, (i.activeUsers / i.seats) * 100));
  if (i.featuresPurchased > 0) parts.push((Math.min(i.featuresUsed, i.featuresPurchased) / i.featuresPurchased) * 100);
  const perTenSeats = Math.max(1, i.seats / 10);
  return {
    usage: parts.length ? parts.reduce((s, v) => s + v, 0) / parts.length : null,
    support: Math.max(0, 100 - (25 * (i.ticketsOpened + i.ticketsEscalated)) / perTenSeats),
    feedback: i.feedbackScore === null ? null : Math.max(0, Math.min(100, i.feedbackScore)),
    community: Math.min(100, 20 * i.communityCount),
    marketing: Math.min(100, 10 * i.marketingCount),
  };
}

/**
 * Weighted average (0–100) of five inputs for the month: product usage, support cases, customer feedback, community participation and marketing engagement. Inputs without data that month are left out and the remaining weights rescaled. Red below 40, yellow 40–69, green 70 and above.
 */
export function healthScore(inputs: HealthInputs, weights: HealthWeights = DEFAULT_HEALTH_WEIGHTS): HealthResult {
  const sub = healthSubScores(inputs);
  let weightSum = 0;
  let total = 0;
  for (const { key } of HEALTH_INPUTS) {
    const s = sub[key];
    const w = Math.max(0, weights[key] ?? 0);
    if (s === null || w === 0) continue;
    weightSum += w;
    total += w * s;
  }
  const score = weightSum > 0 ? Math.round((total / weightSum) * 10) / 10 : null;
  const breakdown = {} as HealthResult["breakdown"];
  for (const { key } of HEALTH_INPUTS) {
    const s = sub[key];
    const w = Math.max(0, weights[key] ?? 0);
    breakdown[key] = { score: s === null ? null : Math.round(s * 10) / 10, weight: s === null || weightSum === 0 ? 0 : w / weightSum };
  }
  return { score, band: score === null ? null : healthBand(score), breakdown };
}

/** red < 40 ≤ yellow < 70 ≤ green. */
export function healthBand(score: number): HealthBand {
  if (score < 40) return "red";
  if (score < 70) return "yellow";
  return "green";
}
