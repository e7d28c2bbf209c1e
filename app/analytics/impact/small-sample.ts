/**
 * Small-sample inference from influence functions summed per account (cluster-robust by account).
 *
 * A cluster-robust variance V = Σ_i ψ_i ψ_iᵀ is an average over accounts; when a few accounts carry most
 * of it (revenue weights put the comparison on a few enterprise accounts; MRR changes are rare jumps),
 * it is itself very uncertain and a normal or χ² reference is too liberal: on simulated null data the
 * revenue-weighted pre-trend χ² test rejected 17–20% at the 5% level. The references here use the
 * **effective number of accounts**
 *
 *   G* = k(k + 2) / Σ_i d_i²,   d_i = ψ_iᵀ V⁻¹ ψ_i   (Σ_i d_i = k),
 *
 * the number of equally informative, normally distributed accounts whose leverages d_i would scatter as
 * these do: with G such accounts E[d_i²] ≈ k(k + 2)/G², so G* ≈ G (Kish's effective sample size of the
 * d_i, k²/Σd_i², scaled by (k + 2)/k, its value under normality). For one estimate (k = 1) this is
 * G* = 3 (Σψ²)² / Σψ⁴, the Satterthwaite degrees of freedom of Σψ² under normality. G* is capped at the
 * number of accounts that contribute (it can exceed it by chance, up to (k + 2)/k times; one account
 * cannot estimate a variance).
 *
 * Then, as Hotelling's T² with G* clusters: the Wald statistic W = θᵀ V⁻¹ θ is referred to
 * F = W (G* − k) / (k (G* − 1)) ~ F(k, G* − k) (the pre-trend test). A single estimate's interval uses Student's t
 * with degrees of freedom from the design instead (designDf, below). With many equally informative accounts both
 * reduce to the χ² and normal references.
 */
import { fSurvival, normalCdf, tCdf, tQuantile } from "../distributions";
import type { EffectEstimate } from "./effect-types";
import { solve } from "./linear";

/** G* for k estimates whose influence functions (one array per estimate, one entry per account) are given. */
export function effectiveAccounts(psis: readonly Float64Array[]): number | null {
  const k = psis.length;
  if (!k) return null;
  const N = psis[0]!.length;
  const V = psis.map((p) => psis.map((q) => dot(p, q)));
  let sumD2 = 0,
    accounts = 0;
  const row = new Array<number>(k);
  for (let i = 0; i < N; i++) {
    let any = false;
    for (let j = 0; j < k; j++) {
      row[j] = psis[j]![i]!;
      if (row[j] !== 0) any = true;
    }
    if (!any) continue;
    accounts++;
    const x = solve(V, row);
    if (!x) return null;
    let d = 0;
    for (let j = 0; j < k; j++) d += x[j]! * row[j]!;
    sumD2 += d * d;
  }
  return sumD2 > 0 ? Math.min(accounts, (k * (k + 2)) / sumD2) : null;
}

/**
 * Student-t degrees of freedom for one estimate's interval, from the **design**: the estimate is Σ_i c_i·e_i over
 * accounts (c_i = the account's summed weight in the estimator: its share of its cells' treated or comparison
 * means, times the cell weight), and with independent accounts of equal variance the variance estimate Σ c_i² e_i²
 * has Satterthwaite df (Σc²)² / Σc⁴ — Kish's effective number of accounts the estimate rests on — minus 1 for the
 * estimated means (at least 1; capped at the accounts with weight). In the manner of Bell & McCaffrey (2002), as
 * Imbens & Kolesár (2016) recommend: df from the design, not from the residuals, whose sample fourth moment (G*
 * for k = 1) is itself noisy. Measured (docs/impact-design.md): G*'s t made revenue-weighted expansion intervals
 * too wide (one MRR jump of a large account drives G* to ≈ 5: coverage 0.99) and thin-control courses' too
 * narrow (few comparison accounts carry the control means: null coverage 0.89–0.91).
 */
export function designDf(weights: Float64Array): number {
  let s2 = 0,
    s4 = 0,
    accounts = 0;
  for (let i = 0; i < weights.length; i++) {
    const q = weights[i]! * weights[i]!;
    if (q > 0) accounts++;
    s2 += q;
    s4 += q * q;
  }
  return s4 > 0 ? Math.max(1, Math.min(accounts, (s2 * s2) / s4) - 1) : Infinity;
}

export interface JointTest {
  /** Wald statistic θᵀ V⁻¹ θ. */
  chi2: number;
  /** Numerator degrees of freedom: the number of estimates tested. */
  df: number;
  /** F = W (G* − k) / (k (G* − 1)). */
  f: number;
  /** Denominator degrees of freedom G* − k. */
  dfDenominator: number;
  p: number;
}

/**
 * Joint test that every θ_j is 0, V from the influence functions, F reference with G* (see above).
 * Null when V is singular or G* ≤ k (too few effective accounts to test k estimates).
 */
export function jointWaldTest(theta: readonly number[], psis: readonly Float64Array[]): JointTest | null {
  const k = theta.length;
  if (!k || psis.length !== k) return null;
  const V = psis.map((p) => psis.map((q) => dot(p, q)));
  const x = solve(V, [...theta]);
  const g = effectiveAccounts(psis);
  if (!x || g === null || !(g > k)) return null;
  const chi2 = x.reduce((s, v, j) => s + v * theta[j]!, 0);
  const f = (chi2 * (g - k)) / (k * (g - 1));
  return { chi2, df: k, f, dfDenominator: g - k, p: fSurvival(f, k, g - k) };
}

/** Two-sided p-value and 95% quantile of Student's t with df degrees of freedom (normal when df is infinite). */
export function tTest(z: number, df: number) {
  const upper = Number.isFinite(df) ? 1 - tCdf(Math.abs(z), df) : 1 - normalCdf(Math.abs(z));
  return { p: Math.min(1, 2 * upper), q975: tQuantile(0.975, df), q80: tQuantile(0.8, df) };
}

/**
 * An estimate with its interval, MDE and p-value from its influence function ψ (se = √Σψ²) and the t reference
 * with the design's df (designDf of each account's weight): the one shape every design returns (the staggered
 * targets, the doubly robust estimate).
 */
export function estimateFromInfluence(
  theta: number,
  psi: Float64Array,
  weights: Float64Array,
  nTreated: number,
  nControl: number,
) {
  let v = 0;
  for (let i = 0; i < psi.length; i++) v += psi[i]! * psi[i]!;
  const se = Math.sqrt(v);
  const df = designDf(weights);
  const t = tTest(se > 0 ? theta / se : 0, df);
  return {
    estimate: theta,
    se,
    low: theta - t.q975 * se,
    high: theta + t.q975 * se,
    mde: (t.q975 + t.q80) * se,
    p: se > 0 ? t.p : theta === 0 ? 1 : 0,
    nTreated,
    nControl,
    df,
  } satisfies EffectEstimate;
}

function dot(p: Float64Array, q: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i]! * q[i]!;
  return s;
}
