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
      });
    if (!r.overall || r.truth?.overall == null) continue;
    out.push({
      name: `overall.${o.key}`,
      estimate: r.overall.estimate,
      low: r.overall.low,
      high: r.overall.high,
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
      truth: c.truth,
      discovered: c.overall.q < 0.05,
    });
  }
  return out;
}

function summarise(draws: Draw[]): EstimandSummary[] {
  const byName = new Map<string, Draw[]>();
  for (const d of draws) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return [...byName.entries()].map(([name, ds]) => ({
    name,
    truth: mean(ds.map((d) => d.truth)),
    meanEstimate: mean(ds.map((d) => d.estimate)),
    bias: mean(ds.map((d) => d.estimate - d.truth)),
    rmse: Math.sqrt(mean(ds.map((d) => (d.estimate - d.truth) ** 2))),
    coverage: mean(ds.map((d) => (d.low <= d.truth && d.truth <= d.high ? 1 : 0))),
    power: mean(ds.map((d) => (d.discovered ? 1 : 0))),
    replicates: ds.length,
  }));
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
