/**
 * Course-specific planted effects: some courses lift the adoption of the features they teach, from the
 * month the account's first learner completes them; the others do nothing of their own. The impact
 * report's per-course design should find the first and not the second (npm run validate:impact).
 */
import type { CourseShape } from "./plan";

/** Percentage points of seats using each of the course's features, once the account completed the course. */
export const DEFAULT_COURSE_EFFECTS: Record<string, number> = {
  "alerts-that-matter": 12,
  "scheduled-reports": 10,
  "automation-at-scale": 10,
};

/** Month index of the account's first completion of each course (filled while its progress is simulated). */
export type CourseMonths = Map<string, number>;

export function recordCourseMonth(months: CourseMonths, courseId: string, month: number) {
  const cur = months.get(courseId);
  if (cur === undefined || month < cur) months.set(courseId, month);
}

/** Extra adoption (0–1 share of seats) of `feature` in month k from the courses completed by then. */
export function courseFeatureLift(
  effects: Record<string, number> | undefined,
  courses: readonly CourseShape[],
  months: CourseMonths,
  feature: string,
  k: number,
): number {
  if (!effects) return 0;
  let lift = 0;
  for (const c of courses) {
    const points = effects[c.id];
    if (!points || !c.features?.includes(feature)) continue;
    const m = months.get(c.id);
    if (m !== undefined && k >= m) lift += points / 100;
  }
  return lift;
}
