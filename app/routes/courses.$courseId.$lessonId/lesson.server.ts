import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/index";
import { lessonProgress, lessons } from "#db/schema/index";
import { findVisibleLesson, startLesson } from "#app/learning/progress.server";
import type { SessionUser } from "#app/auth/session.server";

/** Everything the lesson page shows; quiz answers are never included. */
export async function loadLessonPage(db: Db, user: SessionUser, courseId: string, lessonId: string, includeDrafts: boolean) {
  const found = await findVisibleLesson(db, courseId, lessonId, { includeDrafts });
  if (!found) return null;
  const { lesson, course } = found;
  const siblings = await db.select({ id: lessons.id, title: lessons.title, status: lessonProgress.status })
    .from(lessons)
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, user.id)))
    .where(and(eq(lessons.courseId, course.id), isNull(lessons.archivedAt)))
    .orderBy(asc(lessons.position));
  const index = siblings.findIndex((s) => s.id === lesson.id);
  // Only the first visit writes (a start event); repeat views stay read-only.
  if (user.accountId && !siblings[index]?.status) await startLesson(db, { id: user.id, accountId: user.accountId }, lesson);
  return {
    course: { id: course.id, title: course.title, stage: course.stage },
    lesson: { id: lesson.id, title: lesson.title, estimatedMinutes: lesson.estimatedMinutes, code: lesson.compiledCode, headings: lesson.headings, objectives: lesson.objectives },
    completed: siblings[index]?.status === "completed",
    prev: index > 0 ? siblings[index - 1] : null,
    next: index >= 0 && index < siblings.length - 1 ? siblings[index + 1] : null,
    position: index + 1,
    total: siblings.length,
    completedCount: siblings.filter((s) => s.status === "completed").length,
    canTrack: !!user.accountId,
  };
}
