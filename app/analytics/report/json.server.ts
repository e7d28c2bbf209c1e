import type { Db } from "#db/index";
import { getImpactReport, impactReportView } from "./impact-report.server";
import { PeriodOutsideDataError } from "../coverage/sources";
import { parseReportFilters, type FILTER_KEYS } from "./filters";
import { reportSummary } from "./summary";
import type { ViewState } from "./view-state";

export type ReportQueryResult =
  | { ok: true; report: Awaited<ReturnType<typeof getImpactReport>>; summary: ReturnType<typeof reportSummary> }
  | { ok: false; kind: "invalid"; errors: Partial<Record<(typeof FILTER_KEYS)[number], string>> }
  | { ok: false; kind: "outside_data"; message: string; suggested: { from: string; to: string } | null }
  | { ok: false; kind: "computing"; state: Exclude<ViewState<unknown>, { status: "current" }> };

/**
 * The impact report for query-string filters (from, to, segment, planTier, country, csm, stage, trained,
 * coverage, x), with `summary` = the plainly named JSON. One path for `npm run report --format json`
 * (computed afresh) and GET /api/v1/report (`stored`: the stored figures for the current data and code
 * version, or "computing" while they are computed; never older ones), so the two print the same figures.
 */
export async function runReportQuery(
  db: Db,
  params: URLSearchParams,
  opts: { stored?: boolean } = {},
): Promise<ReportQueryResult> {
  const parsed = parseReportFilters(params);
  if (!parsed.ok) return { ok: false, kind: "invalid", errors: parsed.errors };
  try {
    if (!opts.stored) {
      const report = await getImpactReport(db, parsed.filters);
      return { ok: true, report, summary: reportSummary(report) };
    }
    const state = await impactReportView(db, parsed.filters);
    if (state.status !== "current") return { ok: false, kind: "computing", state };
    return { ok: true, report: state.value, summary: reportSummary(state.value) };
  } catch (err) {
    if (!(err instanceof PeriodOutsideDataError)) throw err;
    return { ok: false, kind: "outside_data", message: err.message, suggested: err.suggested };
  }
}
