/**
 * Metric definitions: pure functions, one per figure. Each docstring quotes the formula from
 * ./definitions.ts word for word (tests/unit/analytics/definitions.test.ts checks it); the report shows the same text as help.
 * Percentages are returned on a 0–100 scale; a figure that cannot be computed is null, never 0.
 */
import { EXPANSION_TYPES, type MovementType } from "./movement-types";

export interface SubscriptionLine {
  mrr: number;
  startDate: string;
  endDate: string | null;
}

/**
 * Revenue at date D = sum of the monthly recurring revenue of subscription lines that started on or before D and had not ended on D (end date empty or after D).
 * Dates are ISO `YYYY-MM-DD` strings, which compare correctly as strings.
 */
export function revenueAt(lines: readonly SubscriptionLine[], date: string): number {
  let total = 0;
  for (const l of lines) if (l.startDate <= date && (l.endDate === null || l.endDate > date)) total += l.mrr;
  return roundMoney(total);
}

export interface AccountRevenue {
  revenueStart: number;
  revenueEnd: number;
}
export interface BaseExpansionRate {
  rate: number | null;
  accounts: number;
  revenueStart: number;
  revenueEnd: number;
}

/**
 * Revenue at period end from accounts that were customers at period start ÷ their revenue at period start × 100. Customers acquired during the period are excluded; over 100% means the existing base grew.
 * "Customer at period start" = revenue at the start date above zero.
 */
export function baseExpansionRate(accounts: readonly AccountRevenue[]): BaseExpansionRate {
  let start = 0;
  let end = 0;
  let n = 0;
  for (const a of accounts) {
    if (!(a.revenueStart > 0)) continue;
    n++;
    start += a.revenueStart;
    end += a.revenueEnd;
  }
  return {
    rate: start > 0 ? (end / start) * 100 : null,
    accounts: n,
    revenueStart: roundMoney(start),
    revenueEnd: roundMoney(end),
  };
}

export interface GrossRevenueRetention {
  rate: number | null;
  accounts: number;
  revenueStart: number;
  revenueRetained: number;
}

/**
 * For accounts that were customers at period start: sum over accounts of the smaller of revenue at period end and revenue at period start ÷ revenue at period start × 100. Growth is not counted, so GRR is at most 100%.
 */
export function grossRevenueRetention(accounts: readonly AccountRevenue[]): GrossRevenueRetention {
  let start = 0;
  let kept = 0;
  let n = 0;
  for (const a of accounts) {
    if (!(a.revenueStart > 0)) continue;
    n++;
    start += a.revenueStart;
    kept += Math.min(a.revenueStart, Math.max(0, a.revenueEnd));
  }
  return {
    rate: start > 0 ? (kept / start) * 100 : null,
    accounts: n,
    revenueStart: roundMoney(start),
    revenueRetained: roundMoney(kept),
  };
}

export interface Movement {
  movementType: MovementType;
  amount: number;
  occurredOn: string;
}
export interface ExpansionByType {
  /** Annual recurring revenue (MRR × 12) per movement type; contraction and churn as positive amounts lost. */
  arr: Record<MovementType, number>;
  expansionArr: number;
  lostArr: number;
  movements: number;
}

/**
 * Sum of the revenue movements dated inside the period, by type (upsell, cross-sell, add-on, seat growth, usage growth), shown as annual recurring revenue (MRR change × 12). Contraction and churn are the movements that reduced revenue.
 * Period bounds are inclusive. Contraction and churn amounts are reported as positive losses.
 */
export function expansionByType(movements: readonly Movement[], from: string, to: string): ExpansionByType {
  const arr = {
    new: 0,
    upsell: 0,
    cross_sell: 0,
    add_on: 0,
    seat_growth: 0,
    usage_growth: 0,
    contraction: 0,
    churn: 0,
  } as Record<MovementType, number>;
  let n = 0;
  for (const m of movements) {
    if (m.occurredOn < from || m.occurredOn > to) continue;
    n++;
    const yearly = m.amount * 12;
    arr[m.movementType] += m.movementType === "contraction" || m.movementType === "churn" ? Math.abs(yearly) : yearly;
  }
  for (const k of Object.keys(arr) as MovementType[]) arr[k] = roundMoney(arr[k]);
  const expansionArr = roundMoney(EXPANSION_TYPES.reduce((s, t) => s + arr[t], 0));
  return { arr, expansionArr, lostArr: roundMoney(arr.contraction + arr.churn), movements: n };
}

export interface ChurnRate {
  rate: number | null;
  churned: number;
  accounts: number;
}

/**
 * Accounts that were customers at period start and have no revenue at period end ÷ accounts that were customers at period start × 100.
 */
export function churnRate(accounts: readonly AccountRevenue[]): ChurnRate {
  let n = 0;
  let churned = 0;
  for (const a of accounts) {
    if (!(a.revenueStart > 0)) continue;
    n++;
    if (!(a.revenueEnd > 0)) churned++;
  }
  return { rate: n > 0 ? (churned / n) * 100 : null, churned, accounts: n };
}

/**
 * Active users in the month ÷ seats paid for at the start of the month × 100. Active users = the highest number of active users reported for any one feature that month. Empty (no data) in months product usage data does not cover.
 * `activeUsers` null = usage unobserved. Not capped: over 100% means more people use the product than pay for it.
 */
export function seatUtilization(activeUsers: number | null, seats: number): number | null {
  return activeUsers !== null && seats > 0 ? (activeUsers / seats) * 100 : null;
}

/**
 * Purchased features used at least once in the month ÷ features purchased × 100.
 */
export function featureBreadth(featuresUsed: number, featuresPurchased: number): number | null {
  return featuresPurchased > 0 ? (Math.min(featuresUsed, featuresPurchased) / featuresPurchased) * 100 : null;
}

/**
 * Average monthly seat utilization over the months of the period in which the account had seats and product usage data covers the month. Empty when usage data covers none of them.
 * Months with `activeUsers` null are the uncovered ones.
 */
export function adoption(months: readonly { activeUsers: number | null; seats: number }[]): number | null {
  const values = months.map((m) => seatUtilization(m.activeUsers, m.seats)).filter((v): v is number => v !== null);
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

/**
 * People at the account who completed at least one lesson.
 * Input: the per-month counts of learners whose first completed lesson fell in that month.
 */
export function learners(newLearnersPerMonth: readonly number[]): number {
  return newLearnersPerMonth.reduce((s, v) => s + v, 0);
}

/**
 * Learners ÷ seats × 100.
 */
export function seatCoverage(learnerCount: number, seats: number): number | null {
  return seats > 0 ? (learnerCount / seats) * 100 : null;
}

/**
 * Course completions ÷ courses started (a learner opening a course's first lesson) × 100.
 */
export function completionRate(courseCompletions: number, courseStarts: number): number | null {
  return courseStarts > 0 ? (Math.min(courseCompletions, courseStarts) / courseStarts) * 100 : null;
}

export type StageReached = "none" | "onboarding" | "adoption" | "expansion";

/**
 * The latest lifecycle stage (onboarding → adoption → expansion) in which at least one of the account's learners completed a course.
 */
export function stageReached(completions: { onboarding: number; adoption: number; expansion: number }): StageReached {
  if (completions.expansion > 0) return "expansion";
  if (completions.adoption > 0) return "adoption";
  if (completions.onboarding > 0) return "onboarding";
  return "none";
}

export function roundMoney(v: number): number {
  return Math.round(v * 100) / 100;
}
