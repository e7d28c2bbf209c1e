import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OUTCOMES } from "#app/analytics/impact/outcomes";
import type { PanelAccount } from "#app/analytics/impact/panel";
import { estimateOutcome } from "#app/analytics/impact/staggered";

// Fixture and reference values: tests/fixtures/impact/reference.py, an independent implementation in the
// Python standard library (R and statsmodels are not reachable here), written from the definitions.
const fixture = JSON.parse(readFileSync("tests/fixtures/impact/reference.json", "utf8")) as {
  T: number;
  leads: number;
  lags: number;
  accounts: FixtureAccount[];
  reference: References;
  /** Three groups in one segment: the cell weights' term pools ATT over groups (app/analytics/impact/cell-weights.ts). */
  pooled: { accounts: FixtureAccount[]; reference: References };
  /** The same with two groups of ONE trained account: their cells keep their own ATT in that term. */
  lone: { accounts: FixtureAccount[]; reference: References };
};
type FixtureAccount = { id: string; segment: string; trained: number | null; mrr: number[] };
type References = Record<
  "expansion" | "expansionRevenue",
  {
    overall: { estimate: number; se: number };
    eventStudy: Record<string, { estimate: number; se: number }>;
    preTrendChi2: number;
  }
>;

function toPanel(rows: readonly FixtureAccount[]): PanelAccount[] {
  return rows.map((a) => {
    const nan = () => new Float64Array(fixture.T).fill(NaN);
    return {
      id: a.id,
      segment: a.segment,
      csm: "x",
      trained: a.trained,
      mrr: Float64Array.from(a.mrr),
      utilization: nan(),
      breadth: nan(),
      health: nan(),
      courses: new Map(),
    };
  });
}

const spec = (key: string) => OUTCOMES.find((o) => o.key === key)!;

describe("staggered DiD (Callaway & Sant'Anna with not-yet-trained controls, stratified by segment)", () => {
  const datasets = [
    ["", fixture.accounts, fixture.reference],
    [" (three groups per event time: pooled cell-weight term)", fixture.pooled.accounts, fixture.pooled.reference],
    // Pooling every cell would give SE 4.1813 (expansion) instead of 4.5117: the lone accounts' own noise lost.
    [
      " (groups of one trained account: their own ATT in the weight term)",
      fixture.lone.accounts,
      fixture.lone.reference,
    ],
  ] as const;
  for (const [label, accounts, references] of datasets)
    for (const key of ["expansion", "expansionRevenue"] as const) {
      it(`reproduces the independent reference for ${key}${label}`, () => {
        const r = estimateOutcome(toPanel(accounts), fixture.T, spec(key), {
          groups: [1, fixture.T - 1],
          leads: fixture.leads,
          lags: fixture.lags,
          minControls: 2,
          minAccounts: 1,
        });
        const ref = references[key];
        expect(r.overall!.estimate).toBeCloseTo(ref.overall.estimate, 10);
        expect(r.overall!.se).toBeCloseTo(ref.overall.se, 10);
        for (const p of r.eventStudy) {
          const want = ref.eventStudy[String(p.e)];
          if (!want) {
            expect(p.estimate).toBeNull();
            continue;
          }
          expect(p.estimate!.estimate).toBeCloseTo(want.estimate, 10);
          expect(p.estimate!.se).toBeCloseTo(want.se, 10);
        }
        expect(r.preTrend!.df).toBe(1);
        expect(r.preTrend!.chi2).toBeCloseTo(ref.preTrendChi2, 10);
      });
    }

  it("one cell: the estimate is a difference of means and the SE the plug-in two-sample SE", () => {
    // g = 1, t = 2, one segment; treated changes 10, 20 %; controls 0, 5, 10 % (MRR 100 at b = 0).
    const mk = (id: string, trained: number | null, end: number): PanelAccount => ({
      id,
      segment: "s",
      csm: "x",
      trained,
      mrr: Float64Array.from([100, 100, end]),
      utilization: new Float64Array(3),
      breadth: new Float64Array(3),
      health: new Float64Array(3),
      courses: new Map(),
    });
    const accounts = [
      mk("t1", 1, 110),
      mk("t2", 1, 120),
      mk("c1", null, 100),
      mk("c2", null, 105),
      mk("c3", null, 110),
    ];
    const r = estimateOutcome(accounts, 3, spec("expansion"), {
      groups: [1, 1],
      leads: 0,
      lags: 1,
      minControls: 2,
      minAccounts: 1,
    });
    const e1 = r.eventStudy.find((p) => p.e === 1)!.estimate!;
    expect(e1.estimate).toBeCloseTo(15 - 5, 10);
    // Welch's SE: s²/n per arm, treated 50/1/2, controls 50/2/3.
    expect(e1.se).toBeCloseTo(Math.sqrt(50 / 2 + 50 / 6), 10);
    expect([e1.nTreated, e1.nControl]).toEqual([2, 3]);
    // Small-sample reference (app/analytics/impact/small-sample.ts designDf), by hand: the accounts' weights in the
    // estimate are √2, √2 (treated: 1 × √(n/(n − 1))) and (2/3)·√(3/2) for each of the 3 controls; Σc² = 6,
    // Σc⁴ = 9⅓, (Σc²)²/Σc⁴ = 27/7, minus 1: t with 20/7 df (scipy.stats.t.ppf(0.975, 20/7) = 3.274386654123754,
    // t.ppf(0.8, 20/7) = 0.9862520101080917).
    expect(e1.df).toBeCloseTo(20 / 7, 12);
    expect(e1.high - e1.estimate).toBeCloseTo(e1.se * 3.274386654123754, 8);
    expect(e1.mde).toBeCloseTo(e1.se * (3.274386654123754 + 0.9862520101080917), 8);
  });

  it("a month without data leaves the comparison instead of counting as 0, and churn is −100%", () => {
    const T = 3;
    const a = (id: string, trained: number | null, mrr: number[], util: number[]): PanelAccount => ({
      id,
      segment: "s",
      csm: "x",
      trained,
      mrr: Float64Array.from(mrr),
      utilization: Float64Array.from(util),
      breadth: new Float64Array(T),
      health: new Float64Array(T),
      courses: new Map(),
    });
    const accounts = [
      a("t1", 1, [100, 100, 100], [40, 50, 60]),
      a("t2", 1, [100, 100, 0], [40, 50, NaN]),
      a("c1", null, [100, 100, 100], [40, 40, 45]),
      a("c2", null, [100, 100, 100], [40, 40, NaN]),
      a("c3", null, [100, 100, 100], [30, 30, 35]),
    ];
    const util = estimateOutcome(accounts, T, spec("utilization"), {
      groups: [1, 1],
      leads: 0,
      lags: 1,
      minControls: 2,
      minAccounts: 1,
    }).eventStudy.find((p) => p.e === 1)!.estimate!;
    // From b = 0: t1 +20; controls with data: c1 +5, c3 +5 (c2 unobserved, t2 churned: no utilization).
    expect(util.estimate).toBeCloseTo(15, 10);
    expect([util.nTreated, util.nControl]).toEqual([1, 2]);
    const exp = estimateOutcome(accounts, T, spec("expansion"), {
      groups: [1, 1],
      leads: 0,
      lags: 1,
      minControls: 2,
      minAccounts: 1,
    }).eventStudy.find((p) => p.e === 1)!.estimate!;
    expect(exp.estimate).toBeCloseTo((0 + -100) / 2 - 0, 10);
  });
});
