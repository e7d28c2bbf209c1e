import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_EFFECTS, NO_EFFECTS, generateCustomerData } from "#app/customers/generator/index.server";
import { parse } from "csv-parse/sync";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { reportTableCsv } from "#app/analytics/report/csv";
import { reportSummary } from "#app/analytics/report/summary";
import { createTestDatabase } from "../../support/test-db";
import { syncFixtureContent } from "../../support/content";

/**
 * The report on issue 4's generator, whose accounts are confounded (bigger segments train more, adopt
 * more and expand more) and whose training effects are known. The generator's window is Nov 2024 –
 * Oct 2026 and every account trains by month 15, so a period from April 2026 sees all training before it.
 */
const PERIOD = { from: "2026-04-01", to: "2026-10-31", trained: "any" as const, coverage: 20, x: "coverage" as const };

async function reportFor(effects: typeof DEFAULT_EFFECTS) {
  const handle = await createTestDatabase();
  await syncFixtureContent(handle.db);
  await generateCustomerData(handle.db, { accounts: 800, months: 24, seed: 7, effects });
  return { handle, report: await getImpactReport(handle.db, PERIOD) };
}

// Expansion and churn are rare monthly events: with 800 accounts the test plants effects large enough
// to be detectable (power), while adoption keeps the default size it must recover.
const PLANTED = { ...DEFAULT_EFFECTS, expansionPct: 150, churnReductionPct: 60 };

describe("planted training effects, generated data (issue 4's generator)", () => {
  let run: Awaited<ReturnType<typeof reportFor>>;
  beforeAll(async () => {
    run = await reportFor(PLANTED);
  }, 900_000);
  afterAll(async () => {
    await run.handle.dropDatabase();
  });
  const cohort = (k: string) => run.report.cohorts.find((c) => c.key === k)!;

  it(`recovers the planted adoption effect (+${DEFAULT_EFFECTS.adoptionPoints} pp of seats) within the adjusted 95% CI`, () => {
    const a = cohort("adoption").adjusted;
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.low).toBeLessThanOrEqual(DEFAULT_EFFECTS.adoptionPoints);
    expect(a.high).toBeGreaterThanOrEqual(DEFAULT_EFFECTS.adoptionPoints);
  });

  it("detects the planted expansion lift and churn reduction in the right direction", () => {
    const ber = cohort("baseExpansionRate").adjusted,
      churn = cohort("churn").adjusted,
      health = cohort("health").adjusted;
    expect(ber.ok && churn.ok && health.ok).toBe(true);
    if (!ber.ok || !churn.ok || !health.ok) return;
    expect(ber.low).toBeGreaterThan(0); // expansion lift detected (CI excludes 0)
    expect(churn.estimate).toBeLessThan(0); // churn is rare in a 7-month window: direction only
    expect(health.estimate).toBeGreaterThan(0);
  });

  it("exports per-course impact (CSV and JSON) from the same concurrent-control estimates the page shows", async () => {
    // A period whose cohorts are still training (the generator trains every account by month 15).
    const r = await getImpactReport(run.handle.db, { ...PERIOD, from: "2025-06-01", to: "2026-03-31" });
    const page = r.impact.courses.filter((c) => c.overall);
    expect(page.length).toBeGreaterThan(0);
    const csv = parse(reportTableCsv(r, "courses"), { columns: true }) as Record<string, string>[];
    const json = reportSummary(r).courses!;
    expect(csv).toHaveLength(r.impact.courses.length);
    expect(json.rows).toHaveLength(r.impact.courses.length);
    for (const c of page) {
      const o = c.overall!;
      const row = csv.find((x) => x.course_id === c.courseId)!;
      expect(Number(row.adoption_change_pp)).toBeCloseTo(o.estimate, 2);
      expect([Number(row.ci_low), Number(row.ci_high)]).toEqual([
        Math.round(o.low * 100) / 100,
        Math.round(o.high * 100) / 100,
      ]);
      expect([Number(row.n_completing), Number(row.n_comparison)]).toEqual([o.nTreated, o.nControl]);
      expect(Number(row.q_bh)).toBeCloseTo(o.q, 4);
      expect(row).toMatchObject({
        reading: c.claim,
        cohorts_from: "2025-06",
        cohorts_to: "2026-03",
        usage_data_through: r.coverage.usage!.last.slice(0, 7),
        revenue_data_through: r.coverage.revenue!.last.slice(0, 7),
        population: r.impact.population,
      });
      const j = json.rows.find((x) => x.courseId === c.courseId)!;
      expect(j).toMatchObject({
        estimate: Number(row.adoption_change_pp),
        ciLow: Number(row.ci_low),
        ciHigh: Number(row.ci_high),
        nCompleting: o.nTreated,
        nComparison: o.nControl,
        reading: c.claim,
      });
    }
    expect(json).toMatchObject({
      population: r.impact.population,
      dataThrough: r.impact.dataThrough,
      ranked: r.impact.coursesRankable,
    });
  });

  it("shows n per cohort, covering every customer at period start", () => {
    for (const c of run.report.cohorts.filter((c) => c.key !== "health"))
      expect(c.trained.n + c.untrained.n).toBe(run.report.accounts.customersAtStart);
    expect(run.report.accounts.trained).toBeGreaterThan(100);
  });
});

describe("no planted effect, generated data", () => {
  let run: Awaited<ReturnType<typeof reportFor>>;
  beforeAll(async () => {
    run = await reportFor(NO_EFFECTS);
  }, 900_000);
  afterAll(async () => {
    await run.handle.dropDatabase();
  });

  it("every adjusted 95% CI contains 0", () => {
    for (const c of run.report.cohorts) {
      expect(c.adjusted.ok, c.key).toBe(true);
      if (!c.adjusted.ok) continue;
      expect(c.adjusted.low, c.key).toBeLessThanOrEqual(0);
      expect(c.adjusted.high, c.key).toBeGreaterThanOrEqual(0);
    }
  });

  it("while the unadjusted adoption difference is confounded by segment (its CI excludes 0)", () => {
    const crude = run.report.cohorts.find((c) => c.key === "adoption")!.difference;
    expect(crude.ok && crude.low > 0).toBe(true);
  });
});
