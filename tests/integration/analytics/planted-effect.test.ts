import { beforeAll, describe, expect, it } from "vitest";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { useTestDatabase } from "../../support/test-db";
import { buildPopulation } from "../../support/population";

const PERIOD = { from: "2025-01-01", to: "2025-12-31", trained: "any" as const, coverage: 20, x: "coverage" as const };

describe.each([
  { name: "a planted effect", expansionPct: 8, adoptionPoints: 10 },
  { name: "no planted effect", expansionPct: 0, adoptionPoints: 0 },
])("the report on generated data with $name", ({ expansionPct, adoptionPoints }) => {
  const handle = useTestDatabase();
  let report: Awaited<ReturnType<typeof getImpactReport>>;
  beforeAll(async () => {
    await buildPopulation(handle.db, { accounts: 800, seed: 11, expansionPct, adoptionPoints });
    report = await getImpactReport(handle.db, PERIOD);
  }, 900_000);

  const cohort = (key: string) => report.cohorts.find((c) => c.key === key)!;

  it("recovers the planted base-expansion effect within the adjusted 95% CI", () => {
    const adjusted = cohort("baseExpansionRate").adjusted;
    expect(adjusted.ok).toBe(true);
    if (!adjusted.ok) return;
    expect(adjusted.low).toBeLessThanOrEqual(expansionPct);
    expect(adjusted.high).toBeGreaterThanOrEqual(expansionPct);
    expect(adjusted.strataUsed).toBeGreaterThanOrEqual(3);
  });

  it("the unadjusted difference is inflated by confounding (bigger accounts train more and grow more)", () => {
    const crude = cohort("baseExpansionRate").difference;
    const adjusted = cohort("baseExpansionRate").adjusted;
    expect(crude.ok && adjusted.ok).toBe(true);
    if (!crude.ok || !adjusted.ok) return;
    expect(crude.estimate).toBeGreaterThan(adjusted.estimate + 1);
    expect(crude.low).toBeGreaterThan(expansionPct); // a naive reading overstates the effect (or "finds" one)
  });

  it("recovers the planted adoption effect within the adjusted 95% CI", () => {
    const adjusted = cohort("adoption").adjusted;
    expect(adjusted.ok).toBe(true);
    if (!adjusted.ok) return;
    expect(adjusted.low).toBeLessThanOrEqual(adoptionPoints);
    expect(adjusted.high).toBeGreaterThanOrEqual(adoptionPoints);
  });

  it("reports n per cohort", () => {
    const c = cohort("baseExpansionRate");
    expect(c.trained.n + c.untrained.n).toBe(report.accounts.customersAtStart);
    expect(c.trained.n).toBeGreaterThan(100);
  });
});
