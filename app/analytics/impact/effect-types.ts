/** What the staggered design (./staggered.ts) returns: a figure with its interval, the pre-trend test, an outcome's results. */
import type { OutcomeSpec } from "./outcomes";

export interface EffectEstimate {
  estimate: number;
  se: number;
  low: number;
  high: number;
  mde: number;
  p: number;
  nTreated: number;
  nControl: number;
  /** Degrees of freedom of the t reference, from the design (./small-sample.ts designDf; Infinity = normal). */
  df: number;
}
export interface PreTrend {
  /** Wald statistic θᵀ V⁻¹ θ of the tested combinations (level and trend of the pre-period points). */
  chi2: number;
  /** Combinations tested: 2 (level, trend), 1 with a single pre-period point. */
  df: number;
  /** F = W (G* − df) / (df (G* − 1)), referred to F(df, dfDenominator = G* − df). */
  f: number;
  dfDenominator: number;
  p: number;
  pass: boolean;
  /** Pre-period points (months ≤ −2) with data. */
  points: number;
  /** Their mean, in the outcome's unit, with its SE. */
  level: { estimate: number; se: number };
  /** Their least-squares slope per month of event time, with its SE (null with one point). */
  trend: { estimate: number; se: number } | null;
}
export interface OutcomeEffect {
  key: OutcomeSpec["key"];
  label: string;
  unit: OutcomeSpec["unit"];
  weighting: OutcomeSpec["weighting"];
  overall: EffectEstimate | null;
  eventStudy: { e: number; estimate: EffectEstimate | null }[];
  preTrend: PreTrend | null;
  /** Treated accounts left out of every cell for want of controls in their segment. */
  treatedWithoutControls: number;
  /** With `counterfactual`: the true value of the overall and event-study targets. */
  truth?: {
    overall: number | null;
    eventStudy: (number | null)[];
    /**
     * The planted effects the comparison accounts received over the same months, weighted as the
     * estimator weights them (Σ_cells W·mean over controls of (Δ with − Δ without) / Σ W). A DiD
     * identifies overall − overallControls; for the main design it is 0 (not-yet-trained controls).
     */
    overallControls: number | null;
  };
}
