import { describe, expect, it } from "vitest";
import { REPORT_TABLES, type ExportedReport } from "#app/analytics/report/csv";

const cohorts = <T>(all: T, trained: T, untrained: T) => ({ all, trained, untrained });
const headline = {
  baseExpansionRate: cohorts(
    { rate: 12.345, accounts: 10, revenueStart: 1000, revenueEnd: 1100 },
    { rate: 20, accounts: 4, revenueStart: 400, revenueEnd: 480 },
    { rate: 6.666, accounts: 6, revenueStart: 600, revenueEnd: 620 },
  ),
  grossRevenueRetention: cohorts(
    { rate: 95.5, accounts: 10 },
    { rate: 99, accounts: 4 },
    { rate: 93.333, accounts: 6 },
  ),
  expansion: cohorts(
    { expansionArr: 1200, lostArr: 300 },
    { expansionArr: 960, lostArr: 0 },
    { expansionArr: 240, lostArr: 300 },
  ),
  trainingReach: cohorts(
    { seatCoverage: 33.333, accounts: 10, learners: 40 },
    { seatCoverage: 80, accounts: 4, learners: 40 },
    { seatCoverage: 0, accounts: 6, learners: 0 },
  ),
};

describe("report CSV headline table", () => {
  it("has one row per figure: all, trained, untrained, then account counts where the figure has them", () => {
    expect(REPORT_TABLES.summary.rows({ headline } as unknown as ExportedReport)).toEqual([
      ["base_expansion_rate_pct", 12.35, 20, 6.67, 10, 4, 6],
      ["revenue_start_mrr", 1000, 400, 600, null, null, null],
      ["revenue_end_mrr", 1100, 480, 620, null, null, null],
      ["gross_revenue_retention_pct", 95.5, 99, 93.33, 10, 4, 6],
      ["expansion_arr", 1200, 960, 240, null, null, null],
      ["lost_arr", 300, 0, 300, null, null, null],
      ["seat_coverage_pct", 33.33, 80, 0, 10, 4, 6],
      ["learners", 40, 40, 0, null, null, null],
    ]);
  });
});
