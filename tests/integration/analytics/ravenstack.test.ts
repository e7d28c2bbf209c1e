import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { runImport } from "#app/customers/import/engine.server";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { useTestDatabase } from "../../support/test-db";
import { referenceData } from "../../support/reference-data";

/**
 * The imported RavenStack reference data set (third-party, synthetic; vendored in tests/fixtures/reference-data) checked
 * against figures computed here straight from the raw CSV files, without any app code.
 */
const RAVEN = referenceData("ravenstack");
const csv = (name: string) =>
  parse(fs.readFileSync(path.join(RAVEN, `ravenstack_${name}.csv`)), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];

const subs = csv("subscriptions");
const accountsCsv = csv("accounts");
const tierOf = new Map(accountsCsv.map((a) => [a.account_id!, a.plan_tier!]));

/** Independent: revenue per account at D straight from the subscriptions file. */
function revenueByAccount(date: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of subs) {
    if (s.start_date! <= date && (!s.end_date || s.end_date > date))
      out.set(s.account_id!, (out.get(s.account_id!) ?? 0) + Number(s.mrr_amount));
  }
  return out;
}

function independent(from: string, to: string, tier?: string) {
  const start = revenueByAccount(from),
    end = revenueByAccount(to);
  let rs = 0,
    re = 0,
    kept = 0,
    n = 0,
    churned = 0;
  for (const [id, r] of start) {
    if (!(r > 0) || (tier && tierOf.get(id) !== tier)) continue;
    const e = end.get(id) ?? 0;
    n++;
    rs += r;
    re += e;
    kept += Math.min(r, e);
    if (!(e > 0)) churned++;
  }
  return { n, rs, re, ber: (re / rs) * 100, grr: (kept / rs) * 100, churned };
}

describe("report figures on the imported RavenStack data set", () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    for (const kind of ["accounts", "subscriptions", "feature_usage", "support_tickets", "churn_events"] as const) {
      const r = await runImport(handle.db, {
        kind,
        filePath: path.join(RAVEN, `ravenstack_${kind}.csv`),
        source: "ravenstack",
      });
      expect(r.status).toBe("committed");
    }
  }); // the global hookTimeout: five imports take minutes on a loaded 2-core machine

  const base = { trained: "any" as const, coverage: 20, x: "coverage" as const };

  it.each(["2023-06-30", "2024-01-01", "2024-06-15", "2024-12-31"])(
    "total revenue at %s matches the subscriptions file",
    async (date) => {
      const report = await getImpactReport(handle.db, { ...base, from: date, to: "2024-12-31" }); // revenue data ends 2024-12
      const expected = [...revenueByAccount(date).values()].reduce((s, v) => s + v, 0);
      const actual = report.accountRows.reduce((s, a) => s + a.revenueStart, 0);
      expect(expected).toBeGreaterThan(0);
      expect(actual).toBeCloseTo(expected, 2);
      expect(report.accountRows.filter((a) => a.revenueStart > 0)).toHaveLength(
        [...revenueByAccount(date).values()].filter((v) => v > 0).length,
      );
    },
  );

  it("base expansion rate, GRR and churned accounts for 2024", async () => {
    const want = independent("2024-01-01", "2024-12-31");
    const report = await getImpactReport(handle.db, { ...base, from: "2024-01-01", to: "2024-12-31" });
    const ber = report.headline.baseExpansionRate.all;
    expect(ber.accounts).toBe(want.n);
    expect(ber.revenueStart).toBeCloseTo(want.rs, 2);
    expect(ber.revenueEnd).toBeCloseTo(want.re, 2);
    expect(ber.rate).toBeCloseTo(want.ber, 6);
    expect(report.headline.grossRevenueRetention.all.rate).toBeCloseTo(want.grr, 6);
    const churn = report.cohorts.find((c) => c.key === "churn")!;
    expect(report.accountRows.filter((a) => a.churned)).toHaveLength(want.churned);
    expect(churn.untrained.value).toBeCloseTo((want.churned / want.n) * 100, 6);
  });

  it("the same figures filtered to Enterprise accounts", async () => {
    const want = independent("2024-01-01", "2024-12-31", "Enterprise");
    const report = await getImpactReport(handle.db, {
      ...base,
      from: "2024-01-01",
      to: "2024-12-31",
      planTier: "Enterprise",
    });
    expect(report.headline.baseExpansionRate.all.accounts).toBe(want.n);
    expect(report.headline.baseExpansionRate.all.rate).toBeCloseTo(want.ber, 6);
    expect(report.headline.grossRevenueRetention.all.rate).toBeCloseTo(want.grr, 6);
  });

  it("with no learners, nobody is trained and the cohort comparison says why instead of showing a number", async () => {
    const report = await getImpactReport(handle.db, { ...base, from: "2024-01-01", to: "2024-12-31" });
    expect(report.accounts.trained).toBe(0);
    for (const c of report.cohorts) expect(c.difference.ok).toBe(false);
    expect(report.cohorts[0]!.difference).toMatchObject({ reason: expect.stringContaining("trained n = 0") });
  });
});
