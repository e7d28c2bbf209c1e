/**
 * Staggered-adoption difference-in-differences in the manner of Callaway & Sant'Anna (2021).
 *
 * Group g = accounts first trained in month g. For every group, month t (event time e = t − g, from
 * −leads to +lags) and stratum s (segment), ATT(g,t,s) compares the change of the outcome from month
 * b = g − 1 to month t of the group's accounts with the same change of the accounts of the same stratum
 * not trained by then: never trained, or trained after max(t, g) ("not-yet-trained" controls). Exact
 * stratification on segment is conditional parallel trends given segment (bigger accounts both train
 * more and expand more). A universal base period (b for every e) makes e = −1 zero by definition and
 * e ≤ −2 the placebo (pre-trend) points.
 *
 * Aggregation: the event-study point θ(e) averages ATT(g, g+e, s) over cells weighted by their treated
 * accounts (or the treated MRR at b for revenue-weighted outcomes); the overall effect averages every
 * cell with e = 0…lags the same way.
 *
 * Inference: the influence function of each aggregate is summed per account (an account is a control
 * in many cells and treated in several), so Var = Σ_accounts IF² is cluster-robust by account; it
 * includes the estimated cell weights (ratio-estimator term, with ATT pooled over groups at the same event
 * time and stratum, a cell's own where it has one trained account: ./cell-weights.ts), and each arm's deviations are scaled by
 * √(n/(n − 1)) per cell. Cells need at least 5 controls with data. Small-sample references
 * (./small-sample.ts): 95% CI = estimate ± t(0.975, df)·SE, MDE = (t(0.975) + t(0.80))·SE, df from the design
 * (the effective number of accounts the estimate's weights rest on, minus 1).
 * Pre-trend check: Wald test that the level (mean) and trend (slope) of θ(−leads…−2) are 0, with their IF
 * covariance, referred to F(2, G* − 2) (Hotelling's T² with G* accounts; ./targets.ts says why not all
 * points jointly); it passes at p ≥ 0.05.
 *
 * Files: this one runs the cells; ./strata.ts builds groups and comparison lists, ./targets.ts turns
 * the sums into estimates and the pre-trend test, ./effect-types.ts holds the result types.
 */
import { addCellWeightTerm, type WeightCell } from "./cell-weights";
import type { OutcomeEffect } from "./effect-types";
import type { OutcomeSpec } from "./outcomes";
import type { PanelAccount } from "./panel";
import { buildStrata } from "./strata";
import { finishTarget, newTarget, preTrendTest, truthOf, type Target } from "./targets";

export interface DesignOptions {
  /** Training months (panel indexes, inclusive) whose groups are estimated: the report's period. */
  groups: [number, number];
  leads?: number;
  lags?: number;
  /** Minimum controls with data in a stratum cell (fewer: the cell's treated accounts are left out, and counted). */
  minControls?: number;
  /** A figure needs at least this many distinct trained and comparison accounts (default 10, the report's MIN_N). */
  minAccounts?: number;
  /** Treated-by definition per account (defaults to account.trained; per-course designs pass the course's month). */
  treatedAt?: (a: PanelAccount) => number | null;
  /** Eligible accounts; default all. */
  eligible?: (a: PanelAccount) => boolean;
  /** Stratum of an account at base month b (default its segment); must start with the segment. */
  stratumAt?: (a: PanelAccount, b: number) => string;
  /**
   * Validation only: the same accounts without the planted effects (same order). Each target then also
   * gets its truth, Σ w·(Δ with effects − Δ without) / Σ w over the treated accounts of the cells used.
   */
  counterfactual?: readonly PanelAccount[];
}

export function eventTimes(leads: number, lags: number): number[] {
  const out: number[] = [];
  for (let e = -leads; e <= lags; e++) if (e !== -1) out.push(e);
  return out;
}

export function estimateOutcome(
  accounts: readonly PanelAccount[],
  T: number,
  outcome: OutcomeSpec,
  opts: DesignOptions,
): OutcomeEffect {
  const leads = opts.leads ?? 6,
    lags = opts.lags ?? 12,
    minControls = opts.minControls ?? 5,
    minAccounts = opts.minAccounts ?? 10;
  const treatedAt = opts.treatedAt ?? ((a: PanelAccount) => a.trained);
  const N = accounts.length;
  const delta =
    outcome.deltaByIndex?.(accounts) ?? ((i: number, b: number, t: number) => outcome.delta(accounts[i]!, b, t));
  const times = eventTimes(leads, lags);
  const targets = times.map(() => newTarget(N));
  const overall = newTarget(N);

  const { groups, rank, controlsOf } = buildStrata(accounts, T, {
    groups: opts.groups,
    treatedAt,
    eligible: opts.eligible,
    stratumAt: opts.stratumAt,
  });

  const cf = opts.counterfactual;
  const dropped = new Uint8Array(N),
    kept = new Uint8Array(N);
  const ys = new Float64Array(N),
    ws = new Float64Array(N);
  const weightCells: WeightCell<Target>[] = [];
  for (const [g, byStratum] of groups) {
    const b = g - 1;
    times.forEach((e, j) => {
      const t = g + e;
      if (t < 0 || t >= T) return;
      const limit = Math.max(t, g);
      for (const [key, treated] of byStratum) {
        let tW = 0,
          tWY = 0;
        for (const i of treated) {
          const y = delta(i, b, t);
          ys[i] = y;
          if (!Number.isFinite(y)) continue;
          const w = outcome.weight(accounts[i]!, b);
          ws[i] = w;
          tW += w;
          tWY += w * y;
        }
        if (!(tW > 0)) continue;
        const stratum = controlsOf(accounts[treated[0]!]!.segment, key, b);
        let cW = 0,
          cWY = 0,
          cN = 0,
          end = 0;
        for (; end < stratum.length; end++) {
          const i = stratum[end]!;
          if (!(rank(i) > limit)) break;
          const y = delta(i, b, t);
          ys[i] = y;
          if (!Number.isFinite(y)) continue;
          const w = outcome.weight(accounts[i]!, b);
          ws[i] = w;
          cW += w;
          cWY += w * y;
          cN++;
        }
        if (cN < minControls || !(cW > 0)) {
          for (const i of treated) if (Number.isFinite(ys[i]!)) dropped[i] = 1;
          continue;
        }
        const mT = tWY / tW,
          mC = cWY / cW,
          att = mT - mC;
        // Each arm's spread with n − 1 (small-sample correction, like HC1 per cell): a cell of 2 controls
        // otherwise counts half their variance.
        let nT = 0;
        for (const i of treated) if (Number.isFinite(ys[i]!)) nT++;
        const kT = nT > 1 ? Math.sqrt(nT / (nT - 1)) : 1,
          kC = Math.sqrt(cN / (cN - 1));
        const into = e >= 0 ? [targets[j]!, overall] : [targets[j]!];
        const members = treated.filter((i) => Number.isFinite(ys[i]!));
        weightCells.push({ into, pool: `${j}\u0000${key}`, att, tW, members, w: members.map((i) => ws[i]!) });
        for (const target of into) {
          target.num += tW * att;
          target.den += tW;
          for (const i of treated) {
            if (!Number.isFinite(ys[i]!)) continue;
            kept[i] = 1;
            target.ifx[i]! += ws[i]! * (ys[i]! - mT) * kT;
            target.design[i]! += ws[i]! * kT;
            target.b[i]! += ws[i]!;
            target.treated[i] = 1;
            if (cf) {
              const y0 = outcome.delta(cf[i]!, b, t);
              if (Number.isFinite(y0)) {
                target.tNum += ws[i]! * (ys[i]! - y0);
                target.tDen += ws[i]!;
              }
            }
          }
          const k = (tW / cW) * kC;
          let eNum = 0,
            eDen = 0;
          for (let p = 0; p < end; p++) {
            const i = stratum[p]!;
            if (!Number.isFinite(ys[i]!)) continue;
            target.ifx[i]! -= k * ws[i]! * (ys[i]! - mC);
            target.design[i]! += k * ws[i]!;
            target.control[i] = 1;
            const y0 = cf ? outcome.delta(cf[i]!, b, t) : NaN;
            if (Number.isFinite(y0)) {
              eNum += ws[i]! * (ys[i]! - y0);
              eDen += ws[i]!;
            }
          }
          if (eDen > 0) {
            target.cNum += (tW * eNum) / eDen;
            target.cDen += tW;
          }
        }
      }
    });
  }

  addCellWeightTerm(weightCells);

  const finished = targets.map((t) => finishTarget(t, minAccounts));
  let treatedWithoutControls = 0;
  for (let i = 0; i < N; i++) if (dropped[i] && !kept[i]) treatedWithoutControls++;
  return {
    key: outcome.key,
    label: outcome.label,
    unit: outcome.unit,
    weighting: outcome.weighting,
    overall: finishTarget(overall, minAccounts)?.est ?? null,
    eventStudy: times.map((e, j) => ({ e, estimate: finished[j]?.est ?? null })),
    preTrend: preTrendTest(times, finished),
    treatedWithoutControls,
    ...(cf
      ? {
          truth: {
            overall: truthOf(overall),
            eventStudy: targets.map(truthOf),
            overallControls: overall.cDen > 0 ? overall.cNum / overall.cDen : null,
          },
        }
      : {}),
  };
}
