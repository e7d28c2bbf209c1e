import { describe, expect, it } from "vitest";
import { mean } from "simple-statistics";
import {
  bootstrapDifference,
  correlation,
  differenceOfMeans,
  meanChange,
  ratioDifference,
  ratioOfSums,
  stratifiedDifference,
  tQuantile,
} from "#app/analytics/statistics";

// Student's sleep data (R: datasets::sleep), the textbook Welch example.
const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
// Anscombe's quartet, set I.
const ax = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
const ay = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

describe("tQuantile", () => {
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [3, 3.1824],
    [5, 2.5706],
    [9, 2.2622],
    [17.776, 2.103],
    [30, 2.0423],
    [120, 1.9799],
  ])("matches the t table at df = %s", (df, expected) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(expected, 2);
  });
});

describe("differenceOfMeans (Welch)", () => {
  it("reproduces R's t.test(extra ~ group, data = sleep)", () => {
    const d = differenceOfMeans(sleep1, sleep2);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.estimate).toBeCloseTo(-1.58, 10);
    expect(d.low).toBeCloseTo(-3.3654832, 3);
    expect(d.high).toBeCloseTo(0.2054832, 3);
    expect([d.nA, d.nB]).toEqual([10, 10]);
  });

  it("gives a reason instead of a figure when a cohort has fewer than 10 accounts", () => {
    const d = differenceOfMeans(sleep1.slice(0, 9), sleep2);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.reason).toMatch(/at least 10 accounts.*trained n = 9, untrained n = 10/);
  });

  it("agrees with the seeded bootstrap on a skewed sample", () => {
    const a = Array.from({ length: 400 }, (_, i) => ((i * 7919) % 101) ** 1.5 / 10);
    const b = Array.from({ length: 300 }, (_, i) => ((i * 104729) % 97) ** 1.5 / 11);
    const analytic = differenceOfMeans(a, b);
    const boot = bootstrapDifference(a, b, (xs) => mean(xs), { seed: 7, resamples: 2000 });
    expect(analytic.ok).toBe(true);
    if (!analytic.ok) return;
    expect(boot.estimate).toBeCloseTo(analytic.estimate, 10);
    const width = analytic.high - analytic.low;
    expect(Math.abs(boot.low - analytic.low)).toBeLessThan(width * 0.1);
    expect(Math.abs(boot.high - analytic.high)).toBeLessThan(width * 0.1);
    // Same seed, same interval.
    expect(bootstrapDifference(a, b, (xs) => mean(xs), { seed: 7, resamples: 2000 })).toEqual(boot);
  });
});

describe("ratio of sums (delta method)", () => {
  it("is Σy ÷ Σx", () => {
    const r = ratioOfSums([
      { numerator: 60, denominator: 50 },
      { numerator: 75, denominator: 50 },
    ]);
    expect(r?.estimate).toBeCloseTo(135, 10);
  });

  it("has a CI that agrees with the bootstrap", () => {
    const pts = (k: number, lift: number) =>
      Array.from({ length: 300 }, (_, i) => {
        const denominator = 100 + ((i * k) % 37) * 20;
        return { numerator: denominator * (1 + lift + (((i * 31) % 17) - 8) / 40), denominator };
      });
    const a = pts(13, 0.1),
      b = pts(7, 0);
    const d = ratioDifference(a, b);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.estimate).toBeGreaterThan(5);
    const stat = (xs: { numerator: number; denominator: number }[]) =>
      (xs.reduce((s, p) => s + p.numerator, 0) / xs.reduce((s, p) => s + p.denominator, 0)) * 100;
    const boot = bootstrapDifference(a, b, stat, { seed: 1, resamples: 1500 });
    const width = d.high - d.low;
    expect(Math.abs(boot.low - d.low)).toBeLessThan(width * 0.12);
    expect(Math.abs(boot.high - d.high)).toBeLessThan(width * 0.12);
  });
});

describe("stratifiedDifference", () => {
  it("removes confounding that the crude difference shows (Simpson's paradox)", () => {
    // Within each stratum trained and untrained are identical; trained accounts sit mostly in the big stratum.
    const small = { key: "smb", a: [1, 2, 3, 1, 2, 3], b: Array.from({ length: 30 }, (_, i) => 1 + (i % 3)) };
    const big = { key: "ent", a: Array.from({ length: 30 }, (_, i) => 11 + (i % 3)), b: [11, 12, 13, 11, 12, 13] };
    const crude = differenceOfMeans([...small.a, ...big.a], [...small.b, ...big.b]);
    expect(crude.ok && crude.estimate).toBeGreaterThan(5);
    const adjusted = stratifiedDifference([small, big], "mean");
    expect(adjusted.ok).toBe(true);
    if (!adjusted.ok) return;
    expect(adjusted.estimate).toBeCloseTo(0, 10);
    expect(adjusted.strataUsed).toBe(2);
  });

  it("weights each stratum by its number of accounts", () => {
    const s1 = {
      key: "1",
      a: Array(10)
        .fill(0)
        .map((_, i) => 5 + (i % 2)),
      b: Array(10)
        .fill(0)
        .map((_, i) => 0 + (i % 2)),
    }; // diff 5, w 20
    const s2 = {
      key: "2",
      a: Array(20)
        .fill(0)
        .map((_, i) => 1 + (i % 2)),
      b: Array(20)
        .fill(0)
        .map((_, i) => 0 + (i % 2)),
    }; // diff 1, w 40
    const est = stratifiedDifference([s1, s2], "mean");
    expect(est.ok && est.estimate).toBeCloseTo((20 * 5 + 40 * 1) / 60, 10);
  });

  it("skips groups without 2 accounts in each cohort and says when too little is left", () => {
    const est = stratifiedDifference(
      [
        { key: "x", a: [1], b: [2, 3, 4] },
        { key: "y", a: [1, 2, 3], b: [4, 5] },
      ],
      "mean",
    );
    expect(est.ok).toBe(false);
    expect(est.strataSkipped).toBe(1);
  });
});

describe("correlation", () => {
  it("reproduces R's cor.test on Anscombe I (Pearson r, Fisher CI) and Spearman ρ", () => {
    const c = correlation(ax, ay);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.n).toBe(11);
    expect(c.pearson.r).toBeCloseTo(0.8164205, 6);
    expect(c.pearson.low).toBeCloseTo(0.4243912, 3);
    expect(c.pearson.high).toBeCloseTo(0.9506933, 3);
    expect(c.spearman.rho).toBeCloseTo(0.8181818, 6);
    expect(c.spearman.low).toBeLessThan(c.spearman.rho);
    expect(c.spearman.high).toBeGreaterThan(c.spearman.rho);
  });

  it("ranks ties with mid-ranks (Spearman)", () => {
    const c = correlation([1, 2, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(c.ok && c.spearman.rho).toBeCloseTo(1, 12);
  });

  it("returns a reason, not a figure, for n < 10", () => {
    const c = correlation([1, 2, 3, 4, 5, 6, 7, 8, 9], [2, 1, 4, 3, 6, 5, 8, 7, 9]);
    expect(c).toEqual({ ok: false, n: 9, reason: expect.stringMatching(/at least 10 accounts.*n = 9/) });
  });

  it("ignores pairs with a missing value when counting n", () => {
    const c = correlation([...ax, NaN], [...ay, 3]);
    expect(c.n).toBe(11);
  });

  it("says so when one axis has no variation", () => {
    const c = correlation(Array(12).fill(1), ax.concat([1]));
    expect(c.ok).toBe(false);
  });
});

describe("meanChange", () => {
  it("is a one-sample t interval", () => {
    const diffs = sleep2.map((v, i) => v - sleep1[i]!); // R: t.test(sleep2, sleep1, paired = TRUE)
    const m = meanChange(diffs);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.estimate).toBeCloseTo(1.58, 10);
    expect(m.low).toBeCloseTo(0.7001142, 3);
    expect(m.high).toBeCloseTo(2.4598858, 3);
  });
});
