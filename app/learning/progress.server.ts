import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { courses, learningEvents, lessonProgress, lessons, quizAttempts } from "#db/schema/index";
import { enqueueWebhookEvent } from "./webhooks/queue.server";
import { onLessonCompleted, onLessonStarted } from "#app/analytics/rollups/progress-hooks.server";

export interface Learner {
  id: string;
  accountId: string;
}

export type CompletionResult =
  | { status: "completed"; newlyCompleted: boolean; courseCompleted: boolean }
  | { status: "quiz_required" }
  | { status: "not_found" };

/** A lesson a learner may see: course published (or preview allowed), neither archived. */
export async function findVisibleLesson(db: Db, courseId: string, lessonId: string, opts: { includeDrafts?: boolean } = {}) {
  const rows = await db
    .select({ lesson: lessons, course: courses })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(lessons.id, lessonId), eq(courses.id, courseId), isNull(lessons.archivedAt), isNull(courses.archivedAt)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  if (row.course.status !== "published" && !opts.includeDrafts) return null;
  return row;
}

/** Records that the learner opened a lesson (idempotent; first open wins). */
export async function startLesson(db: Db, learner: Learner, lesson: { id: string; courseId: string; contentHash: string }) {
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(lessonProgress)
      .values({ userId: learner.id, accountId: learner.accountId, lessonId: lesson.id, courseId: lesson.courseId, status: "started" })
      .onConflictDoNothing({ target: [lessonProgress.userId, lessonProgress.lessonId] })
      .returning({ id: lessonProgress.id });
    if (inserted.length) {
      await tx.insert(learningEvents).values({
        userId: learner.id, accountId: learner.accountId, verb: "started", objectType: "lesson", objectId: lesson.id, contentHash: lesson.contentHash,
      });
      await onLessonStarted(tx, { userId: learner.id, accountId: learner.accountId, courseId: lesson.courseId, lessonId: lesson.id });
    }
  });
}

/**
 * Marks a lesson complete for the signed-in learner. Exactly-once under concurrency: the upsert only
 * changes a row that is not yet completed, and the event is appended only when it did.
 * A lesson with a quiz completes only after a passing attempt.
 */
export async function completeLesson(db: Db, learner: Learner, courseId: string, lessonId: string): Promise<CompletionResult> {
  const found = await findVisibleLesson(db, courseId, lessonId);
  if (!found) return { status: "not_found" };
  const { lesson } = found;
  return db.transaction(async (tx) => {
    if (lesson.quiz) {
      const passed = await tx.select({ id: quizAttempts.id }).from(quizAttempts)
        .where(and(eq(quizAttempts.userId, learner.id), eq(quizAttempts.lessonId, lesson.id), eq(quizAttempts.passed, true))).limit(1);
      if (!passed.length) return { status: "quiz_required" as const };
    }
    const changed = await tx.insert(lessonProgress)
      .values({ userId: learner.id, accountId: learner.accountId, lessonId: lesson.id, courseId: lesson.courseId, status: "completed", completedAt: sql`now()` })
      .onConflictDoUpdate({
        target: [lessonProgress.userId, lessonProgress.lessonId],
        set: { status: "completed", completedAt: sql`now()`, updatedAt: sql`now()` },
        setWhere: sql`${lessonProgress.status} <> 'completed'`,
      })
      .returning({ id: lessonProgress.id });
    const newlyCompleted = changed.length > 0;
    if (newlyCompleted) {
      await tx.insert(learningEvents).values({
        userId: learner.id, accountId: learner.accountId, verb: "completed", objectType: "lesson", objectId: lesson.id,
        result: { completion: true }, contentHash: lesson.contentHash,
      });
    }
    const courseCompleted = newlyCompleted && (await isCourseComplete(tx as unknown as Db, learner.id, lesson.courseId));
    if (newlyCompleted) {
      // Impact-report counters for this account and month, in the same transaction.
      await onLessonCompleted(tx, { userId: learner.id, accountId: learner.accountId, courseId: lesson.courseId, lessonId: lesson.id, courseCompleted });
      const who = { learnerId: learner.id, accountId: learner.accountId };
      await enqueueWebhookEvent(tx, "lesson.completed", { ...who, courseId: lesson.courseId, lessonId: lesson.id }, learner.accountId);
      if (courseCompleted) await enqueueWebhookEvent(tx, "course.completed", { ...who, courseId: lesson.courseId }, learner.accountId);
    }
    return { status: "completed" as const, newlyCompleted, courseCompleted };
  });
}

export async function isCourseComplete(db: Db, userId: string, courseId: string): Promise<boolean> {
  const [row] = await db.select({
    total: sql<number>`count(*)::int`,
    done: sql<number>`count(${lessonProgress.id}) filter (where ${lessonProgress.status} = 'completed')::int`,
  }).from(lessons)
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId)))
    .where(and(eq(lessons.courseId, courseId), isNull(lessons.archivedAt)));
  return !!row && row.total > 0 && row.done === row.total;
}

/** Rebuilds lesson_progress completion state for one learner from the append-only event log. */
export async function rebuildProgressFromEvents(db: Db, userId: string) {
  return db.execute(sql`
    select object_id as lesson_id, min(occurred_at) filter (where verb = 'completed') as completed_at,
           min(occurred_at) as started_at
    from learning_events where user_id = ${userId} and object_type = 'lesson'
    group by object_id`);
}
