import type { Db } from "#db/index";
import type { HealthWeights } from "../health";
import type { ReportFilters } from "../report/filters";
import { courseEffects, rankable, type CourseEffect } from "./courses";
import { impactDesign, type ImpactDesign } from "./design";
import { loadImpactPanel } from "./load.server";
import { monthOf, monthsBetween } from "../months";

export type { ImpactDesign, CourseEffect };
export interface ImpactSection extends ImpactDesign {
  courses: CourseEffect[];
  coursesRankable: boolean;
  /** Last month (YYYY-MM) of revenue and product-usage data the estimates were computed from. */
  dataThrough: { revenue: string; usage: string | null };
}

/** The report's population in words: its filters and the definition of "trained". */
export function populationText(f: ReportFilters): string {
  const parts = [
    f.segment && `segment ${f.segment}`,
    f.planTier && `plan tier ${f.planTier}`,
    f.country && `country ${f.country}`,
    f.csm && `CSM ${f.csm}`,
    f.stage && `lifecycle stage ${f.stage}`,
  ].filter(Boolean);
  const trained =
    f.trained === "any"
      ? "first course completed"
      : f.trained === "adoption"
        ? "first adoption-stage course completed"
        : `seat coverage first at or above ${f.coverage}%`;
  return `${parts.length ? `Accounts with ${parts.join(", ")}` : "All accounts"}, customers in the month before training; training month = ${trained}; cohorts trained ${f.from} to ${f.to}.`;
}

/** The training-impact section for the report's filters (staggered design, per-course impact). */
export async function computeImpactSection(
  db: Db,
  filters: ReportFilters,
  dataEnd: string | null,
  weights: HealthWeights,
): Promise<ImpactSection> {
  const { panel, courses, dataThrough } = await loadImpactPanel(db, filters, dataEnd, weights);
  const design = impactDesign(panel, filters, populationText(filters));
  const T = panel.months.length;
  const idx = (d: string) => monthsBetween(panel.months[0]!, monthOf(d));
  const perCourse = courseEffects(panel, courses, [Math.max(1, idx(filters.from)), Math.min(T - 1, idx(filters.to))]);
  return { ...design, courses: perCourse, coursesRankable: rankable(perCourse), dataThrough };
}
