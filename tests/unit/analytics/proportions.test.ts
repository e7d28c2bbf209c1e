import { describe, expect, it } from "vitest";
import {
  differenceOfMeans,
  newcombeDifference,
  ratioDifference,
  ratioInterval,
  wilsonInterval,
} from "#app/analytics/statistics";

/**
 * Reference values: Wilson = R's prop.test(x, n, correct = FALSE)$conf.int; Newcombe method 10 = the
 * published table of Newcombe (1998), Statistics in Medicine 17:873–890, Table II, reproduced here with
 * statsmodels 0.15 (`proportion_confint(x, n, method="wilson")`,
 * `confint_proportions_2indep(a, na, b, nb, method="newcomb", compare="diff")`), printed to 6 decimals.
 * Our functions report percentages, so the references are × 100.
 */
describe("wilsonInterval", () => {
  it.each([
    [81, 263, 0.255289, 0.36621],
    [15, 148, 0.062386, 0.160487],
    [0, 20, 0, 0.161125],
    [1, 29, 0.006113, 0.171755],
    [0, 10, 0, 0.277533],
    [10, 10, 0.722467, 1],
  ])("%i of %i", (x, n, low, high) => {
    const w = wilsonInterval(x, n);
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    expect(w.p).toBeCloseTo((x / n) * 100, 10);
    expect(w.low).toBeCloseTo(low * 100, 3);
    expect(w.high).toBeCloseTo(high * 100, 3);
    expect(w.high - w.low).toBeGreaterThan(0); // never zero width, even with 0 or n events
  });

  it("says 'not enough data' below the minimum n instead of a figure", () => {
    expect(wilsonInterval(1, 9)).toMatchObject({ ok: false, n: 9, reason: expect.stringMatching(/at least 10/) });
  });
});

describe("newcombeDifference (method 10)", () => {
  it.each([
    [56, 70, 48, 80, 0.052431, 0.333873],
    [9, 10, 3, 10, 0.170523, 0.809018],
    [6, 7, 2, 7, 0.058228, 0.80625],
    [5, 56, 0, 29, -0.038137, 0.19256],
    [0, 10, 0, 20, -0.161125, 0.277533],
    [0, 10, 0, 10, -0.277533, 0.277533],
    [10, 10, 0, 20, 0.679086, 1],
    [10, 10, 0, 10, 0.607509, 1],
    [0, 12, 0, 15, -0.203883, 0.242494],
  ])("%i/%i − %i/%i", (a, na, b, nb, low, high) => {
    const d = newcombeDifference(a, na, b, nb, 1);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.estimate).toBeCloseTo((a / na - b / nb) * 100, 10);
    expect(d.low).toBeCloseTo(low * 100, 3);
    expect(d.high).toBeCloseTo(high * 100, 3);
  });

  it("zero events in both groups: a difference of 0 with an interval that is not [0, 0]", () => {
    const d = newcombeDifference(0, 14, 0, 54);
    expect(d).toMatchObject({ ok: true, estimate: 0 });
    if (!d.ok) return;
    expect(d.low).toBeLessThan(-1);
    expect(d.high).toBeGreaterThan(1);
  });

  it("below the minimum n per group it says so", () => {
    expect(newcombeDifference(0, 9, 0, 40)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/trained n = 9/),
    });
  });
});

describe("no zero-width intervals", () => {
  it("a difference of means with no spread at all gives no interval, with the reason", () => {
    const d = differenceOfMeans(Array(12).fill(0), Array(15).fill(0));
    expect(d).toMatchObject({ ok: false, reason: expect.stringMatching(/same value/) });
  });

  it("ratio rates where every account kept exactly its revenue give no interval", () => {
    const same = Array.from({ length: 12 }, (_, i) => ({ numerator: 100 * (i + 1), denominator: 100 * (i + 1) }));
    expect(ratioDifference(same, same)).toMatchObject({ ok: false, reason: expect.stringMatching(/same value/) });
    expect(ratioInterval(same)).toMatchObject({ ok: false });
  });

  it("a group's ratio of sums has a delta-method interval around it", () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ numerator: 100 + i * 10, denominator: 100 }));
    const r = ratioInterval(pts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.estimate).toBeCloseTo(145, 10);
    expect(r.low).toBeLessThan(145);
    expect(r.high).toBeGreaterThan(145);
  });
});
