import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "#db/index";
import type { TrainingCounts } from "./compute";
import { appendTrainingDelta, trainingDeltaSql } from "./training-deltas.server";
import { courseCompleteSql } from "#app/learning/course-complete.server";

/**
 * The cheap, incremental side of the rollups: called inside the learner's own progress transaction,
 * these only add to this month's counters for the learner's account (one appended delta row, see
 * training-deltas.server.ts), so the report never recomputes training figures per request.
 * refreshAccountMonths() recomputes the same counters from lesson_progress; an integration test checks
 * both paths agree.
 */

async function exists(db: Executor, query: ReturnType<typeof sql>): Promise<boolean> {
  return (await queryRows(db, query)).length > 0;
}

/** A learner opened a lesson for the first time (startLesson inserted the progress row). */
export async function onLessonStarted(
  db: Executor,
  e: { userId: string; accountId: string; courseId: string; lessonId: string },
) {
  const other = await exists(
    db,
    sql`select 1 from lesson_progress where user_id = ${e.userId} and course_id = ${e.courseId} and lesson_id <> ${e.lessonId} limit 1`,
  );
  if (!other) await appendTrainingDelta(db, e.accountId, { courseStarts: 1 });
}

type LessonCompleted = {
  userId: string;
  accountId: string;
  courseId: string;
  lessonId: string;
  courseCompleted: boolean;
  firstCompletion: boolean;
  startsCourse: boolean;
};

/**
 * A lesson became completed (exactly once per learner and lesson): the counter writes, as statements
 * for the caller to send in its transaction (completeLesson sends them with its COMMIT). The completing
 * statement reports what this changes (completeLesson's writeCompletion): `firstCompletion` when the
 * learner had no other completed lesson (a new trained learner), `startsCourse` when the completion
 * created the progress row and no other lesson of the course was touched; `courseCompleted` when it
 * finished the course. Reads what it needs first: nothing for a lesson; the course's stage and the
 * learner's other courses of that stage when the course was completed.
 */
export async function lessonCompletedWrites(db: Executor, e: LessonCompleted): Promise<SQL[]> {
  const counts: Partial<TrainingCounts> = { lessonCompletions: 1 };
  if (e.firstCompletion) counts.learners = 1;
  if (e.startsCourse) counts.courseStarts = 1;
  const writes: SQL[] = [];
  if (e.courseCompleted) {
    const [course] = await queryRows<{ stage: string }>(db, sql`select stage from courses where id = ${e.courseId}`);
    const stage = course?.stage;
    counts.courseCompletions = 1;
    if (stage === "onboarding" || stage === "adoption" || stage === "expansion") {
      counts[`${stage}Completions`] = 1;
      const earlierInStage = await exists(
        db,
        sql`
        select 1 from courses c
        where c.stage = ${stage} and c.id <> ${e.courseId} and ${courseCompleteSql(e.userId, sql`c.id`)}
        limit 1`,
      );
      if (!earlierInStage) counts[`${stage}Learners`] = 1;
    }
    writes.push(sql`
      insert into account_course (account_id, course_id, learners_completed, first_completed_on)
      values (${e.accountId}, ${e.courseId}, 1, (now() at time zone 'UTC')::date)
      on conflict (account_id, course_id) do update set
        learners_completed = account_course.learners_completed + 1,
        first_completed_on = least(account_course.first_completed_on, excluded.first_completed_on),
        updated_at = now()`);
  }
  writes.push(trainingDeltaSql(e.accountId, counts)!); // lessonCompletions is never zero
  return writes;
}
