import { describe, expect, it } from "vitest";
import { fSurvival } from "#app/analytics/distributions";
import {
  designDf,
  effectiveAccounts,
  estimateFromInfluence,
  jointWaldTest,
  tTest,
} from "#app/analytics/impact/small-sample";
import { preTrendTest, type Finished } from "#app/analytics/impact/targets";

// Reference values: tests/fixtures/impact/small_sample_reference.py (numpy 2.4.6 + scipy 1.17.1, run on
// the development machine; scipy.stats.f.sf / t.ppf / t.sf), independent of the code under test.
const PSI = [
  [0.4, 0.1],
  [-0.3, 0.2],
  [0.2, -0.4],
  [-0.1, -0.1],
  [0.3, 0.5],
  [-1.6, 1.1],
];
const column = (j: number) => Float64Array.from(PSI.map((r) => r[j]!));
const THETA = [1.2, -0.9];

describe("small-sample references from the effective number of accounts", () => {
  it("F upper tail agrees with scipy.stats.f.sf, fractional df included", () => {
    const ref: [number, number, number, number][] = [
      [2.5, 5, 12.3, 0.08832310648185031],
      [1.0, 1, 7, 0.3506166628202074],
      [4.2, 2, 30, 0.024651903288156606],
      [0.3, 5, 3.5, 0.8884771972396174],
      [2.214, 5, 1e4, 0.050095958001443494],
    ];
    for (const [x, d1, d2, want] of ref) expect(fSurvival(x, d1, d2)).toBeCloseTo(want, 10);
    expect(fSurvival(0, 2, 3)).toBe(1);
  });

  it("joint test: G* = k(k+2)/Σd², Hotelling F(k, G* − k), as numpy/scipy compute it", () => {
    const psis = [column(0), column(1)];
    expect(effectiveAccounts(psis)!).toBeCloseTo(5.9024481507888344, 10);
    const t = jointWaldTest(THETA, psis)!;
    expect(t.chi2).toBeCloseTo(0.550193610842207, 10);
    expect(t.df).toBe(2);
    expect(t.f).toBeCloseTo(0.2189826361408351, 10);
    expect(t.dfDenominator).toBeCloseTo(3.9024481507888344, 10);
    expect(t.p).toBeCloseTo(0.8125783375229675, 10);
    // The χ² reference (what the pre-trend test used before) gives 0.7595: more liberal when one account dominates.
    expect(t.p).toBeGreaterThan(0.7594985960846916);
  });

  it("G* and the design's df never exceed the number of accounts that contribute", () => {
    // Equal |ψ|: Kish's k²/Σd² = 8, times the normal-theory factor (k + 2)/k = 3 is 24: capped at the 8 accounts.
    const psi = Float64Array.from([1, -1, 1, -1, 1, -1, 1, -1, 0, 0]);
    expect(effectiveAccounts([psi])).toBe(8);
    // One account dominating: Kish's count near 1 (times 3 under normality), whatever the number of accounts.
    const heavy = Float64Array.from([10, 0.1, -0.1, 0.1, -0.1, 0.1]);
    expect(effectiveAccounts([heavy])!).toBeCloseTo(3, 2);
    // Equal weights on 8 accounts: (Σc²)²/Σc⁴ = 8, minus 1 for the estimated means; one account carrying the
    // estimate: at least 1 df; no weight at all: no estimate of spread, normal reference.
    expect(designDf(Float64Array.from([2, 2, 2, 2, 2, 2, 2, 2, 0, 0]))).toBeCloseTo(7, 12);
    expect(designDf(Float64Array.from([50, 0.1, 0.1, 0.1]))).toBe(1);
    expect(designDf(new Float64Array(3))).toBe(Infinity);
  });

  it("one estimate: t with the design's df (scipy.stats.t), whatever the residuals", () => {
    const weights = Float64Array.from([1, 2, 1.5, 0.5, 1, 0]);
    expect(designDf(weights)).toBeCloseTo(2.1243243243243244, 12);
    const t = tTest(2.1, designDf(weights));
    expect(t.q975).toBeCloseTo(4.070130055990855, 9);
    expect(t.q80).toBeCloseTo(1.0455049134176726, 9);
    expect(t.p).toBeCloseTo(0.16304351214313476, 9);
    // G* of one estimate (k = 1) from these residuals is ≈ 4 (scipy: 3.957); a heavy residual (account 2 below)
    // would pull it lower still, the design's df stays what the weights give.
    expect(effectiveAccounts([column(0)])!).toBeCloseTo(3.9574206848463733, 10);
    const e = estimateFromInfluence(1, Float64Array.from([0.1, 4, 0.2, -0.1, 0.1, 0]), weights, 5, 5);
    expect(e.df).toBeCloseTo(2.1243243243243244, 12);
    expect(e.high - e.estimate).toBeCloseTo(e.se * 4.070130055990855, 9);
  });

  it("too few effective accounts to test k points: no test rather than a guess", () => {
    const one = Float64Array.from([0, 0, 3, 0]),
      other = Float64Array.from([0, 1, 0, 0]);
    // One account: G* = 1 ≤ k. Two accounts, two points: G* = 2 ≤ k. Three accounts can test one point.
    expect(jointWaldTest([1], [one])).toBeNull();
    expect(jointWaldTest([1, 1], [one, other])).toBeNull();
    expect(jointWaldTest([1], [Float64Array.from([1, -1, 1, 0])])).not.toBeNull();
  });
});

describe("pre-trend test: level and trend of the pre-period points", () => {
  // tests/fixtures/impact/small_sample_reference.py, "preTrend": e = −4, −3, −2; account 8 dominates.
  const PSI3 = [
    [0.3, 0.2, 0.1],
    [-0.2, -0.25, -0.1],
    [0.1, 0.05, 0.02],
    [-0.4, -0.3, -0.2],
    [0.25, 0.3, 0.15],
    [0.05, -0.1, 0.05],
    [-0.15, 0.1, -0.05],
    [2.5, 1.6, 0.8],
  ];
  const THETA3 = [0.8, 0.5, 0.1];
  const finished = (j: number): Finished => {
    const psi = Float64Array.from(PSI3.map((r) => r[j]!));
    return { est: estimateFromInfluence(THETA3[j]!, psi, psi.map(Math.abs), 10, 10), psi };
  };
  // Event times −4…+1 as the design lists them; −1 is the reference (no estimate), 0 and 1 are post-period.
  const times = [-4, -3, -2, -1, 0, 1];
  const post: Finished = {
    est: estimateFromInfluence(9, Float64Array.from([1, -1, 1, -1, 1, -1, 1, -1]), new Float64Array(8).fill(1), 10, 10),
    psi: Float64Array.from([1, -1, 1, -1, 1, -1, 1, -1]),
  };

  it("tests mean and least-squares slope jointly, as numpy/scipy compute it; post-period points are not tested", () => {
    const t = preTrendTest(times, [finished(0), finished(1), finished(2), null, post, post])!;
    expect(t.points).toBe(3);
    expect(t.df).toBe(2);
    expect(t.level.estimate).toBeCloseTo(0.4666666666666667, 12);
    expect(t.level.se).toBeCloseTo(1.7000457510183529, 10);
    expect(t.trend!.estimate).toBeCloseTo(-0.35, 12);
    expect(t.trend!.se).toBeCloseTo(0.8669486720677297, 10);
    expect(t.dfDenominator).toBeCloseTo(4.342467863911648, 10);
    expect(t.chi2).toBeCloseTo(1.2596804341802579, 10);
    expect(t.f).toBeCloseTo(0.5119470948226658, 10);
    expect(t.p).toBeCloseTo(0.6314943422038808, 10);
    expect(t.pass).toBe(true);
  });

  it("with two points it is the joint test of both (a reparametrization); with one, that point's own test", () => {
    const two = preTrendTest([-3, -2, -1], [finished(0), finished(1), null])!;
    const joint = jointWaldTest([THETA3[0]!, THETA3[1]!], [finished(0).psi, finished(1).psi])!;
    expect(two.df).toBe(2);
    expect(two.chi2).toBeCloseTo(joint.chi2, 10);
    const one = preTrendTest([-2, -1], [finished(2), null])!;
    expect(one.df).toBe(1);
    expect(one.trend).toBeNull();
    expect(one.chi2).toBeCloseTo((THETA3[2]! / finished(2).est.se) ** 2, 10);
  });

  it("a level shift fails the check", () => {
    const shifted: Finished[] = [0, 1, 2].map((j) => {
      const f = finished(j);
      return { ...f, est: { ...f.est, estimate: 4 } };
    });
    const t = preTrendTest([-4, -3, -2], shifted)!;
    expect(t.level.estimate).toBeCloseTo(4, 12);
    expect(t.pass).toBe(false);
  });
});
