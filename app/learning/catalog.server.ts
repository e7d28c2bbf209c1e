import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { courses, lessonProgress, lessons, STAGES, type Stage } from "#db/schema/index";

export interface CatalogCourse {
  id: string;
  slug: string;
  title: string;
  summary: string;
  stage: Stage;
  status: string;
  estimatedMinutes: number;
  prerequisites: string[];
  lessonCount: number;
  completedCount: number;
  nextLessonId: string | null;
  lastActivityAt: string | null;
}

/** Published courses (drafts too for authors) with this learner's progress, grouped by stage. */
export async function getCatalog(db: Db, userId: string, opts: { includeDrafts?: boolean } = {}) {
  const rows = await db.select({
    course: courses,
    lessonCount: sql<number>`count(${lessons.id})::int`,
    completedCount: sql<number>`count(${lessonProgress.id}) filter (where ${lessonProgress.status} = 'completed')::int`,
    lastActivityAt: sql<string | null>`max(${lessonProgress.updatedAt})`,
    nextLessonId: sql<string | null>`(array_agg(${lessons.id} order by ${lessons.position}) filter (where ${lessonProgress.status} is distinct from 'completed'))[1]`,
  })
    .from(courses)
    .leftJoin(lessons, and(eq(lessons.courseId, courses.id), isNull(lessons.archivedAt)))
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId)))
    .where(and(isNull(courses.archivedAt), opts.includeDrafts ? sql`true` : eq(courses.status, "published")))
    .groupBy(courses.id)
    .orderBy(asc(courses.position), asc(courses.title));
  const list: CatalogCourse[] = rows.map((r) => ({
    id: r.course.id, slug: r.course.slug, title: r.course.title, summary: r.course.summary, stage: r.course.stage,
    status: r.course.status, estimatedMinutes: r.course.estimatedMinutes, prerequisites: r.course.prerequisites,
    lessonCount: r.lessonCount, completedCount: r.completedCount, nextLessonId: r.nextLessonId,
    lastActivityAt: r.lastActivityAt ? String(r.lastActivityAt) : null,
  }));
  return STAGES.map((stage) => ({ stage, courses: list.filter((c) => c.stage === stage) }));
}

/** One course with its lessons and the learner's per-lesson status. */
export async function getCourseOutline(db: Db, courseId: string, userId: string, opts: { includeDrafts?: boolean } = {}) {
  const [course] = await db.select().from(courses).where(and(eq(courses.id, courseId), isNull(courses.archivedAt))).limit(1);
  if (!course || (course.status !== "published" && !opts.includeDrafts)) return null;
  const outline = await db.select({
    id: lessons.id, title: lessons.title, position: lessons.position, estimatedMinutes: lessons.estimatedMinutes,
    status: lessonProgress.status,
  })
    .from(lessons)
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId)))
    .where(and(eq(lessons.courseId, courseId), isNull(lessons.archivedAt)))
    .orderBy(asc(lessons.position));
  return { course, lessons: outline.map((l) => ({ ...l, completed: l.status === "completed" })) };
}
