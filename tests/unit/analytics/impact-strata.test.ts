import { describe, expect, it } from "vitest";
import { OUTCOMES } from "#app/analytics/impact/outcomes";
import type { PanelAccount } from "#app/analytics/impact/panel";
import { estimateOutcome, type DesignOptions } from "#app/analytics/impact/staggered";

// estimateOutcome with `stratumAt` (the per-course designs: segment and stage at month −1) takes each
// cell's controls from per-(base month, stratum) lists. These tests pin it to the plain segment design
// on relabelled accounts, whose segment IS the stratum: the same cells, the same controls in the same
// order, so the same figures to the last bit.
const T = 20;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function panel(n: number, seed: number): PanelAccount[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const start = Math.floor(r() * 6);
    const mrr = new Float64Array(T);
    let level = 100 + Math.floor(r() * 900);
    for (let k = start; k < T; k++) {
      if (r() < 0.02) break; // churned
      level *= 1 + (r() - 0.45) * 0.1;
      mrr[k] = Math.round(level);
    }
    const nan = () => new Float64Array(T).fill(NaN);
    return {
      id: `a${i}`,
      segment: r() < 0.5 ? "smb" : "mid",
      csm: ["x", "y", "z"][Math.floor(r() * 3)]!,
      trained: r() < 0.6 ? Math.floor(r() * T) : null,
      mrr,
      utilization: nan(),
      breadth: nan(),
      health: nan(),
      courses: new Map(),
    };
  });
}

const base: DesignOptions = { groups: [1, T - 1], leads: 4, lags: 6, minControls: 2, minAccounts: 1 };

describe("staggered design with strata inside the segment (stratumAt)", () => {
  for (const outcome of OUTCOMES.filter((o) => o.key === "expansion" || o.key === "expansionRevenue")) {
    it(`gives the segment design's figures on accounts relabelled by stratum (${outcome.key})`, () => {
      const accounts = panel(400, 7);
      const stratified = estimateOutcome(accounts, T, outcome, { ...base, stratumAt: (a) => `${a.segment}|${a.csm}` });
      const relabelled = estimateOutcome(
        accounts.map((a) => ({ ...a, segment: `${a.segment}|${a.csm}` })),
        T,
        outcome,
        base,
      );
      expect(stratified.overall).not.toBeNull();
      expect(stratified).toEqual(relabelled);
    });
  }

  it("takes the stratum at each group's own base month when it changes over time", () => {
    const accounts = panel(400, 11);
    const outcome = OUTCOMES.find((o) => o.key === "expansion")!;
    // Size band at month b: moves as MRR grows and shrinks, so the strata differ from one base month to the next.
    const band = (a: PanelAccount, b: number) => (a.mrr[b]! > 500 ? "big" : "small");
    let estimated = 0;
    for (let g = 2; g < T - 2; g++) {
      const opts = { ...base, groups: [g, g] as [number, number] };
      const stratified = estimateOutcome(accounts, T, outcome, {
        ...opts,
        stratumAt: (a, b) => `${a.segment}|${band(a, b)}`,
      });
      const relabelled = estimateOutcome(
        accounts.map((a) => ({ ...a, segment: `${a.segment}|${band(a, g - 1)}` })),
        T,
        outcome,
        opts,
      );
      expect(stratified).toEqual(relabelled);
      if (stratified.overall) estimated++;
    }
    expect(estimated).toBeGreaterThan(5);
  });
});
