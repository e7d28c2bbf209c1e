/**
 * Validation harness for the training-impact estimators (npm run validate:impact). Each replicate
 * simulates the same generated accounts twice in memory — with the planted effects and without — runs
 * the report's estimators on the first, and takes the truth of every estimand from the pair (see
 * app/customers/generator/simulate-panel.ts). Then the same with every effect 0 (truth 0).
 *
 * Per estimand: truth (mean over replicates of the replicate's true value), mean estimate, bias (mean of
 * estimate − truth), RMSE, coverage of the 95% CI, and power (share of replicates whose CI excludes 0;
 * for per-course estimands, whose Benjamini–Hochberg q-value is below 0.05, so in the null run it is the
 * per-course false-discovery rate). Rows `preTrendRejects.<outcome>`: the pre-trend test's p-value as the
 * "estimate" and its rejection rate (p < 0.05) as "power"; coverage = 1 − rejection rate.
 *
 * Simulation-study diagnostics beside them (Morris, White & Crowther 2019, "Using simulation studies to
 * evaluate statistical methods", Stat Med 38:2074, table 6): modelSe = √(mean of the reported variances
 * SE²), empiricalSe = SD of the estimates (n − 1), seRatio = modelSe / empiricalSe (> 1: intervals wider
 * than the estimates scatter), and the Monte Carlo SEs of bias (SD of estimate − truth over √n, as the
 * truth varies by replicate), of coverage and power (√(p(1 − p)/n)) and of empiricalSe
 * (empiricalSe/√(2(n − 1))); intervalSe = √(mean of (CI half-width / 1.96)²), the SE the interval
 * behaves as (the t reference makes it wider). Null where a row has no SE (preTrendRejects) or one
 * replicate.
 */
import { DEFAULT_EFFECTS, NO_EFFECTS, type Effects } from "#app/customers/generator/profile";
import { simulatePanel } from "#app/customers/generator/simulate-panel";
import type { CourseShape } from "#app/customers/generator/plan";
import { subSeed } from "#app/customers/generator/random";
import { courseEffects, type CourseInfo } from "./courses";
import { DOUBLY_ROBUST_OUTCOMES, LAGS, LEADS } from "./design";
import { doublyRobust } from "./dr";
import { OUTCOMES } from "./outcomes";
import type { Panel } from "./panel";
import { estimateOutcome } from "./staggered";

export interface EstimandSummary {
  name: string;
  truth: number;
  meanEstimate: number;
  bias: number;
  rmse: number;
  coverage: number;
  power: number;
  replicates: number;
  /** Diagnostics (Morris et al. 2019), extra to the fields above. */
  modelSe: number | null;
  /** √(mean of (CI half-width / 1.96)²): the model SE with the interval's t reference folded in. */
  intervalSe: number | null;
  empiricalSe: number | null;
  seRatio: number | null;
  biasMcse: number | null;
  coverageMcse: number;
  powerMcse: number;
  empiricalSeMcse: number | null;
  /**
   * Mean planted effect on the comparison accounts (same months and weights as the estimate). A DiD
   * identifies truth − truthControls: for the main design it is 0 (not-yet-trained accounts), per course
   * the comparison accounts get training's and other courses' effects too. Null where not computed.
   */
  truthControls: number | null;
  /** mean(estimate − (truth − truthControls)) and its Monte Carlo SE: bias against what the DiD identifies. */
  contrastBias: number | null;
  contrastBiasMcse: number | null;
}
export interface ValidationResult {
  estimands: EstimandSummary[];
  null: EstimandSummary[];
}

interface Draw {
  name: string;
  estimate: number;
  low: number;
  high: number;
  truth: number;
  discovered: boolean;
  /** The standard error the estimator reports (null: none, e.g. the pre-trend rows). */
  se: number | null;
  /** The planted effects the comparison accounts received (null: not computed). */
  truthControls: number | null;
}

export interface ValidationOptions {
  replicates: number;
  accounts: number;
  seed: number;
  months?: number;
  courses: (CourseShape & CourseInfo)[];
  effects?: Effects;
  /** Share of the window in which accounts get trained (the generator's World.trainingWindow). */
  trainingWindow?: number;
  /** Estimate only the cohorts trained in the last N months (the report's default period: 12); default every month. */
  cohortMonths?: number;
  /** After each replicate; `partial()` summarises the replicates so far (long runs can save them as they go). */
  onReplicate?: (done: number, total: number, partial: () => ValidationResult) => void;
}

function estimates(panel: Panel, counterfactual: Panel, courses: CourseInfo[], cohortMonths?: number): Draw[] {
  const T = panel.months.length;
  const groups: [number, number] = [cohortMonths ? Math.max(1, T - cohortMonths) : 1, T - 1];
  const out: Draw[] = [];
  for (const o of OUTCOMES) {
    const r = estimateOutcome(panel.accounts, T, o, {
      groups,
      leads: LEADS,
      lags: LAGS,
      counterfactual: counterfactual.accounts,
    });
    // The pre-trend test: nothing is planted before training, so "power" here is its rejection rate (size, ≈ 0.05 expected).
    if (r.preTrend)
      out.push({
        name: `preTrendRejects.${o.key}`,
        estimate: r.preTrend.p,
        low: r.preTrend.pass ? 0 : 1,
        high: r.preTrend.pass ? 0 : 1,
        truth: 0,
        discovered: !r.preTrend.pass,
        se: null,
        truthControls: null,
      });
    if (!r.overall || r.truth?.overall == null) continue;
    out.push({
      name: `overall.${o.key}`,
      estimate: r.overall.estimate,
      low: r.overall.low,
      high: r.overall.high,
      se: r.overall.se,
      truthControls: r.truth.overallControls,
      truth: r.truth.overall,
      discovered: r.overall.low > 0 || r.overall.high < 0,
    });
    if (!DOUBLY_ROBUST_OUTCOMES.includes(o.key)) continue;
    const dr = doublyRobust(panel, o, { groups, lags: LAGS, counterfactual: counterfactual.accounts });
    if (!dr.overall || dr.truth == null) continue;
    out.push({
      name: `overall.${o.key}.doublyRobust`,
      estimate: dr.overall.estimate,
      low: dr.overall.low,
      high: dr.overall.high,
      se: dr.overall.se,
      truthControls: null,
      truth: dr.truth,
      discovered: dr.overall.low > 0 || dr.overall.high < 0,
    });
  }
  for (const c of courseEffects(panel, courses, groups, counterfactual)) {
    if (!c.overall || c.truth == null) continue;
    out.push({
      name: `course.${c.courseId}`,
      estimate: c.overall.estimate,
      low: c.overall.low,
      high: c.overall.high,
      se: c.overall.se,
      truthControls: c.truthControls ?? null,
      truth: c.truth,
      discovered: c.overall.q < 0.05,
    });
  }
  return out;
}

const Z975 = 1.959963984540054;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Performance measures of one estimand over its replicates, with Monte Carlo SEs (Morris et al. 2019). */
export function summariseDraws(name: string, ds: readonly Omit<Draw, "name">[]): EstimandSummary {
  const n = ds.length;
  const meanEstimate = mean(ds.map((d) => d.estimate));
  const coverage = mean(ds.map((d) => (d.low <= d.truth && d.truth <= d.high ? 1 : 0)));
  const power = mean(ds.map((d) => (d.discovered ? 1 : 0)));
  const empiricalSe = n > 1 ? Math.sqrt(ds.reduce((s, d) => s + (d.estimate - meanEstimate) ** 2, 0) / (n - 1)) : null;
  const ses = ds.map((d) => d.se).filter((x): x is number => x !== null && Number.isFinite(x));
  const modelSe = ses.length === n && n > 0 ? Math.sqrt(mean(ses.map((x) => x * x))) : null;
  const errors = ds.map((d) => d.estimate - d.truth),
    bias = mean(errors);
  const tc = ds.every((d) => d.truthControls !== null) ? ds.map((d) => d.truthControls!) : null;
  const contrast = tc && ds.map((d, i) => d.estimate - (d.truth - tc[i]!));
  const contrastBias = contrast && mean(contrast);
  return {
    name,
    truth: mean(ds.map((d) => d.truth)),
    meanEstimate,
    bias,
    rmse: Math.sqrt(mean(ds.map((d) => (d.estimate - d.truth) ** 2))),
    coverage,
    power,
    replicates: n,
    modelSe,
    intervalSe: modelSe === null ? null : Math.sqrt(mean(ds.map((d) => ((d.high - d.low) / 2 / Z975) ** 2))),
    empiricalSe,
    seRatio: modelSe !== null && empiricalSe ? modelSe / empiricalSe : null,
    biasMcse: n > 1 ? Math.sqrt(errors.reduce((s, x) => s + (x - bias) ** 2, 0) / (n - 1) / n) : null,
    coverageMcse: Math.sqrt((coverage * (1 - coverage)) / n),
    powerMcse: Math.sqrt((power * (1 - power)) / n),
    empiricalSeMcse: empiricalSe === null ? null : empiricalSe / Math.sqrt(2 * (n - 1)),
    truthControls: tc && mean(tc),
    contrastBias,
    contrastBiasMcse:
      contrast && contrastBias !== null && n > 1
        ? Math.sqrt(contrast.reduce((s, x) => s + (x - contrastBias) ** 2, 0) / (n - 1) / n)
        : null,
  };
}

function summarise(draws: Draw[]): EstimandSummary[] {
  const byName = new Map<string, Draw[]>();
  for (const d of draws) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  return [...byName.entries()].map(([name, ds]) => summariseDraws(name, ds));
}

export function validateImpact(opts: ValidationOptions): ValidationResult {
  const withEffects: Draw[] = [],
    nullDraws: Draw[] = [];
  for (let r = 0; r < opts.replicates; r++) {
    const base = {
      accounts: opts.accounts,
      months: opts.months ?? 24,
      seed: subSeed(opts.seed, r) >>> 1,
      courses: opts.courses,
      trainingWindow: opts.trainingWindow,
    };
    const treatedWorld = simulatePanel({ ...base, effects: opts.effects ?? DEFAULT_EFFECTS });
    const untreatedWorld = simulatePanel({ ...base, effects: NO_EFFECTS });
    withEffects.push(...estimates(treatedWorld, untreatedWorld, opts.courses, opts.cohortMonths));
    nullDraws.push(...estimates(untreatedWorld, untreatedWorld, opts.courses, opts.cohortMonths));
    opts.onReplicate?.(r + 1, opts.replicates, () => ({
      estimands: summarise(withEffects),
      null: summarise(nullDraws),
    }));
  }
  return { estimands: summarise(withEffects), null: summarise(nullDraws) };
}
