import { spawnSync } from "node:child_process";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../support/factories";
import { addLine } from "../../support/customer-data";
import { createProcessDatabase } from "../../support/process-db";
import { refreshAccountMonths } from "#app/analytics/rollups/refresh.server";
import { buildReportFixture } from "./report-fixture";

type ProcDb = Awaited<ReturnType<typeof createProcessDatabase>>;

describe("npm run report (CLI)", () => {
  let db: ProcDb;
  const report = (...args: string[]) =>
    spawnSync("npx", ["tsx", "scripts/report.ts", ...args], {
      env: {
        ...process.env,
        ...db.env,
        NODE_ENV: "production",
        SESSION_SECRET: "cli-test-secret-0123456789",
      } as NodeJS.ProcessEnv,
      encoding: "utf8",
    });
  beforeAll(async () => {
    db = await createProcessDatabase();
    const handle = await db.open();
    await handle.migrate();
    await buildReportFixture(handle.db);
    const evil = await createAccount(handle.db, {
      name: '=HYPERLINK("http://evil.example","Click")',
      segment: "mid_market",
      planTier: "Pro",
    });
    await addLine(handle.db, evil.id, { mrr: 1, start: "2026-01-01", seats: 1 });
    await refreshAccountMonths(handle.db, [evil.id]);
    await handle.close();
  }, 900_000);
  afterAll(async () => {
    await db.drop();
  });

  it("prints plainly named JSON figures for the filters", () => {
    const r = report("--from", "2025-01-01", "--to", "2025-12-31", "--segment", "mid_market", "--format", "json");
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.period).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(json.baseExpansionRate).toMatchObject({
      rate: 135,
      accounts: 2,
      revenueStart: 100_000,
      revenueEnd: 135_000,
    });
    expect(json.baseExpansionRate.trained).toEqual({
      rate: 150,
      accounts: 1,
      revenueStart: 60_000,
      revenueEnd: 90_000,
    });
    expect(json.grossRevenueRetention.rate).toBe(100);
    expect(json.cohorts[0]).toMatchObject({
      measure: "baseExpansionRate",
      difference: { notEnoughData: expect.any(String) },
    });
    expect(json.expansionArr.byType.upsell).toBe(360_000);
  }, 900_000);

  it("prints a CSV table with formula-like cells neutralised", () => {
    // Revenue data runs to 2026-01 (the evil account's line): the period stays inside it.
    const r = report("--from", "2025-01-01", "--to", "2026-01-31", "--format", "csv", "--table", "accounts");
    expect(r.status).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.name)).toContain(`'=HYPERLINK("http://evil.example","Click")`);
    expect(rows.find((x) => x.name === "Acme")).toMatchObject({
      mrr_start: "60000",
      mrr_end: "90000",
      trained: "true",
    });
  }, 900_000);

  it("exports per-course impact from the concurrent-control design the page shows, never a 0 for no data", () => {
    const csv = report("--from", "2025-01-01", "--to", "2025-12-31", "--format", "csv", "--table", "courses");
    expect(csv.status).toBe(0);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    // The fixture's three courses each list a feature; 6 accounts cannot carry a comparison.
    expect(rows.map((x) => x.course_id).sort()).toEqual(["adp", "exp", "onb"]);
    for (const row of rows) {
      expect(row).toMatchObject({
        adoption_change_pp: "",
        ci_low: "",
        ci_high: "",
        n_completing: "",
        q_bh: "",
        rank: "",
        cohorts_from: "2025-01",
        cohorts_to: "2025-12",
        revenue_data_through: "2026-01",
        usage_data_through: "2025-12",
      }); // the evil account's line starts 2026-01
      expect(row.note).toMatch(
        /^Too few comparable accounts to estimate: a figure needs at least 10 completing and 10 comparison accounts/,
      );
      expect(row.population).toMatch(/^All accounts, customers in the month before training/);
      expect(row.design).toMatch(/same segment and the same stage/);
    }
    expect(Object.keys(rows[0]!)).not.toContain("adoption_before_pct"); // the old before/after figures are gone

    const json = JSON.parse(report("--from", "2025-01-01", "--to", "2025-12-31", "--format", "json").stdout);
    expect(json.courses).toMatchObject({
      ranked: false,
      cohorts: { from: "2025-01", to: "2025-12" },
      dataThrough: { revenue: "2026-01", usage: "2025-12" },
    });
    expect(json.courses.rows.map((c: { courseId: string }) => c.courseId).sort()).toEqual(["adp", "exp", "onb"]);
    for (const c of json.courses.rows)
      expect(c).toMatchObject({
        estimate: null,
        ciLow: null,
        ciHigh: null,
        nCompleting: null,
        note: expect.stringMatching(/^Too few comparable accounts to estimate/),
      });
  }, 900_000);

  it("refuses a period after the data with a clear message and exit code 2, printing no figures", () => {
    const r = report("--from", "2026-03-01", "--to", "2026-08-31", "--format", "json");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/outside the revenue data, which covers 2024-01 to 2026-01/);
    expect(r.stderr).toMatch(/--from 2025-02-01 --to 2026-01-31/);
  }, 900_000);

  it("rejects bad arguments with a clear message and exit code 2", () => {
    const r = report("--from", "2025-13-01", "--format", "json");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--from: /);
    const t = report("--table", "nope");
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/--table must be one of/);
  }, 900_000);
});
