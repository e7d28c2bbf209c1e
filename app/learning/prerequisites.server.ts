import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/index";
import { courses, lessonProgress, lessons } from "#db/schema/index";

export interface CourseRef {
  id: string;
  title: string;
}

/**
 * A course is complete for a learner when every current (non-archived) lesson of it is completed.
 * Returns the ids of the given courses that the learner has completed.
 */
export async function completedCourseIds(db: Db | Tx, userId: string, courseIds?: string[]): Promise<Set<string>> {
  if (courseIds && courseIds.length === 0) return new Set();
  const rows = await db.select({
    courseId: lessons.courseId,
    total: sql<number>`count(*)::int`,
    done: sql<number>`count(${lessonProgress.id}) filter (where ${lessonProgress.status} = 'completed')::int`,
  })
    .from(lessons)
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId)))
    .where(and(isNull(lessons.archivedAt), courseIds ? inArray(lessons.courseId, courseIds) : undefined))
    .groupBy(lessons.courseId);
  return new Set(rows.filter((r) => r.total > 0 && r.done === r.total).map((r) => r.courseId));
}

/**
 * Which of a course's prerequisites the learner still has to complete. Prerequisites that are not
 * (or no longer) published are ignored: a learner must never be locked out by a course they cannot take.
 */
export async function missingPrerequisites(db: Db | Tx, userId: string, prerequisites: string[]): Promise<CourseRef[]> {
  if (prerequisites.length === 0) return [];
  const takeable = await db.select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(and(inArray(courses.id, prerequisites), eq(courses.status, "published"), isNull(courses.archivedAt)));
  const done = await completedCourseIds(db, userId, takeable.map((c) => c.id));
  const order = new Map(prerequisites.map((id, i) => [id, i]));
  return takeable.filter((c) => !done.has(c.id)).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/**
 * Pure: the prerequisites each course of `list` still waits for, given the courses a learner can
 * take (published, not archived: only those can lock anything) and the ids they completed.
 */
export function resolveLocks<T extends { id: string; title: string; prerequisites: string[] }>(
  list: T[],
  takeable: { id: string; title: string }[],
  completed: Set<string>,
): Map<string, CourseRef[]> {
  const byId = new Map(takeable.map((c) => [c.id, c]));
  const locks = new Map<string, CourseRef[]>();
  for (const course of list) {
    const missing = course.prerequisites
      .map((id) => byId.get(id))
      .filter((p): p is { id: string; title: string } => !!p && !completed.has(p.id))
      .map((p) => ({ id: p.id, title: p.title }));
    locks.set(course.id, missing);
  }
  return locks;
}
