import { and, eq, sql } from "drizzle-orm";
import { tFor } from "#app/i18n/i18next.server";
import { queryRows, type Db, type Executor } from "#db/index";
import { learningEvents, quizAttempts, type quizPreviewAttempts } from "#db/schema/index";
import type { QuizDefinition } from "#app/content/analyze";
import { plainPipeline } from "#db/pipelined-transaction";
import { findVisibleLesson, type Learner } from "./progress.server";
import { completeInTransaction, notifyCompletion, type CompletionResult } from "./completion.server";
import { missingPrerequisitesSql, textArray, type CourseRef } from "./prerequisites.server";
import { enqueueWebhookEvent } from "./webhooks/queue.server";

/** What the browser may see before submitting: questions and options, no answers, no explanations. */
export interface PublicQuiz {
  questions: { id: string; prompt: string; multiple: boolean; options: { id: string; text: string }[] }[];
}
export interface QuizFeedback {
  attempt: number;
  score: number;
  passed: boolean;
  passMark: number;
  questions: Record<string, { correct: boolean; chosen: string[]; explanation: string | null }>;
}

export function publicQuiz(def: QuizDefinition): PublicQuiz {
  return {
    questions: def.questions.map((q) => ({
      id: q.id,
      prompt: q.prompt,
      multiple: q.multiple,
      options: q.options.map((o) => ({ id: o.id, text: o.text })),
    })),
  };
}

/** A question is right when exactly its correct options are chosen. Score = % of questions right. */
export function gradeQuiz(def: QuizDefinition, answers: Record<string, string[]>) {
  const correct: Record<string, boolean> = {};
  for (const q of def.questions) {
    const chosen = new Set(answers[q.id] ?? []);
    const right = new Set(q.options.filter((o) => o.correct).map((o) => o.id));
    correct[q.id] = chosen.size === right.size && [...right].every((id) => chosen.has(id));
  }
  const score = def.questions.length
    ? Math.round((Object.values(correct).filter(Boolean).length / def.questions.length) * 100)
    : 0;
  return { correct, score };
}

/** Reads answers from the form: fields named `answer.<questionId>` (radio or checkboxes). */
export function answersFromForm(def: QuizDefinition, form: FormData): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const q of def.questions) {
    const valid = new Set(q.options.map((o) => o.id));
    out[q.id] = form
      .getAll(`answer.${q.id}`)
      .map(String)
      .filter((v) => valid.has(v));
  }
  return out;
}

export type QuizSubmission =
  | {
      ok: true;
      passed: boolean;
      score: number;
      attempt: number;
      completion: CompletionResult | null;
    }
  | { ok: false; status: 400 | 403 | 404; error: string };

/**
 * Grades a submission server-side and stores the attempt (numbered per learner and lesson) with its
 * learning events and `quiz.submitted` webhook in one transaction. A passing attempt completes the
 * lesson in that same transaction (completeInTransaction): the attempt and its completion commit
 * together or not at all.
 *
 * The transaction starts by locking the learner's row (the lock completeLesson takes too) and asking,
 * in the same statement, which prerequisites still lock the course — missingPrerequisitesSql, the one
 * definition the lesson page's lessonLockedBy (lesson-view.server.ts) shows. So a locked learner stores nothing, and parallel
 * submissions by one learner queue on the lock: each sees the previous attempt committed and takes
 * the next number (the unique key on the number can no longer be hit; it stays as the guarantee).
 */
export async function submitQuiz(
  db: Db,
  learner: Learner,
  courseId: string,
  lessonId: string,
  form: FormData,
): Promise<QuizSubmission> {
  const found = await findVisibleLesson(db, courseId, lessonId);
  const def = found?.lesson.quiz;
  if (!found || !def) return { ok: false, status: 404, error: "Not found" };
  const answers = answersFromForm(def, form);
  const unanswered = def.questions.filter((q) => !answers[q.id]?.length).map((q) => q.prompt);
  const { correct, score } = gradeQuiz(def, answers);
  const passed = score >= found.lesson.passMark;
  const prerequisites = found.course.prerequisites;
  const stored = await db.transaction(async (tx): Promise<QuizSubmission> => {
    const [gate] = await queryRows<{ missing: CourseRef[] | null }>(
      tx,
      sql`
      select ${prerequisites.length ? missingPrerequisitesSql(learner.id, textArray(prerequisites)) : sql`null::json`} as missing
      from users u where u.id = ${learner.id}
      for no key update of u`,
    );
    const missing = gate?.missing ?? [];
    if (missing.length) {
      return {
        ok: false,
        status: 403,
        error: tFor(learner.locale)("lesson.locked", { courses: missing.map((m) => m.title).join(", ") }),
      };
    }
    if (unanswered.length)
      return { ok: false, status: 400, error: tFor(learner.locale)("quiz.answerAll", { count: unanswered.length }) };
    const attemptNumber = await nextAttemptNumber(tx, quizAttempts, learner.id, lessonId);
    await tx.insert(quizAttempts).values({
      userId: learner.id,
      accountId: learner.accountId,
      lessonId,
      attemptNumber,
      answers,
      correct,
      score,
      passed,
      contentHash: found.lesson.contentHash,
    });
    const result = { score: score / 100, passed, attempt: attemptNumber };
    await tx.insert(learningEvents).values([
      {
        userId: learner.id,
        accountId: learner.accountId,
        verb: "attempted",
        objectType: "quiz",
        objectId: lessonId,
        result,
        contentHash: found.lesson.contentHash,
      },
      {
        userId: learner.id,
        accountId: learner.accountId,
        verb: passed ? "passed" : "failed",
        objectType: "quiz",
        objectId: lessonId,
        result,
        contentHash: found.lesson.contentHash,
      },
    ]);
    await enqueueWebhookEvent(
      tx,
      "quiz.submitted",
      {
        learnerId: learner.id,
        accountId: learner.accountId,
        courseId,
        lessonId,
        attempt: attemptNumber,
        score,
        passed,
      },
      learner.accountId,
    );
    const completion = passed ? await completeInTransaction(plainPipeline(tx), learner, found) : null;
    return { ok: true, passed, score, attempt: attemptNumber, completion };
  });
  if (stored.ok && stored.completion) await notifyCompletion(db, learner, courseId, stored.completion);
  return stored;
}

export interface AttemptOutcome {
  attemptNumber: number;
  score: number;
  passed: boolean;
  answers: Record<string, string[]>;
  correct: Record<string, boolean>;
}

/** Pure: what the learner sees about their latest attempt, question by question (after submitting). */
export function quizFeedbackFrom(a: AttemptOutcome, def: QuizDefinition, passMark: number): QuizFeedback {
  return {
    attempt: a.attemptNumber,
    score: a.score,
    passed: a.passed,
    passMark,
    questions: Object.fromEntries(
      def.questions.map((q) => [
        q.id,
        { correct: !!a.correct[q.id], chosen: a.answers[q.id] ?? [], explanation: q.explanation },
      ]),
    ),
  };
}

/**
 * The number the person's next attempt at a lesson's quiz takes (1 for the first), in attempts or
 * preview attempts. Callers hold a lock that serialises that person's submissions on the lesson.
 */
export async function nextAttemptNumber(
  executor: Executor,
  attempts: typeof quizAttempts | typeof quizPreviewAttempts,
  userId: string,
  lessonId: string,
): Promise<number> {
  const [last] = await executor
    .select({ n: sql<number>`coalesce(max(${attempts.attemptNumber}), 0)::int` })
    .from(attempts)
    .where(and(eq(attempts.userId, userId), eq(attempts.lessonId, lessonId)));
  return (last?.n ?? 0) + 1;
}
