import { beforeAll, describe, expect, it } from "vitest";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { useTestDatabase } from "../../support/test-db";
import { buildReportFixture } from "./report-fixture";

const PERIOD = { from: "2025-01-01", to: "2025-12-31", trained: "any" as const, coverage: 20, x: "coverage" as const };

describe("impact report on a hand-computed fixture", () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    await buildReportFixture(handle.db);
  });

  it("headline revenue figures", async () => {
    const r = await getImpactReport(handle.db, PERIOD);
    expect(r.accounts).toEqual({ inScope: 6, customersAtStart: 5, customersAtEnd: 5, trained: 2, untrained: 3 });
    // 175,000 → 195,000 (Gamma is new, so excluded)
    expect(r.headline.baseExpansionRate.all).toEqual({
      rate: expect.closeTo((195_000 / 175_000) * 100, 9),
      accounts: 5,
      revenueStart: 175_000,
      revenueEnd: 195_000,
    });
    expect(r.headline.baseExpansionRate.trained).toEqual({
      rate: expect.closeTo((145_000 / 110_000) * 100, 9),
      accounts: 2,
      revenueStart: 110_000,
      revenueEnd: 145_000,
    });
    // Beta 40k → 45k, Delta 20k → 0, Fox 5k → 5k
    expect(r.headline.baseExpansionRate.untrained).toEqual({
      rate: expect.closeTo((50 / 65) * 100, 9),
      accounts: 3,
      revenueStart: 65_000,
      revenueEnd: 50_000,
    });
    // GRR: 60 + 40 + 0 + 50 + 5 = 155 of 175
    expect(r.headline.grossRevenueRetention.all.rate).toBeCloseTo((155 / 175) * 100, 9);
    // Movements of the base (customers at period start); Gamma's new business is another population, shown apart.
    expect(r.headline.expansion.all.arr).toMatchObject({
      upsell: 360_000,
      seat_growth: 60_000,
      add_on: 60_000,
      new: 0,
      churn: 240_000,
    });
    expect(r.headline.newCustomers).toEqual({ accounts: 1, arr: 120_000 });
    expect(r.headline.expansion.all.expansionArr).toBe(480_000);
    expect(r.headline.expansion.trained.expansionArr).toBe(420_000);
  });

  it("a mid-market base that grows from $100,000 to $135,000 expands at 135%", async () => {
    const r = await getImpactReport(handle.db, { ...PERIOD, segment: "mid_market" });
    expect(r.headline.baseExpansionRate.all).toEqual({
      rate: 135,
      accounts: 2,
      revenueStart: 100_000,
      revenueEnd: 135_000,
    });
    expect(r.accounts.inScope).toBe(2);
  });

  it("trained is decided before the period starts, by the chosen definition", async () => {
    const any = await getImpactReport(handle.db, PERIOD);
    const trainedIds = (rep: typeof any) =>
      rep.accountRows
        .filter((a) => a.trained)
        .map((a) => a.name)
        .sort();
    expect(trainedIds(any)).toEqual(["Acme", "Echo"]);
    // Beta completed onboarding inside the period: still untrained. A later period counts it.
    const next = await getImpactReport(handle.db, { ...PERIOD, from: "2025-03-01", to: "2025-12-31" });
    expect(trainedIds(next)).toEqual(["Acme", "Beta", "Echo"]);
    const adoption = await getImpactReport(handle.db, { ...PERIOD, from: "2025-03-01", trained: "adoption" });
    expect(trainedIds(adoption)).toEqual(["Acme", "Echo"]);
    // Coverage: Acme 1 learner / 100 seats = 1%, Echo 1 / 200 = 0.5%.
    const coverage = await getImpactReport(handle.db, { ...PERIOD, trained: "coverage", coverage: 1 });
    expect(trainedIds(coverage)).toEqual(["Acme"]);
  });

  it("cohort differences say 'not enough data' with fewer than 10 accounts per cohort", async () => {
    const r = await getImpactReport(handle.db, PERIOD);
    const base = r.cohorts.find((c) => c.key === "baseExpansionRate")!;
    expect(base.trained).toEqual({ value: expect.closeTo((145 / 110) * 100, 9), n: 2 });
    expect(base.untrained.n).toBe(3);
    expect(base.difference).toMatchObject({ ok: false, reason: expect.stringMatching(/at least 10/) });
    expect(base.adjusted.ok).toBe(false);
    for (const p of r.correlations) expect(p.result.ok).toBe(false);
  });

  it("health, ready-for-expansion and at-risk lists", async () => {
    const r = await getImpactReport(handle.db, PERIOD);
    const acme = r.accountRows.find((a) => a.name === "Acme")!;
    // usage = (min(100, 140/150) + 9/9) / 2; support 100; feedback 90; community 100; marketing 100
    const usage = ((140 / 150) * 100 + 100) / 2;
    expect(acme.health?.score).toBeCloseTo(
      Math.round(((40 * usage + 20 * 100 + 20 * 90 + 10 * 100 + 10 * 100) / 100) * 10) / 10,
      9,
    );
    expect(acme.health?.band).toBe("green");
    // Echo expanded on 2025-10-01 (inside the last 6 months): not listed. Acme's upsell was 2025-05-01.
    expect(r.readyForExpansion.map((a) => a.name)).toEqual(["Acme"]);
    const fox = r.atRisk.find((a) => a.name === "Fox");
    expect(fox?.band).toBe("red");
    expect(fox?.reasons).toEqual(
      expect.arrayContaining(["Support cases up: 0 → 3", "No lessons completed in 3 months"]),
    );
    expect(r.atRisk.map((a) => a.name)).not.toContain("Acme");
  });

  it("stage funnel: the base's accounts step by step, up to period end (counts by hand)", async () => {
    const r = await getImpactReport(handle.db, PERIOD);
    // Base: Acme, Beta, Delta, Echo, Fox. With a learner: Acme, Beta, Echo. Started onboarding: Beta, Echo
    // (Acme's learner only took the adoption course). Completed onboarding: Beta, Echo. Also adoption:
    // Echo (Acme has one but skipped onboarding). Also expansion: Echo.
    expect(r.funnel.population).toBe(5);
    expect(r.funnel.steps.map((s) => [s.step, s.accounts, s.learners])).toEqual([
      ["learner", 3, null],
      ["startedOnboarding", 2, null],
      ["onboarding", 2, 2],
      ["adoption", 1, 1],
      ["expansion", 1, 1],
    ]);
  });

  it("one population: tiles, cohorts, reach and funnel count the same customers at period start", async () => {
    const r = await getImpactReport(handle.db, PERIOD);
    const h = r.headline;
    expect(h.population).toEqual({ all: 5, trained: 2, untrained: 3 });
    expect([
      h.baseExpansionRate.trained.accounts,
      h.grossRevenueRetention.trained.accounts,
      h.trainingReach.trained.accounts,
      h.churn.trained.n,
    ]).toEqual([2, 2, 2, 2]);
    expect([h.baseExpansionRate.untrained.accounts, h.trainingReach.untrained.accounts, h.churn.untrained.n]).toEqual([
      3, 3, 3,
    ]);
    expect(r.cohorts.every((c) => c.trained.n <= 2 && c.untrained.n <= 3)).toBe(true);
    expect(h.trainingReach.all).toMatchObject({ accounts: 5, accountsWithLearners: 3 });
    expect(r.funnel.population).toBe(h.population.all);
    // Below the minimum n the tiles say so instead of a figure.
    expect(h.baseExpansionRate.compared.trained).toMatchObject({
      ok: false,
      n: 2,
      reason: expect.stringMatching(/at least 10/),
    });
    expect(h.churn.compared.difference).toMatchObject({ ok: false });
  });

  it("filters by country, CSM and plan tier", async () => {
    expect(
      (await getImpactReport(handle.db, { ...PERIOD, country: "UK" })).accountRows.map((a) => a.name).sort(),
    ).toEqual(["Delta", "Fox"]);
    expect((await getImpactReport(handle.db, { ...PERIOD, csm: "Riley" })).accounts.inScope).toBe(3);
    expect(
      (await getImpactReport(handle.db, { ...PERIOD, planTier: "Enterprise" })).accountRows.map((a) => a.name),
    ).toEqual(["Echo"]);
  });
});
