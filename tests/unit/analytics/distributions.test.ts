import { describe, expect, it } from "vitest";
import { chiSquareSurvival, normalCdf, normalQuantile, tQuantile } from "#app/analytics/distributions";

// Reference values computed independently in Python 3.11's standard library (no R here, no PyPI):
// statistics.NormalDist().inv_cdf implements Wichura's AS241 (the algorithm of R's qnorm, ~1e-16).
const NORMAL: [number, number][] = [
  [0.5, 0.0],
  [0.8, 0.8416212335729144],
  [0.9, 1.2815515655446008],
  [0.95, 1.6448536269514715],
  [0.975, 1.9599639845400536],
  [0.995, 2.5758293035489],
  [0.999, 3.090232306167813],
  [0.01, -2.3263478740408408],
  [0.001, -3.090232306167813],
  [1e-6, -4.753424308822899],
  [0.02425, -1.9729610513118845],
  [0.97575, 1.9729610513118847],
];

// Student t quantiles for integer df: Python bisection (200 halvings) on the closed-form CDF of Abramowitz
// & Stegun 26.7.3–26.7.4 (finite trigonometric series, no special functions), so independent of the
// incomplete-beta code under test. R's qt(0.975, 10) = 2.228138851986274 agrees.
const T: [number, number, number][] = [
  [0.975, 1, 12.706204736174676],
  [0.995, 1, 63.65674116287035],
  [0.9, 1, 3.0776835371752513],
  [0.975, 2, 4.302652729749459],
  [0.975, 3, 3.1824463052837064],
  [0.975, 5, 2.5705818356363146],
  [0.975, 10, 2.228138851986274],
  [0.9, 10, 1.3721836411103356],
  [0.995, 10, 3.1692726726169465],
  [0.975, 30, 2.0422724563012338],
  [0.975, 100, 1.9839715185235471],
  [0.995, 100, 2.625890521438019],
];

describe("normalQuantile", () => {
  it.each(NORMAL)("p = %s is exact to 1e-12", (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThan(1e-12);
  });
  it("is the inverse of the CDF", () => {
    for (const p of [0.001, 0.2, 0.5, 0.77, 0.975])
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-14);
  });
});

describe("tQuantile", () => {
  it.each(T)("p = %s, df = %s is exact to a relative 1e-12", (p, df, expected) => {
    expect(Math.abs(tQuantile(p, df) - expected) / expected).toBeLessThan(1e-12);
  });
});

describe("chiSquareSurvival", () => {
  it("matches closed forms (df 2: e^(−x/2); df 4: e^(−x/2)(1 + x/2))", () => {
    for (const x of [0.5, 3, 9.2]) {
      expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
      expect(chiSquareSurvival(x, 4)).toBeCloseTo(Math.exp(-x / 2) * (1 + x / 2), 12);
    }
  });
});
