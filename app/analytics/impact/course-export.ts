/**
 * Per-course impact as the exports give it (the report's CSV `courses` table, `npm run report --format
 * json|csv`): the same concurrent-control estimates the page shows (./courses.ts), one row per course,
 * each with its n, interval, population and the months of data it was computed from. A course without
 * enough data has empty figures and says why — never 0.
 */
import type { CourseEffect } from "./courses";
import type { ImpactDesign } from "./design";

export const COURSE_DESIGN_TEXT =
  "Per course: accounts completing it in the period vs accounts of the same segment and the same stage reached in the month before that had not (yet) completed it, same calendar months (staggered difference-in-differences); outcome: change in adoption of the course's features (active users ÷ seats, pp) since the month before completion, averaged over months 0…6; Benjamini–Hochberg q-values across courses; ranked only when no two intervals overlap.";
export const NOT_ENOUGH_COURSE_DATA =
  "Too few comparable accounts to estimate: a figure needs at least 10 completing and 10 comparison accounts with data (comparisons of at least 5 accounts of the same segment and stage that had not yet completed the course).";

export interface CourseExportRow {
  /** 1… only when the intervals allow a ranking; otherwise null (catalog order). */
  rank: number | null;
  courseId: string;
  title: string;
  stage: string;
  features: string[];
  reading: CourseEffect["claim"] | null;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  se: number | null;
  mde80: number | null;
  p: number | null;
  q: number | null;
  nCompleting: number | null;
  nComparison: number | null;
  preTrendP: number | null;
  note: string;
}

export interface CourseExport {
  design: string;
  population: string;
  /** Training months (YYYY-MM) of the accounts completing a course that are estimated. */
  cohorts: { from: string; to: string };
  /** YYYY-MM: the outcome is measured from product usage, the population from revenue. */
  dataThrough: { revenue: string; usage: string | null };
  ranked: boolean;
  rows: CourseExportRow[];
}

type Section = Pick<ImpactDesign, "population" | "cohorts"> & {
  courses: CourseEffect[];
  coursesRankable: boolean;
  dataThrough: { revenue: string; usage: string | null };
};

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** The page's per-course table as export rows, in the page's order (ranked, or catalog order). */
export function courseExport(s: Section): CourseExport {
  const ordered = s.coursesRankable
    ? [...s.courses].sort((a, b) => (b.overall?.estimate ?? -Infinity) - (a.overall?.estimate ?? -Infinity))
    : s.courses;
  const rows = ordered.map((c, i): CourseExportRow => {
    const o = c.overall;
    const note = !o
      ? NOT_ENOUGH_COURSE_DATA
      : c.claim === "association"
        ? c.preTrend
          ? "Association: adoption trends differed before completion (pre-trend check p < 0.05)."
          : "Association: no pre-completion months with data to check trends."
        : "";
    return {
      rank: s.coursesRankable && o ? i + 1 : null,
      courseId: c.courseId,
      title: c.title,
      stage: c.stage,
      features: c.features,
      reading: o ? c.claim : null,
      estimate: o ? round(o.estimate) : null,
      ciLow: o ? round(o.low) : null,
      ciHigh: o ? round(o.high) : null,
      se: o ? round(o.se, 3) : null,
      mde80: o ? round(o.mde) : null,
      p: o ? round(o.p, 4) : null,
      q: o ? round(o.q, 4) : null,
      nCompleting: o ? o.nTreated : null,
      nComparison: o ? o.nControl : null,
      preTrendP: c.preTrend ? round(c.preTrend.p, 4) : null,
      note,
    };
  });
  return {
    design: COURSE_DESIGN_TEXT,
    population: s.population,
    cohorts: { from: s.cohorts.from.slice(0, 7), to: s.cohorts.to.slice(0, 7) },
    dataThrough: s.dataThrough,
    ranked: s.coursesRankable,
    rows,
  };
}
