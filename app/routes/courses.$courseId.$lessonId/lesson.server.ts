import type { Db } from "#db/index";
import { startLesson } from "#app/learning/progress.server";
import { loadLessonView } from "#app/learning/lesson-view.server";
import { publicQuiz, quizFeedbackFrom } from "#app/learning/quiz.server";
import type { QuizDefinition } from "#app/content/analyze";
import { getEnv } from "#app/env.server";
import { mdxRef } from "#app/content/mdx-script.server";
import type { SessionUser } from "#app/auth/session.server";
import { canAuthor } from "#app/auth/gate.server";
import { latestPreviewAttempt } from "#app/learning/quiz-preview.server";

/**
 * Everything the lesson page shows; quiz answers are never included. A learner whose course is still
 * locked gets the lock (which courses unlock it) instead of the lesson body, and no progress is started.
 * One database statement per view (plus the content, cached per content version: lesson-view.server.ts).
 */
type LessonView = NonNullable<Awaited<ReturnType<typeof loadLessonView>>>;

/**
 * The courses a learner must finish before seeing this lesson's body (staff are never locked out).
 * Completions and quiz submissions apply the same definition (missingPrerequisitesSql) inside their
 * own transactions, under the learner's row lock.
 */
export function lessonLockedBy(user: SessionUser, view: LessonView) {
  return user.accountId ? view.learner.missingPrerequisites : [];
}

export async function loadLessonPage(db: Db, user: SessionUser, courseId: string, lessonId: string, includeDrafts: boolean) {
  const found = await loadLessonView(db, user.id, courseId, lessonId, { includeDrafts });
  if (!found) return null;
  const { lesson, course, learner } = found;
  const isLearner = !!user.accountId;
  const lockedBy = lessonLockedBy(user, found);
  const siblings = learner.outline;
  const index = siblings.findIndex((s) => s.id === lesson.id);
  const completedCount = siblings.filter((s) => s.status === "completed").length;
  const locked = lockedBy.length > 0;
  const courseComplete = isLearner && completedCount === siblings.length;
  // Only the first visit writes (a start event); repeat views stay read-only (heartbeats then keep
  // updated_at, the "last touched" of continue-where-you-left-off, current while the page is open).
  if (isLearner && !locked && !siblings[index]?.status) await startLesson(db, { id: user.id, accountId: user.accountId! }, lesson);
  const quiz = lesson.quiz as QuizDefinition | null;
  // Authors and admins may try the quiz: their attempts are preview attempts (quiz-preview.server.ts).
  const previewer = !isLearner && canAuthor(user);
  const latestAttempt = isLearner ? learner.latestAttempt : previewer && quiz ? await latestPreviewAttempt(db, user.id, lesson.id) : null;
  return {
    course: { id: course.id, title: course.title, stage: course.stage, draft: course.status !== "published" },
    lesson: {
      id: lesson.id, title: lesson.title, estimatedMinutes: lesson.estimatedMinutes,
      body: locked ? null : mdxRef(lesson.compiledCode, `/courses/${course.id}/${lesson.id}/body.js`), headings: locked ? [] : lesson.headings, objectives: lesson.objectives,
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
    certificateCode: courseComplete ? learner.certificateCode : null,
    canTrack: isLearner && !locked,
    productUrl: getEnv().PRODUCT_URL.replace(/\/$/, ""),
    quiz: quiz && !locked ? {
      ...publicQuiz(quiz),
      passMark: lesson.passMark,
      feedback: latestAttempt ? quizFeedbackFrom(latestAttempt, quiz, lesson.passMark) : null,
      canSubmit: isLearner || previewer,
      preview: previewer,
    } : null,
    feedback: isLearner && !locked ? learner.feedback : null,
    courseComplete,
    survey: courseComplete ? learner.survey : null,
    // Server time of this render: the no-JS completion form sends it back to record time on the lesson.
    openedAt: Date.now(),
  };
}
