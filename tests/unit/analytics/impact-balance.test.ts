import { describe, expect, it } from "vitest";
import { covariateBalance } from "#app/analytics/impact/balance";
import { logisticRegression } from "#app/analytics/impact/linear";
import type { PanelAccount } from "#app/analytics/impact/panel";

// mtcars: R's glm(am ~ hp + wt, family = binomial) gives 18.86630, 0.03626, −8.08348; full precision from an
// independent Python stdlib Newton–Raphson (tests/fixtures/impact/logistic_reference.py).
const HP = [
  110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52, 65, 97, 150, 150, 245, 175,
  66, 91, 113, 264, 175, 335, 109,
];
const WT = [
  2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615,
  1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78,
];
const AM = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1];

describe("logisticRegression", () => {
  it("reproduces R's glm(am ~ hp + wt, data = mtcars, family = binomial)", () => {
    const beta = logisticRegression(
      HP.map((h, i) => [h, WT[i]!]),
      AM,
    )!;
    expect(beta[0]).toBeCloseTo(18.86629871720416, 7);
    expect(beta[1]).toBeCloseTo(0.036255596082216617, 10);
    expect(beta[2]).toBeCloseTo(-8.083475182444651, 7);
  });
  it("gives up (null) on perfectly separated data instead of returning huge coefficients", () => {
    expect(logisticRegression([[1], [2], [3], [4]], [0, 0, 1, 1])).toBeNull();
  });
});

describe("covariateBalance", () => {
  it("standardizes mean differences, and the design weights match the trained accounts' segment mix exactly", () => {
    const T = 6;
    const acct = (i: number, segment: string, trained: number | null, mrr: number): PanelAccount => ({
      id: `a${i}`,
      segment,
      csm: i % 2 ? "x" : "y",
      trained,
      mrr: new Float64Array(T).fill(mrr),
      utilization: new Float64Array(T).fill(40 + (i % 7)),
      breadth: new Float64Array(T),
      health: new Float64Array(T).fill(50 + (i % 5)),
      courses: new Map(),
    });
    const accounts: PanelAccount[] = [];
    for (let i = 0; i < 40; i++)
      accounts.push(acct(i, i < 12 ? "ent" : "smb", i % 3 === 0 ? 3 : null, i < 12 ? 900 + i : 100 + i));
    const table = covariateBalance(
      { months: Array.from({ length: T }, (_, k) => `2026-0${k + 1}-01`), accounts },
      [1, 5],
    )!;
    const seg = table.rows.find((r) => r.covariate === "Segment: smb")!;
    const treated = accounts.filter((a) => a.trained === 3);
    const comparison = accounts.filter((a) => a.trained === null);
    const share = (xs: PanelAccount[]) => xs.filter((a) => a.segment === "smb").length / xs.length;
    expect(seg.meanTrained).toBeCloseTo(share(treated), 12);
    expect(seg.meanComparison).toBeCloseTo(share(comparison), 12);
    const v = (p: number, n: number) => (p * (1 - p) * n) / (n - 1);
    expect(seg.smdBefore).toBeCloseTo(
      (share(treated) - share(comparison)) /
        Math.sqrt((v(share(treated), treated.length) + v(share(comparison), comparison.length)) / 2),
      12,
    );
    expect(seg.smdDesign).toBeCloseTo(0, 12);
    expect([table.nTrained, table.nComparison]).toEqual([treated.length, comparison.length]);
  });
});
