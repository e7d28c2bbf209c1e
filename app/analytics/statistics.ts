/**
 * Statistics for the impact report. Confidence intervals are analytic (Welch's t for means, the delta
 * method for ratios of sums, Fisher's z for correlations) so they are exact to reproduce and cost
 * nothing at 10,000 accounts; `bootstrapDifference` (fixed seed) exists to cross-check them in tests.
 * simple-statistics supplies the well-tested primitives (mean, variance, Pearson, Spearman with
 * mid-ranks for ties); quantiles come from ./distributions (its probit is too coarse for a CI).
 */
import prand from "pure-rand";
import { mean, sampleCorrelation, sampleRankCorrelation, sampleVariance } from "simple-statistics";
import { normalQuantile, tQuantile } from "./distributions";

export { tQuantile, normalQuantile };

export const MIN_N = 10;
const Z95 = normalQuantile(0.975);
const NO_SPREAD =
  "No interval: every account in both cohorts has the same value, so the uncertainty cannot be estimated.";

export type Estimate =
  | { ok: true; estimate: number; low: number; high: number; nA: number; nB: number }
  | { ok: false; reason: string; nA: number; nB: number };

function tooFew(nA: number, nB: number, what = "accounts"): string | null {
  if (nA < MIN_N || nB < MIN_N)
    return `Not enough data: each cohort needs at least ${MIN_N} ${what} (trained n = ${nA}, untrained n = ${nB}).`;
  return null;
}

/**
 * Mean of the trained cohort minus mean of the untrained cohort, with a 95% confidence interval from Welch's t-test (unequal variances). Rates of a cohort (base expansion rate, GRR) use the ratio of sums with a delta-method standard error. When every account has the same value the interval cannot be estimated, and none is shown.
 * `a` is the trained cohort, `b` the untrained one.
 */
export function differenceOfMeans(a: readonly number[], b: readonly number[], minN = MIN_N): Estimate {
  const xs = a.filter(Number.isFinite);
  const ys = b.filter(Number.isFinite);
  const reason = xs.length < minN || ys.length < minN ? tooFew(xs.length, ys.length) : null;
  if (reason) return { ok: false, reason, nA: xs.length, nB: ys.length };
  const d = welch(xs, ys);
  if (!(d.se > 0)) return { ok: false, reason: NO_SPREAD, nA: xs.length, nB: ys.length };
  const t = tQuantile(0.975, d.df);
  return {
    ok: true,
    estimate: d.estimate,
    low: d.estimate - t * d.se,
    high: d.estimate + t * d.se,
    nA: xs.length,
    nB: ys.length,
  };
}

function welch(xs: readonly number[], ys: readonly number[]) {
  const va = xs.length > 1 ? sampleVariance(xs as number[]) / xs.length : 0;
  const vb = ys.length > 1 ? sampleVariance(ys as number[]) / ys.length : 0;
  const se = Math.sqrt(va + vb);
  const denom = (xs.length > 1 ? va ** 2 / (xs.length - 1) : 0) + (ys.length > 1 ? vb ** 2 / (ys.length - 1) : 0);
  return {
    estimate: mean(xs as number[]) - mean(ys as number[]),
    se,
    variance: va + vb,
    df: denom > 0 ? (va + vb) ** 2 / denom : Infinity,
  };
}

export interface RatioPoint {
  numerator: number;
  denominator: number;
}

/** Ratio of sums Σnumerator ÷ Σdenominator × scale, with its delta-method variance. */
export function ratioOfSums(
  points: readonly RatioPoint[],
  scale = 100,
): { estimate: number; variance: number; n: number } | null {
  const n = points.length;
  const sx = points.reduce((s, p) => s + p.denominator, 0);
  if (n < 2 || !(sx > 0)) return null;
  const r = points.reduce((s, p) => s + p.numerator, 0) / sx;
  const xbar = sx / n;
  const ss = points.reduce((s, p) => s + (p.numerator - r * p.denominator) ** 2, 0) / (n - 1);
  return { estimate: r * scale, variance: (ss / (n * xbar * xbar)) * scale * scale, n };
}

/** Difference of two ratios of sums (trained − untrained), normal-approximation 95% CI. */
export function ratioDifference(
  a: readonly RatioPoint[],
  b: readonly RatioPoint[],
  scale = 100,
  minN = MIN_N,
): Estimate {
  const reason = tooFew(a.length, b.length);
  if (a.length < minN || b.length < minN) return { ok: false, reason: reason!, nA: a.length, nB: b.length };
  const ra = ratioOfSums(a, scale);
  const rb = ratioOfSums(b, scale);
  if (!ra || !rb)
    return {
      ok: false,
      reason: "Not enough data: a cohort has no revenue at period start.",
      nA: a.length,
      nB: b.length,
    };
  const d = ra.estimate - rb.estimate;
  const se = Math.sqrt(ra.variance + rb.variance);
  if (!(se > 0)) return { ok: false, reason: NO_SPREAD, nA: a.length, nB: b.length };
  return { ok: true, estimate: d, low: d - Z95 * se, high: d + Z95 * se, nA: a.length, nB: b.length };
}

export interface Stratum<T> {
  key: string;
  a: readonly T[];
  b: readonly T[];
}
export type StratifiedEstimate = Estimate & { strataUsed: number; strataSkipped: number };

/**
 * The trained − untrained difference computed separately within each segment × plan tier group that has at least 2 accounts in both cohorts, then averaged with weights equal to the number of accounts in the group. Compares like with like, because bigger accounts both train more and expand more.
 * `kind` chooses the per-group estimator: difference of means, or difference of ratios of sums.
 */
export function stratifiedDifference<T extends number | RatioPoint>(
  strata: readonly Stratum<T>[],
  kind: T extends number ? "mean" : "ratio",
  scale = 100,
): StratifiedEstimate {
  let wSum = 0,
    dSum = 0,
    vSum = 0,
    nA = 0,
    nB = 0,
    used = 0,
    skipped = 0;
  for (const s of strata) {
    const d =
      kind === "mean"
        ? meanStratum(s.a as readonly number[], s.b as readonly number[])
        : ratioStratum(s.a as readonly RatioPoint[], s.b as readonly RatioPoint[], scale);
    if (!d) {
      if (s.a.length + s.b.length > 0) skipped++;
      continue;
    }
    const w = s.a.length + s.b.length;
    wSum += w;
    dSum += w * d.estimate;
    vSum += w * w * d.variance;
    nA += s.a.length;
    nB += s.b.length;
    used++;
  }
  if (nA < MIN_N || nB < MIN_N || wSum === 0) {
    return {
      ok: false,
      reason: `Not enough data: segment × plan tier groups with at least 2 accounts in each cohort cover too few accounts (trained n = ${nA}, untrained n = ${nB}; at least ${MIN_N} each needed).`,
      nA,
      nB,
      strataUsed: used,
      strataSkipped: skipped,
    };
  }
  const est = dSum / wSum;
  const se = Math.sqrt(vSum) / wSum;
  if (!(se > 0)) return { ok: false, reason: NO_SPREAD, nA, nB, strataUsed: used, strataSkipped: skipped };
  return {
    ok: true,
    estimate: est,
    low: est - Z95 * se,
    high: est + Z95 * se,
    nA,
    nB,
    strataUsed: used,
    strataSkipped: skipped,
  };
}

function meanStratum(a: readonly number[], b: readonly number[]) {
  const xs = a.filter(Number.isFinite),
    ys = b.filter(Number.isFinite);
  if (xs.length < 2 || ys.length < 2) return null;
  return welch(xs, ys);
}

function ratioStratum(a: readonly RatioPoint[], b: readonly RatioPoint[], scale: number) {
  if (a.length < 2 || b.length < 2) return null;
  const ra = ratioOfSums(a, scale),
    rb = ratioOfSums(b, scale);
  if (!ra || !rb) return null;
  return { estimate: ra.estimate - rb.estimate, variance: ra.variance + rb.variance };
}

export type Correlation =
  | {
      ok: true;
      n: number;
      pearson: { r: number; low: number; high: number };
      spearman: { rho: number; low: number; high: number };
    }
  | { ok: false; n: number; reason: string };

/**
 * Pearson r (linear) and Spearman ρ (rank, robust to outliers) across accounts, with a 95% confidence interval from Fisher's z transformation. Not shown for fewer than 10 accounts. Descriptive only: trained and untrained accounts are pooled and nothing is adjusted, so a correlation says nothing about what training causes; the training-impact design answers that.
 * Spearman's standard error uses the Fieller–Hartley–Pearson factor √(1.06 ÷ (n − 3)).
 */
export function correlation(x: readonly number[], y: readonly number[]): Correlation {
  const xs: number[] = [],
    ys: number[] = [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      xs.push(x[i]!);
      ys.push(y[i]!);
    }
  }
  const n = xs.length;
  if (n < MIN_N)
    return {
      ok: false,
      n,
      reason: `Not enough data: a correlation needs at least ${MIN_N} accounts with both values (n = ${n}).`,
    };
  if (sampleVariance(xs) === 0 || sampleVariance(ys) === 0)
    return {
      ok: false,
      n,
      reason: "No figure: every account has the same value on one axis, so there is nothing to correlate.",
    };
  const r = sampleCorrelation(xs, ys);
  const rho = sampleRankCorrelation(xs, ys);
  return { ok: true, n, pearson: { r, ...fisherCi(r, n, 1) }, spearman: { rho, ...fisherCi(rho, n, 1.06) } };
}

function fisherCi(r: number, n: number, factor: number) {
  const clamped = Math.max(-0.999999, Math.min(0.999999, r));
  const z = Math.atanh(clamped);
  const se = Math.sqrt(factor / (n - 3));
  return { low: Math.tanh(z - Z95 * se), high: Math.tanh(z + Z95 * se) };
}

/** Mean of paired changes (after − before) with a t-based 95% CI; used for per-course before/after. */
export function meanChange(
  changes: readonly number[],
  minN = MIN_N,
): { ok: true; estimate: number; low: number; high: number; n: number } | { ok: false; n: number; reason: string } {
  const xs = changes.filter(Number.isFinite);
  if (xs.length < minN)
    return {
      ok: false,
      n: xs.length,
      reason: `Not enough data: at least ${minN} accounts with data before and after are needed (n = ${xs.length}).`,
    };
  const m = mean(xs);
  const se = Math.sqrt(sampleVariance(xs) / xs.length);
  if (!(se > 0))
    return {
      ok: false,
      n: xs.length,
      reason: "No interval: every account changed by the same amount, so the uncertainty cannot be estimated.",
    };
  const t = tQuantile(0.975, xs.length - 1);
  return { ok: true, estimate: m, low: m - t * se, high: m + t * se, n: xs.length };
}

/**
 * Percentile bootstrap 95% CI for statistic(a) − statistic(b), resampling each cohort with
 * replacement. Seeded (xoroshiro128+), so the same data always give the same interval.
 */
export function bootstrapDifference<T>(
  a: readonly T[],
  b: readonly T[],
  statistic: (xs: T[]) => number,
  opts: { seed?: number; resamples?: number } = {},
) {
  const rng = prand.xoroshiro128plus(opts.seed ?? 20240101);
  const resamples = opts.resamples ?? 2000;
  const draw = (src: readonly T[]) => {
    const out = new Array<T>(src.length);
    for (let i = 0; i < src.length; i++) out[i] = src[prand.unsafeUniformIntDistribution(0, src.length - 1, rng)]!;
    return out;
  };
  const diffs: number[] = [];
  for (let r = 0; r < resamples; r++) diffs.push(statistic(draw(a)) - statistic(draw(b)));
  diffs.sort((p, q) => p - q);
  const at = (q: number) => diffs[Math.min(diffs.length - 1, Math.max(0, Math.round(q * (diffs.length - 1))))]!;
  return { estimate: statistic([...a]) - statistic([...b]), low: at(0.025), high: at(0.975) };
}

export type ProportionEstimate =
  | { ok: true; events: number; n: number; p: number; low: number; high: number }
  | { ok: false; events: number; n: number; reason: string };

/**
 * Wilson score interval (no continuity correction) for `events` of `n`, on a 0–100 scale: what R's
 * prop.test(x, n, correct = FALSE)$conf.int gives. Never zero width for n ≥ 1, even with 0 or n events.
 */
export function wilsonInterval(events: number, n: number, minN = MIN_N): ProportionEstimate {
  if (n < minN)
    return { ok: false, events, n, reason: `Not enough data: at least ${minN} accounts are needed (n = ${n}).` };
  const { low, high } = wilson(events, n);
  return { ok: true, events, n, p: (events / n) * 100, low: low * 100, high: high * 100 };
}

function wilson(x: number, n: number, z = Z95) {
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Difference of two shares (a − b, percentage points) with Newcombe's hybrid score interval, method 10
 * of Newcombe (1998), built from each group's Wilson interval: L = d − √((p₁−l₁)² + (u₂−p₂)²),
 * U = d + √((u₁−p₁)² + (p₂−l₂)²). Stays informative with zero events in both groups.
 */
export function newcombeDifference(eventsA: number, nA: number, eventsB: number, nB: number, minN = MIN_N): Estimate {
  if (nA < minN || nB < minN) return { ok: false, reason: tooFew(nA, nB)!, nA, nB };
  const p1 = eventsA / nA,
    p2 = eventsB / nB;
  const w1 = wilson(eventsA, nA),
    w2 = wilson(eventsB, nB);
  const d = p1 - p2;
  const low = d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2);
  const high = d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2);
  return { ok: true, estimate: d * 100, low: low * 100, high: high * 100, nA, nB };
}

export type RatioEstimate =
  { ok: true; estimate: number; low: number; high: number; n: number } | { ok: false; n: number; reason: string };

/** One group's ratio of sums (× 100) with its delta-method 95% interval; none below the minimum n or without spread. */
export function ratioInterval(points: readonly RatioPoint[], minN = MIN_N): RatioEstimate {
  if (points.length < minN)
    return {
      ok: false,
      n: points.length,
      reason: `Not enough data: at least ${minN} accounts are needed (n = ${points.length}).`,
    };
  const r = ratioOfSums(points);
  if (!r) return { ok: false, n: points.length, reason: "No figure: the group has no revenue at period start." };
  const se = Math.sqrt(r.variance);
  if (!(se > 0))
    return {
      ok: false,
      n: points.length,
      reason: "No interval: every account has the same rate, so the uncertainty cannot be estimated.",
    };
  return { ok: true, estimate: r.estimate, low: r.estimate - Z95 * se, high: r.estimate + Z95 * se, n: points.length };
}
