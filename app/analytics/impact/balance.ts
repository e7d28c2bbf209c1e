/**
 * Covariate balance of the staggered design (Austin 2011): for every trained account in the period, its
 * characteristics in the month before training (b = g − 1) against those of its comparison accounts
 * (same month; never trained or trained after g). Standardized mean difference
 * (mean trained − mean comparison) ÷ √((var trained + var comparison) ÷ 2), variances unweighted:
 * - before weighting: every comparison account-month counts once;
 * - design weights: comparison accounts reweighted to the trained accounts' segment mix per month, as the
 *   estimator compares them;
 * - inverse propensity: comparison accounts weighted by p/(1 − p), p from a logistic regression of being
 *   trained that month on all the characteristics (ATT weights), normalized per month.
 */
import { logisticRegression } from "./linear";
import type { Panel } from "./panel";

export interface BalanceRow {
  covariate: string;
  meanTrained: number;
  meanComparison: number;
  smdBefore: number;
  smdDesign: number;
  smdPropensity: number | null;
}
export interface BalanceTable {
  rows: BalanceRow[];
  nTrained: number;
  nComparison: number;
  propensityConverged: boolean;
}

/** One account in the month before training month g: trained at g, or a comparison (not trained by g). */
export interface Unit {
  i: number;
  g: number;
  treated: boolean;
  segment: string;
  x: number[];
}

/** Covariate names, in the order of Unit.x. */
export function covariateNames(panel: Panel): string[] {
  const { segments, csms } = levels(panel);
  return [
    "log MRR",
    "MRR growth, 3 months (%)",
    "Health score",
    "Seat utilization (%)",
    "Tenure (months)",
    ...segments.slice(1).map((s) => `Segment: ${s}`),
    ...csms.slice(1).map((c) => `CSM: ${c}`),
  ];
}

function levels(panel: Panel) {
  return {
    segments: [...new Set(panel.accounts.map((a) => a.segment))].sort(),
    csms: [...new Set(panel.accounts.map((a) => a.csm))].sort(),
  };
}

/**
 * Every trained group g in the period: its accounts (customers at b = g − 1) and their comparison
 * accounts (never trained or trained after g, customers at b), with the characteristics at b. Missing
 * health / utilization (a month without usage data) get the mean of the observed values.
 */
export function balanceUnits(panel: Panel, groups: [number, number]): Unit[] {
  const { segments, csms } = levels(panel);
  const units: Unit[] = [];
  const trainedGroups = new Set(
    panel.accounts
      .map((a) => a.trained)
      .filter((g): g is number => g !== null && g >= Math.max(1, groups[0]) && g <= groups[1]),
  );
  for (const g of [...trainedGroups].sort((x, y) => x - y)) {
    const b = g - 1;
    panel.accounts.forEach((a, i) => {
      const treated = a.trained === g;
      if (!treated && !(a.trained === null || a.trained > g)) return;
      if (!(a.mrr[b]! > 0)) return;
      let tenure = 0;
      for (let k = b; k >= 0 && a.mrr[k]! > 0; k--) tenure++;
      const growth = b >= 3 && a.mrr[b - 3]! > 0 ? (a.mrr[b]! / a.mrr[b - 3]! - 1) * 100 : 0;
      units.push({
        i,
        g,
        treated,
        segment: a.segment,
        x: [
          Math.log(a.mrr[b]!),
          growth,
          a.health[b]!,
          a.utilization[b]!,
          tenure,
          ...segments.slice(1).map((s) => (a.segment === s ? 1 : 0)),
          ...csms.slice(1).map((c) => (a.csm === c ? 1 : 0)),
        ],
      });
    });
  }
  for (const j of [2, 3]) {
    const seen = units.map((u) => u.x[j]!).filter(Number.isFinite);
    const m = seen.length ? seen.reduce((s, v) => s + v, 0) / seen.length : 0;
    for (const u of units) if (!Number.isFinite(u.x[j]!)) u.x[j] = m;
  }
  return units;
}

export function covariateBalance(
  panel: Panel,
  groups: [number, number],
  units: Unit[] = balanceUnits(panel, groups),
): BalanceTable | null {
  const names = covariateNames(panel);
  const T = units.filter((u) => u.treated),
    C = units.filter((u) => !u.treated);
  if (T.length < 10 || C.length < 10) return null;
  const design = designWeights(units);
  const ps = propensityWeights(units);
  const rows = names.map((covariate, j): BalanceRow => {
    const xt = T.map((u) => u.x[j]!),
      xc = C.map((u) => u.x[j]!);
    const mt = avg(xt),
      mc = avg(xc);
    const sd = Math.sqrt((variance(xt) + variance(xc)) / 2);
    const smd = (m: number) => (sd > 0 ? (mt - m) / sd : 0);
    return {
      covariate,
      meanTrained: mt,
      meanComparison: mc,
      smdBefore: smd(mc),
      smdDesign: smd(weightedMean(C, design, j)),
      smdPropensity: ps ? smd(weightedMean(C, ps, j)) : null,
    };
  });
  return { rows, nTrained: T.length, nComparison: new Set(C).size, propensityConverged: ps !== null };
}

function designWeights(units: Unit[]): Map<Unit, number> {
  const count = new Map<string, { t: number; c: number }>();
  for (const u of units) {
    const k = `${u.g}|${u.segment}`;
    const cur = count.get(k) ?? { t: 0, c: 0 };
    if (u.treated) cur.t++;
    else cur.c++;
    count.set(k, cur);
  }
  const w = new Map<Unit, number>();
  for (const u of units)
    if (!u.treated) {
      const c = count.get(`${u.g}|${u.segment}`)!;
      w.set(u, c.t / c.c);
    }
  return w;
}

/**
 * The propensity model: logistic regression of being trained at g on the characteristics at g − 1,
 * pooled over groups (columns standardized so Newton steps stay well scaled). Returns each unit's
 * probability and its standardized characteristics, or null when the fit does not converge.
 */
export function propensityModel(units: readonly Unit[]): { p: Float64Array; X: number[][] } | null {
  if (!units.length) return null;
  const k = units[0]!.x.length;
  const mu = Array.from({ length: k }, (_, j) => avg(units.map((u) => u.x[j]!)));
  const sd = Array.from({ length: k }, (_, j) => Math.sqrt(variance(units.map((u) => u.x[j]!))));
  // A characteristic that does not vary (one CSM, no 3-month history yet) carries no information and would make the fit singular.
  const cols = sd.map((v, j) => (v > 1e-12 ? j : -1)).filter((j) => j >= 0);
  const X = units.map((u) => cols.map((j) => (u.x[j]! - mu[j]!) / sd[j]!));
  const beta = logisticRegression(
    X,
    units.map((u) => (u.treated ? 1 : 0)),
  );
  if (!beta) return null;
  const p = new Float64Array(units.length);
  X.forEach((row, i) => {
    p[i] = 1 / (1 + Math.exp(-(beta[0]! + row.reduce((s, v, j) => s + v * beta[j + 1]!, 0))));
  });
  return { p, X };
}

function propensityWeights(units: Unit[]): Map<Unit, number> | null {
  const model = propensityModel(units);
  if (!model) return null;
  const w = new Map<Unit, number>();
  const perGroup = new Map<number, { t: number; c: number }>();
  units.forEach((u, i) => {
    const p = model.p[i]!;
    const cur = perGroup.get(u.g) ?? { t: 0, c: 0 };
    if (u.treated) cur.t++;
    else {
      const odds = p / (1 - p);
      w.set(u, odds);
      cur.c += odds;
    }
    perGroup.set(u.g, cur);
  });
  for (const [u, v] of w) {
    const c = perGroup.get(u.g)!;
    w.set(u, c.c > 0 ? (v * c.t) / c.c : 0);
  }
  return w;
}

const avg = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : 0);
function variance(xs: number[]) {
  if (xs.length < 2) return 0;
  const m = avg(xs);
  return xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1);
}
function weightedMean(units: Unit[], w: Map<Unit, number>, j: number) {
  let s = 0,
    ws = 0;
  for (const u of units) {
    const x = w.get(u) ?? 0;
    s += x * u.x[j]!;
    ws += x;
  }
  return ws > 0 ? s / ws : NaN;
}
