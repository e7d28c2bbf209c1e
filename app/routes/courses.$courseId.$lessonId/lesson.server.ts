import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { prepared } from "#db/prepared";
import type { Db } from "#db/index";
import { lessonProgress, lessons } from "#db/schema/index";
import { findVisibleLesson, startLesson } from "#app/learning/progress.server";
import { missingPrerequisites } from "#app/learning/prerequisites.server";
import { findCertificateFor } from "#app/learning/certificates.server";
import { myCourseSurvey, myLessonFeedback } from "#app/learning/feedback.server";
import { latestQuizFeedback, publicQuiz } from "#app/learning/quiz.server";
import type { QuizDefinition } from "#app/content/analyze";
import { getEnv } from "#app/env.server";
import type { SessionUser } from "#app/auth/session.server";

/** The course's lessons in order, with this learner's progress on each. */
const courseOutlineQuery = prepared((db) => db.select({
  id: lessons.id, title: lessons.title, estimatedMinutes: lessons.estimatedMinutes,
  status: lessonProgress.status, resumePosition: lessonProgress.resumePosition,
})
  .from(lessons)
  .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, sql.placeholder("userId"))))
  .where(and(eq(lessons.courseId, sql.placeholder("courseId")), isNull(lessons.archivedAt)))
  .orderBy(asc(lessons.position))
  .prepare("course_outline"));

/**
 * Everything the lesson page shows; quiz answers are never included. A learner whose course is still
 * locked gets the lock (which courses unlock it) instead of the lesson body, and no progress is started.
 */
export async function loadLessonPage(db: Db, user: SessionUser, courseId: string, lessonId: string, includeDrafts: boolean) {
  const found = await findVisibleLesson(db, courseId, lessonId, { includeDrafts });
  if (!found) return null;
  const { lesson, course } = found;
  const isLearner = !!user.accountId;
  const lockedBy = isLearner ? await missingPrerequisites(db, user.id, course.prerequisites) : [];
  const siblings = await courseOutlineQuery(db).execute({ courseId: course.id, userId: user.id });
  const index = siblings.findIndex((s) => s.id === lesson.id);
  const completedCount = siblings.filter((s) => s.status === "completed").length;
  const locked = lockedBy.length > 0;
  // Only the first visit writes (a start event); repeat views stay read-only (heartbeats then keep
  // updated_at, the "last touched" of continue-where-you-left-off, current while the page is open).
  if (isLearner && !locked && !siblings[index]?.status) await startLesson(db, { id: user.id, accountId: user.accountId! }, lesson);
  return {
    course: { id: course.id, title: course.title, stage: course.stage },
    lesson: {
      id: lesson.id, title: lesson.title, estimatedMinutes: lesson.estimatedMinutes,
      code: locked ? "" : lesson.compiledCode, headings: locked ? [] : lesson.headings, objectives: lesson.objectives,
    },
    lockedBy,
    completed: siblings[index]?.status === "completed",
    resumePosition: siblings[index]?.resumePosition ?? null,
    outline: siblings.map((s) => ({ id: s.id, title: s.title, estimatedMinutes: s.estimatedMinutes, completed: s.status === "completed" })),
    prev: index > 0 ? { id: siblings[index - 1]!.id, title: siblings[index - 1]!.title } : null,
    next: index >= 0 && index < siblings.length - 1 ? { id: siblings[index + 1]!.id, title: siblings[index + 1]!.title } : null,
    position: index + 1,
    total: siblings.length,
    completedCount,
    certificateCode: isLearner && completedCount === siblings.length ? await findCertificateFor(db, user.id, course.id) : null,
    canTrack: isLearner && !locked,
    productUrl: getEnv().PRODUCT_URL.replace(/\/$/, ""),
    quiz: lesson.quiz && !locked ? {
      ...publicQuiz(lesson.quiz as QuizDefinition),
      passMark: lesson.passMark,
      feedback: isLearner ? await latestQuizFeedback(db, user.id, lesson.id, lesson.quiz as QuizDefinition, lesson.passMark) : null,
      canSubmit: isLearner,
    } : null,
    feedback: isLearner && !locked ? await myLessonFeedback(db, user.id, lesson.id) : null,
    courseComplete: isLearner && completedCount === siblings.length,
    survey: isLearner && completedCount === siblings.length ? await myCourseSurvey(db, user.id, course.id) : null,
    // Server time of this render: the no-JS completion form sends it back to record time on the lesson.
    openedAt: Date.now(),
  };
}
