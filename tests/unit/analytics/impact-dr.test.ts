import { describe, expect, it } from "vitest";
import { doublyRobust } from "#app/analytics/impact/dr";
import { OUTCOMES } from "#app/analytics/impact/outcomes";
import type { Panel, PanelAccount } from "#app/analytics/impact/panel";

const expansion = OUTCOMES.find((o) => o.key === "expansion")!;
const T = 8;

/**
 * Accounts whose net MRR change after month b is an exact linear function of log MRR at b (plus τ for
 * trained accounts from their training month): the outcome regression is right, so the doubly robust
 * estimate must equal τ exactly, although big accounts train far more often (a raw comparison is biased).
 */
function panel(tau: number, wobble = false): Panel {
  const accounts: PanelAccount[] = [];
  for (let i = 0; i < 120; i++) {
    const base = 100 * Math.exp((i % 12) / 4); // log MRR 4.6 … 7.4
    const big = i % 12 >= 6;
    const draw = (i * 37 + 11) % 100; // a fixed scramble: training depends on size, not exactly on any other column
    const trained = draw < (big ? 60 : 25) ? 3 : null;
    const mrr = new Float64Array(T).fill(base);
    for (let t = 0; t < T; t++) {
      const b = 2; // the month before training
      const growth =
        t <= b
          ? 0
          : 1 +
            0.5 * Math.log(base) * (t - b) +
            (trained !== null && t >= trained ? tau : 0) +
            (wobble ? ((i * 7 + t) % 5) - 2 : 0);
      if (t > 0) mrr[t] = base * (1 + growth / 100);
    }
    accounts.push({
      id: `a${i}`,
      segment: i % 2 ? "smb" : "ent",
      csm: `c${i % 3}`,
      trained,
      mrr,
      utilization: new Float64Array(T).fill(40 + (i % 7)),
      breadth: new Float64Array(T).fill(20),
      health: new Float64Array(T).fill(50 + (i % 5)),
      courses: new Map(),
    });
  }
  return { months: Array.from({ length: T }, (_, k) => `2026-0${k + 1}-01`), accounts };
}

describe("doublyRobust (AIPW DiD)", () => {
  it("recovers the effect exactly when the outcome regression is right, despite imbalance", () => {
    for (const tau of [0, 4.5]) {
      const r = doublyRobust(panel(tau), expansion, { groups: [1, T - 1], lags: 3, minAccounts: 5 });
      expect(r.overall).not.toBeNull();
      expect(r.overall!.estimate).toBeCloseTo(tau, 6);
      // …while the raw trained − comparison difference is off (big accounts grow faster and train more).
      const p = panel(tau),
        d = (a: PanelAccount) => expansion.delta(a, 2, 4);
      const mean = (xs: PanelAccount[]) => xs.reduce((s, a) => s + d(a), 0) / xs.length;
      expect(
        Math.abs(mean(p.accounts.filter((a) => a.trained)) - mean(p.accounts.filter((a) => !a.trained)) - tau),
      ).toBeGreaterThan(0.5);
    }
  });

  it("gives an interval that widens with noise and covers the effect, with n of trained and comparison accounts", () => {
    const r = doublyRobust(panel(4.5, true), expansion, { groups: [1, T - 1], lags: 3, minAccounts: 5 });
    const e = r.overall!;
    expect(e.se).toBeGreaterThan(0);
    expect(e.low).toBeLessThan(4.5);
    expect(e.high).toBeGreaterThan(4.5);
    expect(e.nTreated).toBe(panel(0).accounts.filter((a) => a.trained !== null).length);
    expect(e.nControl).toBeGreaterThan(10);
  });

  it("says not enough data (null), never 0, below the minimum n", () => {
    const r = doublyRobust(panel(4.5), expansion, { groups: [1, T - 1], lags: 3, minAccounts: 1000 });
    expect(r.overall).toBeNull();
  });
});
