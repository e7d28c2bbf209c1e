/**
 * The outcomes of the training-impact design, each a change from month −1 (the month before training,
 * b) to month t, defined once here; DEFINITIONS.impactOutcome* hold the same formulas as help text.
 * Every outcome is measured on accounts that were customers (MRR > 0) at b, and for t before b also
 * at t; a month an outcome is not observed in gives NaN and the account leaves that comparison.
 */
import type { PanelAccount } from "./panel";

export type OutcomeKey =
  "expansion" | "expansionRevenue" | "utilization" | "breadth" | "health" | "churn" | "courseAdoption";
export interface OutcomeSpec {
  key: OutcomeKey;
  label: string;
  unit: "% of MRR" | "pp" | "points";
  weighting: "account" | "revenue";
  /** Change of the outcome from month b to month t for this account (NaN = not observed). */
  delta(a: PanelAccount, b: number, t: number): number;
  /** The account's weight in a comparison (1, or its MRR at b). */
  weight(a: PanelAccount, b: number): number;
  /**
   * Optional fast path of `delta` over a fixed account list, by index (the same arithmetic, without a
   * per-call lookup): the staggered design calls it millions of times per course at 10,000 accounts.
   */
  deltaByIndex?(accounts: readonly PanelAccount[]): (i: number, b: number, t: number) => number;
  /** Pre-period points are 0 by construction (churn): the pre-trend check is taken from expansion. */
  placeboFrom?: OutcomeKey;
}

const customerAt = (a: PanelAccount, b: number, t: number) => a.mrr[b]! > 0 && (t > b || a.mrr[t]! > 0);

/** Net MRR change from month −1 to month t as a % of MRR at month −1 (churn counts as −100%). */
function expansionDelta(a: PanelAccount, b: number, t: number): number {
  if (!customerAt(a, b, t)) return NaN;
  return (a.mrr[t]! / a.mrr[b]! - 1) * 100;
}

function levelDelta(series: (a: PanelAccount) => Float64Array) {
  return (a: PanelAccount, b: number, t: number) => (customerAt(a, b, t) ? series(a)[t]! - series(a)[b]! : NaN);
}

const one = () => 1;

export const OUTCOMES: readonly OutcomeSpec[] = [
  {
    key: "expansion",
    label: "Net MRR change since month −1 (accounts weighted equally)",
    unit: "% of MRR",
    weighting: "account",
    delta: expansionDelta,
    weight: one,
  },
  {
    key: "expansionRevenue",
    label: "Net MRR change since month −1 (weighted by MRR at month −1)",
    unit: "% of MRR",
    weighting: "revenue",
    delta: expansionDelta,
    weight: (a, b) => a.mrr[b]!,
  },
  {
    key: "utilization",
    label: "Seat utilization",
    unit: "pp",
    weighting: "account",
    delta: levelDelta((a) => a.utilization),
    weight: one,
  },
  {
    key: "breadth",
    label: "Feature adoption (breadth)",
    unit: "pp",
    weighting: "account",
    delta: levelDelta((a) => a.breadth),
    weight: one,
  },
  {
    key: "health",
    label: "Health score",
    unit: "points",
    weighting: "account",
    delta: levelDelta((a) => a.health),
    weight: one,
  },
  {
    key: "churn",
    label: "Churned since month −1",
    unit: "pp",
    weighting: "account",
    weight: one,
    placeboFrom: "expansion",
    delta: (a, b, t) => (customerAt(a, b, t) ? (t > b && !(a.mrr[t]! > 0) ? 100 : 0) : NaN),
  },
];
