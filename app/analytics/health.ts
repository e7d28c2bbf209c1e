/**
 * Health score: five inputs, each turned into a 0–100 sub-score, combined with admin-editable weights
 * (app/analytics/health-weights.server.ts keeps the versions). Pure: the same function scores the
 * report, the account page and the CLI.
 */
import { HEALTH_CARRY_FORWARD_MONTHS } from "./definitions";
import { monthsBetween } from "./months";

export { HEALTH_CARRY_FORWARD_MONTHS };

export const HEALTH_INPUTS = [
  {
    key: "usage",
    label: "Product usage",
    help: "Average of seat utilization (capped at 100%) and feature breadth in the month.",
  },
  {
    key: "support",
    label: "Support cases",
    help: "100 with no support cases; each case per 10 seats in the month costs 25 points, escalated cases count twice; not below 0.",
  },
  {
    key: "feedback",
    label: "Customer feedback",
    help: "Average NPS (0–10, ×10) and CSAT (1–5, mapped to 0–100) answers in the month; no answers = no data.",
  },
  {
    key: "community",
    label: "Community participation",
    help: "20 points per community activity (post, answer, event) in the month, up to 100.",
  },
  {
    key: "marketing",
    label: "Marketing engagement",
    help: "10 points per marketing engagement (email, webinar, event) in the month, up to 100.",
  },
] as const;

export type HealthInput = (typeof HEALTH_INPUTS)[number]["key"];
export type HealthWeights = Record<HealthInput, number>;
export type HealthBand = "red" | "yellow" | "green";

export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = {
  usage: 40,
  support: 20,
  feedback: 20,
  community: 10,
  marketing: 10,
};

/**
 * One month's inputs. null = the source has no data for that month (outside its coverage, see
 * ./coverage/sources.ts): the input is unobserved, which is not the same as 0.
 */
export interface HealthInputs {
  seats: number;
  activeUsers: number | null;
  featuresUsed: number | null;
  featuresPurchased: number;
  ticketsOpened: number | null;
  ticketsEscalated: number | null;
  feedbackScore: number | null;
  communityCount: number | null;
  marketingCount: number | null;
}

export interface HealthResult {
  score: number | null;
  band: HealthBand | null;
  /**
   * Sub-score (0–100, null = no data), the share of the final score's weight each input received and,
   * when known, the month the sub-score was observed in (earlier than the scored month when carried forward).
   */
  breakdown: Record<HealthInput, { score: number | null; weight: number; asOf?: string | null }>;
  /** The newest month whose data the score uses (set by healthOverMonths). */
  asOf?: string | null;
}

/** Each input's 0–100 sub-score, or null when the month has no data for it. */
export function healthSubScores(i: HealthInputs): Record<HealthInput, number | null> {
  const parts: number[] = [];
  if (i.activeUsers !== null && i.seats > 0) parts.push(Math.min(100, (i.activeUsers / i.seats) * 100));
  if (i.featuresUsed !== null && i.featuresPurchased > 0)
    parts.push((Math.min(i.featuresUsed, i.featuresPurchased) / i.featuresPurchased) * 100);
  const perTenSeats = Math.max(1, i.seats / 10);
  return {
    usage: parts.length ? parts.reduce((s, v) => s + v, 0) / parts.length : null,
    support:
      i.ticketsOpened === null
        ? null
        : Math.max(0, 100 - (25 * (i.ticketsOpened + (i.ticketsEscalated ?? 0))) / perTenSeats),
    feedback: i.feedbackScore === null ? null : Math.max(0, Math.min(100, i.feedbackScore)),
    community: i.communityCount === null ? null : Math.min(100, 20 * i.communityCount),
    marketing: i.marketingCount === null ? null : Math.min(100, 10 * i.marketingCount),
  };
}

/**
 * Weighted average (0–100) of five inputs for the month: product usage, support cases, customer feedback, community participation and marketing engagement. An input whose source has no data that month keeps its last observed value for up to 2 months (shown with the month it is as of); inputs still without data are left out and the remaining weights rescaled. Red below 40, yellow 40–69, green 70 and above.
 * This function scores one month's inputs as they are; healthOverMonths adds the carry-forward.
 */
export function healthScore(inputs: HealthInputs, weights: HealthWeights = DEFAULT_HEALTH_WEIGHTS): HealthResult {
  return combineSubScores(healthSubScores(inputs), weights);
}

function combineSubScores(sub: Record<HealthInput, number | null>, weights: HealthWeights): HealthResult {
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
    breakdown[key] = {
      score: s === null ? null : Math.round(s * 10) / 10,
      weight: s === null || weightSum === 0 ? 0 : w / weightSum,
    };
  }
  return { score, band: score === null ? null : healthBand(score), breakdown };
}

/**
 * Health for each month of a run of consecutive months (oldest first): an input without data in a month
 * takes its last observed sub-score from at most HEALTH_CARRY_FORWARD_MONTHS months before (see
 * DEFINITIONS.healthScore), and each result says which month each input, and the score, is as of.
 */
export function healthOverMonths(
  months: readonly { month: string; inputs: HealthInputs }[],
  weights: HealthWeights = DEFAULT_HEALTH_WEIGHTS,
  carryMonths = HEALTH_CARRY_FORWARD_MONTHS,
): HealthResult[] {
  const last = {} as Record<HealthInput, { score: number; month: string } | undefined>;
  return months.map(({ month, inputs }) => {
    const observed = healthSubScores(inputs);
    const sub = {} as Record<HealthInput, number | null>;
    const asOf = {} as Record<HealthInput, string | null>;
    for (const { key } of HEALTH_INPUTS) {
      const v = observed[key];
      if (v !== null) last[key] = { score: v, month };
      const l = last[key];
      const usable = l !== undefined && monthsBetween(l.month, month) <= carryMonths;
      sub[key] = usable ? l.score : null;
      asOf[key] = usable ? l.month : null;
    }
    const result = combineSubScores(sub, weights);
    let newest: string | null = null;
    for (const { key } of HEALTH_INPUTS) {
      result.breakdown[key].asOf = asOf[key];
      const m = asOf[key];
      if (m !== null && result.breakdown[key].weight > 0 && (newest === null || m > newest)) newest = m;
    }
    result.asOf = newest;
    return result;
  });
}

/** red < 40 ≤ yellow < 70 ≤ green. */
export function healthBand(score: number): HealthBand {
  if (score < 40) return "red";
  if (score < 70) return "yellow";
  return "green";
}
