import { describe, expect, it } from "vitest";
import {
  DEFAULT_HEALTH_WEIGHTS,
  HEALTH_CARRY_FORWARD_MONTHS,
  healthBand,
  healthOverMonths,
  healthScore,
  type HealthInputs,
} from "#app/analytics/health";

const base: HealthInputs = {
  seats: 20,
  activeUsers: 10,
  featuresUsed: 6,
  featuresPurchased: 12,
  ticketsOpened: 0,
  ticketsEscalated: 0,
  feedbackScore: 80,
  communityCount: 2,
  marketingCount: 5,
};

describe("healthScore", () => {
  it("combines the five sub-scores with the weights", () => {
    // usage = (50 + 50) / 2 = 50; support = 100; feedback = 80; community = 40; marketing = 50
    const r = healthScore(base, DEFAULT_HEALTH_WEIGHTS);
    expect(r.breakdown.usage.score).toBe(50);
    expect(r.breakdown.support.score).toBe(100);
    expect(r.breakdown.feedback.score).toBe(80);
    expect(r.breakdown.community.score).toBe(40);
    expect(r.breakdown.marketing.score).toBe(50);
    expect(r.score).toBe((40 * 50 + 20 * 100 + 20 * 80 + 10 * 40 + 10 * 50) / 100); // 65
    expect(r.band).toBe("yellow");
  });

  it("leaves out inputs without data and rescales the other weights", () => {
    const r = healthScore({ ...base, feedbackScore: null });
    expect(r.breakdown.feedback).toEqual({ score: null, weight: 0 });
    expect(r.score).toBe(Math.round(((40 * 50 + 20 * 100 + 10 * 40 + 10 * 50) / 80) * 10) / 10); // 61.3
    expect(r.breakdown.usage.weight).toBeCloseTo(0.5, 10);
  });

  it("support cases cost 25 points per case per 10 seats, escalations twice", () => {
    expect(healthScore({ ...base, ticketsOpened: 1 }).breakdown.support.score).toBe(100 - 25 / 2);
    expect(healthScore({ ...base, ticketsOpened: 1, ticketsEscalated: 1 }).breakdown.support.score).toBe(75);
    expect(healthScore({ ...base, ticketsOpened: 50 }).breakdown.support.score).toBe(0);
  });

  it("uses the weights it is given (an admin's edit)", () => {
    const usageOnly = healthScore(base, { usage: 1, support: 0, feedback: 0, community: 0, marketing: 0 });
    expect(usageOnly.score).toBe(50);
  });

  it("caps utilization at 100% inside the usage input", () => {
    expect(healthScore({ ...base, activeUsers: 40, featuresUsed: 12 }).breakdown.usage.score).toBe(100);
  });

  it("bands: red < 40 ≤ yellow < 70 ≤ green", () => {
    expect(healthBand(39.9)).toBe("red");
    expect(healthBand(40)).toBe("yellow");
    expect(healthBand(69.9)).toBe("yellow");
    expect(healthBand(70)).toBe("green");
  });
});

describe("healthOverMonths: unobserved inputs and carry-forward", () => {
  const none: HealthInputs = {
    ...base,
    activeUsers: null,
    featuresUsed: null,
    ticketsOpened: null,
    ticketsEscalated: null,
    feedbackScore: null,
    communityCount: null,
    marketingCount: null,
  };

  it("an unobserved input is no data, not 0", () => {
    const r = healthScore({ ...base, activeUsers: null, featuresUsed: null });
    expect(r.breakdown.usage).toEqual({ score: null, weight: 0 });
    expect(healthScore(none).score).toBeNull();
  });

  it(`keeps an input's last observed sub-score for ${HEALTH_CARRY_FORWARD_MONTHS} months, with the month it is as of`, () => {
    const months = [
      { month: "2026-08-01", inputs: base },
      { month: "2026-09-01", inputs: { ...base, activeUsers: null, featuresUsed: null } },
      { month: "2026-10-01", inputs: none },
      { month: "2026-11-01", inputs: none },
    ];
    const [aug, sep, oct, nov] = healthOverMonths(months);
    expect(aug!.score).toBe(65);
    expect(aug!.asOf).toBe("2026-08-01");
    // September: usage carried from August, the rest observed → the same score, as of September.
    expect(sep!.score).toBe(65);
    expect(sep!.breakdown.usage.asOf).toBe("2026-08-01");
    expect(sep!.breakdown.support.asOf).toBe("2026-09-01");
    expect(sep!.asOf).toBe("2026-09-01");
    // October: nothing observed; usage is 2 months old, the others 1 → still 65, as of September.
    expect(oct!.score).toBe(65);
    expect(oct!.asOf).toBe("2026-09-01");
    // November: usage is 3 months old and dropped; the other inputs (from September) remain.
    expect(nov!.breakdown.usage).toMatchObject({ score: null, weight: 0, asOf: null });
    expect(nov!.score).toBe(Math.round(((20 * 100 + 20 * 80 + 10 * 40 + 10 * 50) / 60) * 10) / 10);
  });

  it("nothing observed within the window: no score", () => {
    const [a, b] = healthOverMonths([
      { month: "2026-01-01", inputs: none },
      { month: "2026-02-01", inputs: none },
    ]);
    expect(a!.score).toBeNull();
    expect(b!.asOf).toBeNull();
  });
});
