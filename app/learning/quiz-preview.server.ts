import { and, desc, eq, sql } from "drizzle-orm";
import { tFor } from "#app/i18n/i18next.server";
import type { Db } from "#db/index";
import { quizPreviewAttempts } from "#db/schema/index";
import type { QuizDefinition } from "#app/content/analyze";
import { findVisibleLesson } from "./progress.server";
import { answersFromForm, gradeQuiz, nextAttemptNumber, type AttemptOutcome, type QuizSubmission } from "./quiz.server";

/**
 * Authors and admins trying a quiz they wrote (issue 21): graded exactly like a learner's attempt, but
 * stored in quiz_preview_attempts only — no learning event, no lesson progress, no completion, no
 * webhook, no xAPI statement — so progress, insights and the impact report never count it. Works on
 * drafts and published lessons alike; prerequisites never lock staff out.
 */
export async function submitPreviewQuiz(
  db: Db,
  staff: { id: string; language?: string | null },
  courseId: string,
  lessonId: string,
  form: FormData,
): Promise<QuizSubmission> {
  const found = await findVisibleLesson(db, courseId, lessonId, { includeDrafts: true });
  const def = found?.lesson.quiz as QuizDefinition | null | undefined;
  if (!found || !def) return { ok: false, status: 404, error: "Not found" };
  const answers = answersFromForm(def, form);
  const unanswered = def.questions.filter((q) => !answers[q.id]?.length).length;
  if (unanswered)
    return { ok: false, status: 400, error: tFor(staff.language)("quiz.answerAll", { count: unanswered }) };
  const { correct, score } = gradeQuiz(def, answers);
  const passed = score >= found.lesson.passMark;
  const attempt = await db.transaction(async (tx) => {
    // Serialises one person's parallel preview submissions so each takes the next number.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quiz-preview:${staff.id}:${lessonId}`}))`);
    const attemptNumber = await nextAttemptNumber(tx, quizPreviewAttempts, staff.id, lessonId);
    await tx.insert(quizPreviewAttempts).values({
      userId: staff.id,
      lessonId,
      attemptNumber,
      answers,
      correct,
      score,
      passed,
      contentHash: found.lesson.contentHash,
    });
    return attemptNumber;
  });
  return { ok: true, passed, score, attempt, completion: null };
}

/** The newest preview attempt of this person on this lesson, shaped like a learner's latest attempt. */
export async function latestPreviewAttempt(db: Db, userId: string, lessonId: string): Promise<AttemptOutcome | null> {
  const [row] = await db
    .select({
      attemptNumber: quizPreviewAttempts.attemptNumber,
      score: quizPreviewAttempts.score,
      passed: quizPreviewAttempts.passed,
      answers: quizPreviewAttempts.answers,
      correct: quizPreviewAttempts.correct,
    })
    .from(quizPreviewAttempts)
    .where(and(eq(quizPreviewAttempts.userId, userId), eq(quizPreviewAttempts.lessonId, lessonId)))
    .orderBy(desc(quizPreviewAttempts.attemptNumber))
    .limit(1);
  return row ?? null;
}
