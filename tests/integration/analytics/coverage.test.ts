import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { completeLesson } from "#app/learning/completion.server";
import { getAccountTimeline } from "#app/analytics/account-timeline.server";
import { DEFAULT_HEALTH_WEIGHTS } from "#app/analytics/health";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { PeriodOutsideDataError } from "#app/analytics/coverage/sources";
import { refreshAccountMonths } from "#app/analytics/rollups/refresh.server";
import { runImport } from "#app/customers/import/engine.server";
import { loader as reportLoader } from "#app/routes/report/route";
import { loader as csvLoader } from "#app/routes/report[.]csv";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { syncFixtureContent } from "../../support/content";
import { addLine, addMovement, addTicket, addUsage } from "../../support/customer-data";
import { get, run, sessionCookieFor } from "../../support/requests";

/**
 * Data coverage (issue 16, items 1 and 2): months a source does not cover are "no data", training
 * activity never stands in for customer data, and the report's period follows the revenue data.
 * The world: revenue data 2025-01 to 2026-10 (a movement every month), usage and support 2026-01 to
 * 2026-10 — like the demo, whose data ends before the current month.
 */
describe("data coverage", () => {
  const handle = useTestDatabase();
  let acme: Awaited<ReturnType<typeof createAccount>>;
  let cookie: string;
  const months = (from: string, n: number) =>
    Array.from({ length: n }, (_, i) => {
      const d = new Date(`${from}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + i);
      return d.toISOString().slice(0, 10);
    });

  beforeAll(async () => {
    await syncFixtureContent(handle.db);
    acme = await createAccount(handle.db, { name: "Acme", planTier: "Pro" });
    await addLine(handle.db, acme.id, { mrr: 1_000, start: "2025-01-01", seats: 20, plan: "Pro" });
    for (const m of months("2025-01-01", 22)) await addMovement(handle.db, acme.id, "usage_growth", 10, m);
    for (const [i, m] of months("2026-01-01", 10).entries()) {
      await addUsage(handle.db, acme.id, m, "dashboards", 6 + (i % 3));
      await addUsage(handle.db, acme.id, m, "alerts", 4);
    }
    await addTicket(handle.db, acme.id, "2026-03-10");
    await addTicket(handle.db, acme.id, "2026-10-12", true);
    await refreshAccountMonths(handle.db, [acme.id]);
    const cs = await createUser(handle.db, { role: "cs_leader" });
    cookie = await sessionCookieFor(cs);
  }, 180_000);

  const accountFigures = async () => {
    const t = (await getAccountTimeline(handle.db, acme.id, DEFAULT_HEALTH_WEIGHTS))!;
    const last = t.monthly[t.monthly.length - 1]!;
    return {
      health: t.latestHealth && { score: t.latestHealth.score, band: t.latestHealth.band, month: t.latestHealth.month },
      month: last.month,
      utilization: last.utilization,
    };
  };

  it("one lesson completion leaves the account's health, utilization and month unchanged", async () => {
    const before = await accountFigures();
    expect(before.month).toBe("2026-10-01");
    expect(before.health?.score).not.toBeNull();
    expect(before.utilization).toBeCloseTo(30, 9); // 6 of 20 seats in October
    const alice = await createUser(handle.db, { accountId: acme.id });
    // Completed today: the training counters get a row for the current month, which has no customer data.
    await completeLesson(handle.db, { id: alice.id, accountId: acme.id }, "fixture-basics", "fixture-first");
    expect(await accountFigures()).toEqual(before);
  });

  it("months before usage data begins are no data, not 0% adoption", async () => {
    const r = await getImpactReport(handle.db, {
      from: "2025-01-01",
      to: "2025-12-31",
      trained: "any",
      coverage: 20,
      x: "coverage",
    });
    const row = r.accountRows.find((a) => a.id === acme.id)!;
    expect(row.adoption).toBeNull();
    expect(row.utilizationEnd).toBeNull();
    const t = (await getAccountTimeline(handle.db, acme.id, DEFAULT_HEALTH_WEIGHTS))!;
    expect(t.monthly.find((m) => m.month === "2025-06-01")?.utilization).toBeNull();
  });

  it("the default period is the last 12 complete months of revenue data; later usage rows do not move it", async () => {
    const base = { trained: "any" as const, coverage: 20, x: "coverage" as const };
    const before = await getImpactReport(handle.db, base);
    expect([before.filters.from, before.filters.to]).toEqual(["2025-11-01", "2026-10-31"]);
    // Three usage rows dated a month after everything else, through the real importer.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-late-"));
    const file = path.join(dir, "late.csv");
    fs.writeFileSync(
      file,
      [
        "usage_id,account_id,usage_date,feature_name,usage_count,active_users",
        ...["dashboards", "alerts", "reports"].map((f, i) => `late-${i},${acme.externalId},2026-11-15,${f},5,3`),
      ].join("\n"),
    );
    const imported = await runImport(handle.db, { kind: "feature_usage", filePath: file, source: "late-rows" });
    expect(imported.status).toBe("committed");
    fs.rmSync(dir, { recursive: true, force: true });
    const after = await getImpactReport(handle.db, base);
    expect([after.filters.from, after.filters.to]).toEqual(["2025-11-01", "2026-10-31"]);
    expect(after.cohorts.find((c) => c.key === "health")!.untrained.n).toBe(
      before.cohorts.find((c) => c.key === "health")!.untrained.n,
    );
    expect(after.coverage.usage?.last).toBe("2026-11-01");
  });

  it("a period after the data is refused by the report, its page and its CSV export", async () => {
    const after = {
      from: "2027-01-01",
      to: "2027-06-30",
      trained: "any" as const,
      coverage: 20,
      x: "coverage" as const,
    };
    await expect(getImpactReport(handle.db, after)).rejects.toThrow(PeriodOutsideDataError);
    await expect(getImpactReport(handle.db, { ...after, from: "2026-06-01", to: "2026-12-31" })).rejects.toThrow(
      /not fully covered by the revenue data, which covers 2025-01 to 2026-10/,
    );

    const page = await run(() =>
      reportLoader({ request: get("/report?from=2027-01-01&to=2027-06-30", cookie), params: {}, context: {} }),
    );
    expect(page.status).toBe(422);
    const body = (await page.json()) as {
      report: unknown;
      refused: { message: string; suggested: { from: string; to: string } };
    };
    expect(body.report).toBeNull();
    expect(body.refused.message).toMatch(/lies outside the revenue data, which covers 2025-01 to 2026-10/);
    expect(body.refused.suggested).toEqual({ from: "2025-11-01", to: "2026-10-31" });

    const csv = await run(() =>
      csvLoader({
        request: get("/report.csv?table=summary&from=2027-01-01&to=2027-06-30", cookie),
        params: {},
        context: {},
      }),
    );
    expect(csv.status).toBe(422);
    expect(await csv.text()).toMatch(/outside the revenue data/);
  });
});
