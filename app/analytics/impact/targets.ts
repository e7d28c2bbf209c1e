/**
 * The staggered design's aggregates (./staggered.ts): one accumulator per event-study point and one for
 * the overall effect, each turned into an estimate with its influence function, interval and MDE (the
 * small-sample references of ./small-sample.ts), and the pre-trend test (level and trend of the points e ≤ −2).
 */
import type { EffectEstimate, PreTrend } from "./effect-types";
import { estimateFromInfluence, jointWaldTest } from "./small-sample";

/** Sums of one aggregate over its cells (weights W = treated weight of a cell), per account where indexed. */
export interface Target {
  /** Validation: Σ w·(Δ with effects − Δ without) and Σ w over the treated accounts. */
  tNum: number;
  tDen: number;
  /** Validation: the same for the comparison accounts, weighted as the estimate weights them. */
  cNum: number;
  cDen: number;
  /** Σ W·ATT and Σ W. */
  num: number;
  den: number;
  /** Each account's arm deviations (treated +, comparison −), √(n/(n − 1))-scaled. */
  ifx: Float64Array;
  /** Each account's weight in the estimate, summed over its cells (the design; ./small-sample.ts designDf). */
  design: Float64Array;
  /** Each treated account's w·ATT of the cell-weight term (./cell-weights.ts). */
  a: Float64Array;
  /** Each treated account's Σ w (its −θ·w part of that term). */
  b: Float64Array;
  treated: Uint8Array;
  control: Uint8Array;
}

export function newTarget(N: number): Target {
  return {
    tNum: 0,
    tDen: 0,
    cNum: 0,
    cDen: 0,
    num: 0,
    den: 0,
    ifx: new Float64Array(N),
    design: new Float64Array(N),
    a: new Float64Array(N),
    b: new Float64Array(N),
    treated: new Uint8Array(N),
    control: new Uint8Array(N),
  };
}

export interface Finished {
  est: EffectEstimate;
  /** Influence function per account (Σψ² = SE²). */
  psi: Float64Array;
}

/** The aggregate's estimate, or null without cells or with fewer than minAccounts trained or comparison accounts. */
export function finishTarget(target: Target, minAccounts: number): Finished | null {
  if (!(target.den > 0)) return null;
  const N = target.ifx.length;
  const theta = target.num / target.den;
  const psi = new Float64Array(N);
  let nT = 0,
    nC = 0;
  for (let i = 0; i < N; i++) {
    psi[i] = (target.ifx[i]! + target.a[i]! - theta * target.b[i]!) / target.den;
    nT += target.treated[i]!;
    nC += target.control[i]!;
  }
  if (nT < minAccounts || nC < minAccounts) return null;
  return { est: estimateFromInfluence(theta, psi, target.design, nT, nC), psi };
}

/** Validation: the true value of the aggregate (null without counterfactual data). */
export const truthOf = (t: Target) => (t.tDen > 0 ? t.tNum / t.tDen : null);

/**
 * Pre-trend check of the points e ≤ −2: a 2-df test that their **level** (mean) and their **trend** (least-squares
 * slope over event time) are both 0, Hotelling F with G* of those two combinations (./small-sample.ts); with one
 * point, that point's own test. Not the joint test of every point: the points share the base month −1, so they are
 * strongly correlated, and their k × k covariance estimated from a few dozen effective accounts is too noisy for a
 * k-df test (on simulated null data the 5-df F test rejected 9% account-weighted and 11.5% revenue-weighted; the
 * level + trend test 5–6% / 3–4%: docs/impact-design.md). Level and trend are the usual ways trends differ.
 * Passes at p ≥ 0.05.
 */
export function preTrendTest(times: readonly number[], finished: readonly (Finished | null)[]): PreTrend | null {
  const pre = times.map((e, j) => ({ e, f: finished[j] })).filter((x) => x.e <= -2 && x.f && x.f.est.se > 0);
  if (!pre.length) return null;
  const k = pre.length,
    eMean = pre.reduce((s, x) => s + x.e, 0) / k,
    sxx = pre.reduce((s, x) => s + (x.e - eMean) ** 2, 0);
  const combos = [pre.map(() => 1 / k)];
  if (sxx > 0) combos.push(pre.map((x) => (x.e - eMean) / sxx));
  const theta = combos.map((c) => c.reduce((s, cj, j) => s + cj * pre[j]!.f!.est.estimate, 0));
  const psis = combos.map((c) => {
    const out = new Float64Array(pre[0]!.f!.psi.length);
    c.forEach((cj, j) => pre[j]!.f!.psi.forEach((v, i) => (out[i] += cj * v)));
    return out;
  });
  const test = jointWaldTest(theta, psis);
  if (!test) return null;
  const se = (q: Float64Array) => Math.sqrt(q.reduce((s, v) => s + v * v, 0));
  return {
    ...test,
    points: k,
    level: { estimate: theta[0]!, se: se(psis[0]!) },
    trend: psis[1] ? { estimate: theta[1]!, se: se(psis[1]) } : null,
    pass: test.p >= 0.05,
  };
}
