import type { getImpactReport } from "#app/analytics/report/impact-report.server";

export const LIST_LIMIT = 25;

/** What the page needs from the report: everything but the per-account rows (those go to the CSV). */
export function toPageModel(report: Awaited<ReturnType<typeof getImpactReport>>) {
  const { accountRows: _rows, readyForExpansion, atRisk, ...rest } = report;
  return {
    ...rest,
    readyForExpansion: { total: readyForExpansion.length, rows: readyForExpansion.slice(0, LIST_LIMIT) },
    atRisk: { total: atRisk.length, rows: atRisk.slice(0, LIST_LIMIT) },
  };
}

export type ReportPageModel = ReturnType<typeof toPageModel>;
