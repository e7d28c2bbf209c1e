/**
 * Doubly robust (AIPW) difference-in-differences for an account-weighted outcome, in the manner of
 * Sant'Anna & Zhao (2020), per group-time cell of the staggered design and aggregated like it.
 *
 * For every group g (accounts trained in month g) and month t = g … g + lags, with b = g − 1 and
 * ΔY = the outcome's change from b to t:
 * - outcome regression: ΔY on the characteristics at b (those of the balance table: log MRR, 3-month
 *   MRR growth, health, utilization, tenure, segment, CSM), least squares on the cell's comparison
 *   accounts (not trained by t); m(X) its prediction;
 * - propensity: the balance table's logistic model of being trained at g (pooled over groups), p(X);
 * - ATT(g,t) = mean over trained of (ΔY − m(X)) − Σ_c o_c (ΔY_c − m(X_c)) / Σ_c o_c, o = p ÷ (1 − p).
 * Consistent when either model is right. Overall = the cells' ATT weighted by their trained accounts.
 *
 * Standard error: the influence function summed per account (cluster-robust, as the main estimate),
 * treating the two fitted models as known (their estimation is not propagated — first-order harmless
 * for a doubly robust estimator when both are right; the validation harness checks coverage).
 */
import { balanceUnits, propensityModel, type Unit } from "./balance";
import { addCellWeightTerm, type WeightCell } from "./cell-weights";
import { solve } from "./linear";
import type { OutcomeSpec } from "./outcomes";
import type { Panel, PanelAccount } from "./panel";
import { estimateFromInfluence } from "./small-sample";
import type { EffectEstimate } from "./effect-types";

export interface DoublyRobust {
  overall: EffectEstimate | null;
  /** Why there is no estimate (overall null). */
  reason?: string;
  /** Cells left out: too few comparison accounts for the outcome regression. */
  cellsSkipped: number;
  /** Validation only (with `counterfactual`): Σ (ΔY with effects − ΔY without) over the trained accounts of the cells used. */
  truth?: number | null;
}

export interface DoublyRobustOptions {
  groups: [number, number];
  lags: number;
  minAccounts?: number;
  counterfactual?: readonly PanelAccount[];
  /** Units and propensity model already built (the balance table's), to fit once. */
  units?: Unit[];
}

const clampOdds = (p: number) => {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return q / (1 - q);
};

export function doublyRobust(panel: Panel, outcome: OutcomeSpec, opts: DoublyRobustOptions): DoublyRobust {
  const T = panel.months.length,
    N = panel.accounts.length,
    minAccounts = opts.minAccounts ?? 10;
  const units = opts.units ?? balanceUnits(panel, opts.groups);
  const model = propensityModel(units);
  if (!model || !units.length) {
    return {
      overall: null,
      cellsSkipped: 0,
      reason: units.length
        ? "The propensity model did not converge (training perfectly predicted by the characteristics)."
        : "No trained accounts with data in the month before training.",
      ...(opts.counterfactual ? { truth: null } : {}),
    };
  }
  const k = model.X[0]!.length + 1;
  // Each unit's characteristics with the intercept first, once (the cells reuse them).
  const rows = model.X.map((x) => Float64Array.from([1, ...x]));
  const byGroup = new Map<number, number[]>(); // unit indexes per group
  units.forEach((u, j) => {
    const list = byGroup.get(u.g) ?? [];
    list.push(j);
    byGroup.set(u.g, list);
  });

  let num = 0,
    den = 0,
    tNum = 0,
    tDen = 0,
    cellsSkipped = 0;
  const ifx = new Float64Array(N),
    a = new Float64Array(N),
    bw = new Float64Array(N),
    design = new Float64Array(N);
  const treatedSeen = new Uint8Array(N),
    controlSeen = new Uint8Array(N);
  const cf = opts.counterfactual;
  // The cell weights' term w·(ATT(g, t) − θ) with ATT pooled over groups at the same event time (./cell-weights.ts).
  const target = { a },
    weightCells: WeightCell<typeof target>[] = [];
  for (const [g, members] of byGroup) {
    const b = g - 1;
    for (let t = g; t <= Math.min(T - 1, g + opts.lags); t++) {
      const tr: { j: number; y: number }[] = [],
        co: { j: number; y: number }[] = [];
      for (const j of members) {
        const u = units[j]!,
          acct = panel.accounts[u.i]!;
        if (!u.treated && acct.trained !== null && acct.trained <= t) continue; // trained by t: no longer a comparison
        const y = outcome.delta(acct, b, t);
        if (!Number.isFinite(y)) continue;
        (u.treated ? tr : co).push({ j, y });
      }
      if (!tr.length) continue;
      if (co.length < Math.max(k + 5, 10)) {
        cellsSkipped++;
        continue;
      }
      // Outcome regression on the comparison accounts: normal equations with an intercept.
      const XtX = Array.from({ length: k }, () => new Array<number>(k).fill(0)),
        Xty = new Array<number>(k).fill(0);
      for (const { j, y } of co) {
        const row = rows[j]!;
        for (let r = 0; r < k; r++) {
          const v = row[r]!,
            out = XtX[r]!;
          Xty[r]! += v * y;
          for (let c = r; c < k; c++) out[c]! += v * row[c]!;
        }
      }
      for (let r = 0; r < k; r++) for (let c = 0; c < r; c++) XtX[r]![c] = XtX[c]![r]!;
      // A constant column (a CSM or segment absent from this cell) makes X'X singular: a tiny ridge keeps it solvable.
      for (let r = 1; r < k; r++) XtX[r]![r]! += 1e-8 * co.length;
      const beta = solve(XtX, Xty);
      if (!beta) {
        cellsSkipped++;
        continue;
      }
      const resid = (j: number, y: number) => {
        const row = rows[j]!;
        let m = 0;
        for (let c = 0; c < k; c++) m += row[c]! * beta[c]!;
        return y - m;
      };
      let sT = 0;
      const rT = tr.map(({ j, y }) => {
        const r = resid(j, y);
        sT += r;
        return r;
      });
      const mT = sT / tr.length;
      let sO = 0,
        sOR = 0;
      const rC = co.map(({ j, y }) => {
        const r = resid(j, y),
          o = clampOdds(model.p[j]!);
        sO += o;
        sOR += o * r;
        return { r, o };
      });
      const mC = sOR / sO,
        att = mT - mC;
      const nT = tr.length,
        kT = nT > 1 ? Math.sqrt(nT / (nT - 1)) : 1,
        kC = Math.sqrt(co.length / (co.length - 1));
      num += nT * att;
      den += nT;
      const idx = tr.map(({ j }) => units[j]!.i);
      weightCells.push({ into: [target], pool: String(t - g), att, tW: nT, members: idx, w: idx.map(() => 1) });
      tr.forEach(({ j }, q) => {
        const i = units[j]!.i;
        ifx[i]! += (rT[q]! - mT) * kT;
        design[i]! += kT;
        bw[i]! += 1;
        treatedSeen[i] = 1;
        if (cf) {
          const y0 = outcome.delta(cf[i]!, b, t);
          if (Number.isFinite(y0)) {
            tNum += tr[q]!.y - y0;
            tDen += 1;
          }
        }
      });
      const scale = (nT / sO) * kC;
      co.forEach(({ j }, q) => {
        const i = units[j]!.i;
        ifx[i]! -= scale * rC[q]!.o * (rC[q]!.r - mC);
        design[i]! += scale * rC[q]!.o;
        controlSeen[i] = 1;
      });
    }
  }
  addCellWeightTerm(weightCells);
  const truth = cf ? { truth: tDen > 0 ? tNum / tDen : null } : {};
  let nT = 0,
    nC = 0;
  for (let i = 0; i < N; i++) {
    nT += treatedSeen[i]!;
    nC += controlSeen[i]!;
  }
  if (!(den > 0) || nT < minAccounts || nC < minAccounts)
    return {
      overall: null,
      cellsSkipped,
      reason: `Not enough data: ${nT} trained and ${nC} comparison accounts in cells with enough comparison accounts for the outcome regression (at least ${minAccounts} each needed).`,
      ...truth,
    };
  const theta = num / den;
  const psi = new Float64Array(N);
  for (let i = 0; i < N; i++) psi[i] = (ifx[i]! + a[i]! - theta * bw[i]!) / den;
  return {
    // The same small-sample reference as the main estimate: Student t with the design's df (./small-sample.ts).
    overall: estimateFromInfluence(theta, psi, design, nT, nC),
    cellsSkipped,
    ...truth,
  };
}
