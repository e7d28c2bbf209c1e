import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { Db } from "#db/index";
import { getDb } from "#app/utils/db.server";
import { requireUser } from "#app/auth/gate.server";
import { requestLocale } from "#app/i18n/i18next.server";
import { startLesson } from "#app/learning/progress.server";
import { lessonLockedBy, loadLessonView } from "#app/learning/lesson-view.server";
import { publicQuiz, quizFeedbackFrom } from "#app/learning/quiz.server";
import { getEnv } from "#app/env.server";
import { mdxRef } from "#app/content/mdx-script.server";
import type { SessionUser } from "#app/auth/session.server";
import { courseTranslation, needsTranslation } from "#app/learning/translations.server";
import { videoShares, watchRule } from "#app/learning/video-watch";
import { canAuthor } from "#app/auth/gate.server";
import { latestPreviewAttempt } from "#app/learning/quiz-preview.server";

/**
 * Everything the lesson page shows; quiz answers are never included. A learner whose course is still
 * locked gets the lock (which courses unlock it) instead of the lesson body, and no progress is started.
 * One database statement per view (plus the content, cached per content version: lesson-view.server.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await loadLessonPage(
    await getDb(),
    user,
    params.courseId ?? "",
    params.lessonId ?? "",
    canAuthor(user),
    await requestLocale(request),
  );
  if (!page) throw new Response("Not found", { status: 404 });
  return json({ ...page, isStaffPreview: !user.accountId });
}

/**
 * The lesson in the learner's language when a translation exists (same ids: progress, quiz grading and
 * certificates stay the source's), else in the course's own language with `fallback` set so the page
 * can say so. Only readers of another language than the course's pay the extra query.
 */
export async function loadLessonPage(
  db: Db,
  user: SessionUser,
  courseId: string,
  lessonId: string,
  includeDrafts: boolean,
  locale: string,
) {
  const found = await loadLessonView(db, user.id, courseId, lessonId, { includeDrafts });
  if (!found) return null;
  const { learner } = found;
  const words = needsTranslation(found.course.locale, locale)
    ? await courseTranslation(db, courseId, locale, lessonId)
    : null;
  const own = words?.lessons.get(lessonId);
  const course = { ...found.course, title: words?.course?.title ?? found.course.title };
  const lesson = own
    ? {
        ...found.lesson,
        title: own.title,
        objectives: own.objectives.length ? own.objectives : found.lesson.objectives,
        headings: own.headings,
        compiledCode: own.code ?? found.lesson.compiledCode,
      }
    : found.lesson;
  const titled = <T extends { id: string; title: string }>(o: T): T => ({
    ...o,
    title: words?.lessons.get(o.id)?.title ?? o.title,
  });
  const contentLocale = own ? own.locale : found.course.locale;
  const isLearner = !!user.accountId;
  const lockedBy = lessonLockedBy(user, found);
  const siblings = learner.outline.map(titled);
  const index = siblings.findIndex((s) => s.id === lesson.id);
  const completedCount = siblings.filter((s) => s.status === "completed").length;
  const locked = lockedBy.length > 0;
  const courseComplete = isLearner && completedCount === siblings.length;
  // Only the first visit writes (a start event); repeat views stay read-only (heartbeats then keep
  // updated_at, the "last touched" of continue-where-you-left-off, current while the page is open).
  if (isLearner && !locked && !siblings[index]?.status)
    await startLesson(db, { id: user.id, accountId: user.accountId!, locale }, lesson);
  const quiz = lesson.quiz;
  // Graded against the source's quiz; shown in the translation's words (content:check keeps the shapes equal).
  const shownQuiz = own?.quiz ?? quiz;
  const watches = isLearner ? learner.videoWatches : [];
  // Authors and admins may try the quiz: their attempts are preview attempts (quiz-preview.server.ts).
  const previewer = !isLearner && canAuthor(user);
  const latestAttempt = isLearner
    ? learner.latestAttempt
    : previewer && quiz
      ? await latestPreviewAttempt(db, user.id, lesson.id)
      : null;
  return {
    course: { id: course.id, title: course.title, stage: course.stage, draft: course.status !== "published" },
    lesson: {
      id: lesson.id,
      title: lesson.title,
      estimatedMinutes: lesson.estimatedMinutes,
      body: locked
        ? null
        : mdxRef(
            lesson.compiledCode,
            `/courses/${course.id}/${lesson.id}/body.js${own ? `?lang=${encodeURIComponent(own.locale)}` : ""}`,
          ),
      headings: locked ? [] : lesson.headings,
      objectives: lesson.objectives,
    },
    /** The language the lesson's words are in; `fallback` when the learner's language has no translation. */
    contentLocale,
    fallback:
      needsTranslation(found.course.locale, locale) && !own ? { wanted: locale, shown: found.course.locale } : null,
    lockedBy,
    completed: siblings[index]?.status === "completed",
    resumePosition: siblings[index]?.resumePosition ?? null,
    outline: siblings.map((s) => ({
      id: s.id,
      title: s.title,
      estimatedMinutes: s.estimatedMinutes,
      completed: s.status === "completed",
    })),
    prev: index > 0 ? { id: siblings[index - 1]!.id, title: siblings[index - 1]!.title } : null,
    next:
      index >= 0 && index < siblings.length - 1
        ? { id: siblings[index + 1]!.id, title: siblings[index + 1]!.title }
        : null,
    position: index + 1,
    total: siblings.length,
    completedCount,
    certificateCode: courseComplete ? learner.certificateCode : null,
    canTrack: isLearner && !locked,
    productUrl: getEnv().PRODUCT_URL.replace(/\/$/, ""),
    quiz:
      quiz && !locked
        ? {
            ...publicQuiz(shownQuiz ?? quiz),
            passMark: lesson.passMark,
            feedback: latestAttempt ? quizFeedbackFrom(latestAttempt, shownQuiz ?? quiz, lesson.passMark) : null,
            canSubmit: isLearner || previewer,
            preview: previewer,
          }
        : null,
    feedback: isLearner && !locked ? learner.feedback : null,
    courseComplete,
    // Per video, the share this learner watched; the lesson's watch rule, if any (staff see the rule, never a share).
    videoShares: Object.fromEntries(videoShares(lesson.videos, watches).map((v) => [v.key, v.percent])),
    watchRule: watchRule(lesson.requireWatch, lesson.videos, watches),
    survey: courseComplete ? learner.survey : null,
    // Server time of this render: the no-JS completion form sends it back to record time on the lesson.
    openedAt: Date.now(),
  };
}
