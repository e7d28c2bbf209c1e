import type { getImpactReport } from "#app/analytics/report/impact-report.server";

export const LIST_LIMIT = 25;

type Report = Awaited<ReturnType<typeof getImpactReport>>;

/**
 * What the page needs from the report: everything but the per-account rows (those go to the CSV) and
 * the per-course event studies (the page shows each course's overall figure only; the JSON report and
 * the CSV keep them). Scatter points, drawn on a 520 px plot, go with 2 decimals; every other fraction
 * with 6 significant digits (the page shows at most 2 decimals): the loader data is serialised into
 * every page view, twice (JSON answer, then the HTML's hydration script).
 */
export function toPageModel(report: Report) {
  const { accountRows: _rows, readyForExpansion, atRisk, impact, correlations, ...rest } = report;
  return compactNumbers({
    ...rest,
    impact: { ...impact, courses: impact.courses.map(({ eventStudy: _es, ...c }) => c) },
    correlations: correlations.map((p) => ({
      ...p,
      points: p.points.map((pt) => ({ x: round2(pt.x), y: round2(pt.y), trained: pt.trained })),
    })),
    readyForExpansion: { total: readyForExpansion.length, rows: readyForExpansion.slice(0, LIST_LIMIT) },
    atRisk: { total: atRisk.length, rows: atRisk.slice(0, LIST_LIMIT) },
  });
}

export type ReportPageModel = ReturnType<typeof toPageModel>;

// The cached report object is shared by every request of its data version: its page model is built once.
const models = new WeakMap<Report, ReportPageModel>();

/** toPageModel, once per report object (the report cache hands warm requests the same object). */
export function pageModelOf(report: Report): ReportPageModel {
  let model = models.get(report);
  if (!model) models.set(report, (model = toPageModel(report)));
  return model;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** A copy with every non-integer number rounded to 6 significant digits (integers, strings, null as they are). */
export function compactNumbers<T>(value: T): T {
  if (typeof value === "number")
    return (Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(6))) as T;
  if (Array.isArray(value)) return value.map(compactNumbers) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = compactNumbers(v);
    return out as T;
  }
  return value;
}
