import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, type Tx } from "#db/index";
import { pipelinedTransaction, type Pipeline } from "#db/pipelined-transaction";
import { issueCertificate } from "./certificates.server";
import { notifyCertificateIssued } from "#app/notifications/certificate-mail.server";
import { courseCompleteSql } from "./course-complete.server";
import { missingPrerequisitesSql, textArray, type CourseRef } from "./prerequisites.server";
import { addTime, findVisibleLesson, MAX_FORM_SECONDS, type Learner } from "./progress.server";
import { webhookEventSql } from "./webhooks/queue.server";
import { lessonCompletedWrites } from "#app/analytics/rollups/progress-hooks.server";
import { rollupLockShared } from "#app/analytics/rollups/rollup-lock.server";
import { lessonWatchesSql } from "./video-progress.server";
import { watchRule, type VideoWatch } from "./video-watch";

export type CompletionResult =
  | {
      status: "completed";
      newlyCompleted: boolean;
      courseCompleted: boolean;
      certificateCode: string | null;
      certificateNewlyIssued: boolean;
      certificateRenewed: boolean;
    }
  | { status: "quiz_required" }
  | { status: "watch_required"; required: number; percent: number; videoCount: number }
  | { status: "locked"; missing: CourseRef[] }
  | { status: "not_found" };

/**
 * Marks a lesson complete for the signed-in learner. Exactly-once under concurrency: the upsert only
 * changes a row that is not yet completed, and the event is appended only when it did.
 * A lesson with a quiz completes only after a passing attempt; a lesson of a course whose prerequisites
 * are not complete cannot be completed. Completing the last lesson issues the course certificate in the
 * same transaction. `elapsedSeconds` (time on the page, from the no-JS form) is bounded like a heartbeat.
 *
 * Every statement is a round trip on the server's one JavaScript thread, so a completion is three of
 * them inside the transaction (BEGIN with the lock + checks; the completing write with everything the
 * rollups need to know; counters and webhooks with the COMMIT: pipelinedTransaction), not one per
 * question asked.
 */
export async function completeLesson(
  db: Db,
  learner: Learner,
  courseId: string,
  lessonId: string,
  opts: { elapsedSeconds?: number } = {},
): Promise<CompletionResult> {
  const found = await findVisibleLesson(db, courseId, lessonId);
  if (!found) return { status: "not_found" };
  const result = await pipelinedTransaction(db, (p) => completeInTransaction(p, learner, found, opts));
  await notifyCompletion(db, learner, found.lesson.courseId, result);
  return result;
}

type VisibleLesson = NonNullable<Awaited<ReturnType<typeof findVisibleLesson>>>;

/**
 * The completion itself, inside a transaction the caller owns: completeLesson's pipelined one, or the
 * quiz submission's (a passing attempt and the completion it carries commit together or not at all).
 * Call notifyCompletion after the commit.
 */
export async function completeInTransaction(
  { tx, begin, commit }: Pipeline,
  learner: Learner,
  { lesson, course }: VisibleLesson,
  opts: { elapsedSeconds?: number } = {},
): Promise<CompletionResult> {
  const watchRequired = lesson.requireWatch !== null && lesson.videos.length > 0;
  const gate = gateFrom(
    await begin(lockLearnerAndCheckSql(learner.id, lesson.id, course.prerequisites, !!lesson.quiz, watchRequired)),
  );
  if (gate.missing.length) return { status: "locked" as const, missing: gate.missing };
  if (lesson.quiz && !gate.quizPassed) return { status: "quiz_required" as const };
  const rule = watchRule(lesson.requireWatch, lesson.videos, gate.watches);
  if (rule && !rule.met)
    return {
      status: "watch_required" as const,
      required: rule.required,
      percent: rule.percent,
      videoCount: rule.videoCount,
    };
  // Before the completing write, which moves updated_at (the wall-clock bound of addTime).
  if (opts.elapsedSeconds) await addTime(tx, learner.id, lesson.id, opts.elapsedSeconds, MAX_FORM_SECONDS, null);
  const write = await writeCompletion(tx, learner, lesson);
  // Checked on every completion, not only new ones, so a learner who finished before certificates
  // existed gets theirs the next time they complete (or re-complete) a lesson.
  const certificate = write.courseComplete
    ? await issueCertificate(tx, learner, lesson.courseId, course.contentHash)
    : null;
  // This write completed the course exactly when it issued the certificate (exactly once).
  const courseCompleted = !!certificate?.newlyIssued;
  const who = { learnerId: learner.id, accountId: learner.accountId };
  const last: SQL[] = [];
  if (write.newlyCompleted) {
    // Impact-report counters for this account and month, in the same transaction.
    last.push(
      ...(await lessonCompletedWrites(tx, {
        userId: learner.id,
        accountId: learner.accountId,
        courseId: lesson.courseId,
        lessonId: lesson.id,
        courseCompleted,
        firstCompletion: !write.earlierCompletion,
        startsCourse: write.startsCourse,
      })),
    );
    last.push(
      webhookEventSql(
        "lesson.completed",
        { ...who, courseId: lesson.courseId, lessonId: lesson.id },
        learner.accountId,
      ),
    );
  }
  if (courseCompleted) {
    last.push(webhookEventSql("course.completed", { ...who, courseId: lesson.courseId }, learner.accountId));
    last.push(
      webhookEventSql(
        "certificate.issued",
        { ...who, courseId: lesson.courseId, certificateCode: certificate!.code },
        learner.accountId,
      ),
    );
  }
  if (certificate?.renewed) {
    last.push(
      webhookEventSql(
        "certificate.issued",
        { ...who, courseId: lesson.courseId, certificateCode: certificate.code, renewed: true },
        learner.accountId,
      ),
    );
  }
  // Sent together with the COMMIT (one round trip); any failing one rolls the whole completion back.
  await commit(last);
  return {
    status: "completed" as const,
    newlyCompleted: write.newlyCompleted,
    courseCompleted,
    certificateCode: certificate?.code ?? null,
    certificateNewlyIssued: courseCompleted,
    certificateRenewed: !!certificate?.renewed,
  };
}

/** After the commit: the certificate mail, when the completion issued or renewed one. */
export async function notifyCompletion(db: Db, learner: Learner, courseId: string, result: CompletionResult) {
  if (
    result.status === "completed" &&
    (result.certificateNewlyIssued || result.certificateRenewed) &&
    result.certificateCode
  ) {
    await notifyCertificateIssued(db, learner.id, courseId, result.certificateCode);
  }
}

/**
 * Locks the learner's row — one completion at a time per learner, so a concurrent completion of the
 * course's other last lesson waits here, then sees this one committed and the certificate check can
 * never miss — and answers, in the same statement, what may stop the completion. Also takes the
 * account's rollup lock (shared) before anything is written, so a rollup refresh of the account never
 * sees half of this completion (rollup-lock.server.ts).
 */
function lockLearnerAndCheckSql(
  userId: string,
  lessonId: string,
  prerequisites: string[],
  hasQuiz: boolean,
  watchRequired: boolean,
): SQL {
  return sql`
    select
      ${prerequisites.length ? missingPrerequisitesSql(userId, textArray(prerequisites)) : sql`null::json`} as missing,
      ${hasQuiz ? sql`exists (select 1 from quiz_attempts q where q.user_id = u.id and q.lesson_id = ${lessonId} and q.passed)` : sql`null::boolean`} as quiz_passed,
      ${watchRequired ? lessonWatchesSql(sql`u.id`, sql`${lessonId}`) : sql`null::json`} as watches,
      ${rollupLockShared(sql`u.account_id`)} as rollup_locked
    from users u where u.id = ${userId}
    for no key update of u`;
}

function gateFrom(rows: Record<string, unknown>[]) {
  const row = rows[0] as
    { missing: CourseRef[] | null; quiz_passed: boolean | null; watches: VideoWatch[] | null } | undefined;
  return { missing: row?.missing ?? [], quizPassed: !!row?.quiz_passed, watches: row?.watches ?? [] };
}

/**
 * The completing write and the event it appends, in one statement, returning what follows from it:
 * newly completed or not; whether the course is now complete (courseCompleteSql, counting this lesson
 * as completed); whether the learner had completed any other lesson before
 * (a new trained learner for the rollups); whether this completion also starts the course (the row
 * was created by the completion and no other lesson of the course was touched).
 * The other sub-selects see the rows as they were before this statement, hence "other lessons" in each.
 */
async function writeCompletion(
  tx: Tx,
  learner: Learner,
  lesson: { id: string; courseId: string; contentHash: string },
) {
  const [row] = await queryRows<{
    newly: number;
    direct: boolean | null;
    course_complete: boolean;
    earlier: boolean;
    other_in_course: boolean;
  }>(
    tx,
    sql`
    with changed as (
      insert into lesson_progress (user_id, account_id, lesson_id, course_id, status, completed_at, locale)
      values (${learner.id}, ${learner.accountId}, ${lesson.id}, ${lesson.courseId}, 'completed', now(), ${learner.locale ?? null})
      on conflict (user_id, lesson_id) do update set status = 'completed', completed_at = now(), updated_at = now(),
        locale = coalesce(excluded.locale, lesson_progress.locale)
        where lesson_progress.status <> 'completed'
      returning started_at = completed_at as direct
    ), event as (
      insert into learning_events (user_id, account_id, verb, object_type, object_id, result, content_hash)
      select ${learner.id}::uuid, ${learner.accountId}::uuid, 'completed', 'lesson', ${lesson.id}::text, '{"completion":true}'::jsonb, ${lesson.contentHash}::text
      from changed
    )
    select
      (select count(*) from changed)::int as newly,
      (select direct from changed) as direct,
      ${courseCompleteSql(learner.id, lesson.courseId, lesson.id)} as course_complete,
      exists (select 1 from lesson_progress p where p.user_id = ${learner.id} and p.status = 'completed' and p.lesson_id <> ${lesson.id}) as earlier,
      exists (select 1 from lesson_progress p where p.user_id = ${learner.id} and p.course_id = ${lesson.courseId} and p.lesson_id <> ${lesson.id}) as other_in_course`,
  );
  const r = row!;
  return {
    newlyCompleted: r.newly > 0,
    courseComplete: r.course_complete,
    earlierCompletion: r.earlier,
    startsCourse: !!r.direct && !r.other_in_course,
  };
}
