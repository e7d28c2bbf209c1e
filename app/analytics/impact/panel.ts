/**
 * The account × month panel the training-impact design runs on: one row of outcomes per account and
 * calendar month, NaN where the month is not observed (never 0 for "no data"), and the month each
 * account was trained (its first completion under the chosen definition). Built by the same pure code
 * from the account_month rollup (the report) and from simulated accounts (the validation harness).
 */
import { healthScore, type HealthWeights } from "../health";
import { seatUtilization, featureBreadth } from "../metrics";
import { monthsBetween } from "../months";

export interface PanelMonthRow {
  month: string;
  revenueMrr: number;
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

export interface PanelAccount {
  id: string;
  segment: string;
  csm: string;
  /** Month index (into Panel.months) of training; negative = trained before the panel starts; null = not trained. */
  trained: number | null;
  /** MRR at the start of each month; 0 before the first and after the last subscription (known from the lines). */
  mrr: Float64Array;
  /** Seat utilization, feature breadth and health score per month; NaN = not observed. */
  utilization: Float64Array;
  breadth: Float64Array;
  health: Float64Array;
  /** Per course id: month index of the account's first completion of that course. */
  courses: Map<string, number>;
  /** Per course id: adoption (% of seats) of the features the course teaches, per month; NaN = not observed. */
  courseAdoption?: Map<string, Float64Array>;
}

export interface Panel {
  months: string[];
  accounts: PanelAccount[];
}

export interface PanelAccountInput {
  id: string;
  segment: string | null;
  csm: string | null;
  /** First completion date (YYYY-MM-DD) under the definition of "trained", or null. */
  trainedOn: string | null;
  rows: readonly PanelMonthRow[];
  courses?: Iterable<[string, string]>;
}

/**
 * `usageMonths` = [first, last] month indexes the usage source covers (null: no usage data at all):
 * utilization, breadth and health outside it are unobserved, not 0. `months` should end with the data.
 */
export function panelAccount(
  input: PanelAccountInput,
  months: readonly string[],
  opts: { weights: HealthWeights; usageMonths: [number, number] | null },
): PanelAccount {
  const T = months.length;
  const index = (month: string) => monthsBetween(months[0]!, month.slice(0, 7) + "-01");
  const mrr = new Float64Array(T); // zeros: no subscription that month
  const utilization = new Float64Array(T).fill(NaN);
  const breadth = new Float64Array(T).fill(NaN);
  const health = new Float64Array(T).fill(NaN);
  for (const r of input.rows) {
    const k = index(r.month);
    if (k < 0 || k >= T) continue;
    mrr[k] = r.revenueMrr;
    if (!(r.seats > 0) || !(r.revenueMrr > 0)) continue;
    const usageObserved = opts.usageMonths !== null && k >= opts.usageMonths[0] && k <= opts.usageMonths[1];
    // Health weighs usage most: a month the usage source does not cover has no health score either.
    if (!usageObserved) continue;
    utilization[k] = seatUtilization(r.activeUsers, r.seats) ?? NaN;
    breadth[k] = featureBreadth(r.featuresUsed, r.featuresPurchased) ?? NaN;
    health[k] = healthScore(r, opts.weights).score ?? NaN;
  }
  const courses = new Map<string, number>();
  for (const [courseId, on] of input.courses ?? []) courses.set(courseId, index(on));
  return {
    id: input.id,
    segment: input.segment ?? "no segment",
    csm: input.csm ?? "no CSM",
    trained: input.trainedOn ? index(input.trainedOn) : null,
    mrr,
    utilization,
    breadth,
    health,
    courses,
  };
}

/**
 * Per course: adoption of the features it teaches that the account's plan includes — the mean over those
 * features of active users ÷ seats × 100 — per month; NaN where the account was not a paying customer,
 * the usage source does not cover the month, or the plan includes none of the course's features.
 */
export function courseAdoptionSeries(
  usageByFeature: ReadonlyMap<string, ReadonlyMap<string, number>>,
  monthRows: readonly { month: string; seats: number; revenueMrr: number }[],
  months: readonly string[],
  usageMonths: [number, number] | null,
  courses: readonly { id: string; features?: readonly string[] }[],
  planFeatures: readonly string[],
): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  const seatsAt = new Map(monthRows.map((r) => [r.month, r.revenueMrr > 0 ? r.seats : 0]));
  for (const c of courses) {
    const features = (c.features ?? []).filter((f) => planFeatures.includes(f));
    const series = new Float64Array(months.length).fill(NaN);
    if (features.length && usageMonths) {
      for (let k = Math.max(0, usageMonths[0]); k <= Math.min(months.length - 1, usageMonths[1]); k++) {
        const seats = seatsAt.get(months[k]!);
        if (!seats) continue;
        const used = usageByFeature.get(months[k]!);
        series[k] = (features.reduce((s, f) => s + (used?.get(f) ?? 0), 0) / features.length / seats) * 100;
      }
    }
    out.set(c.id, series);
  }
  return out;
}
