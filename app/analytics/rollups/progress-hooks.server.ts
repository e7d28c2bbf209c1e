import { sql } from "drizzle-orm";
import { queryRows, type Db, type Tx } from "#db/index";
import type { TrainingCounts } from "./compute";

/**
 * The cheap, incremental side of the rollups: called inside the learner's own progress transaction,
 * these only bump this month's counters for the learner's account (a handful of indexed look-ups),
 * so the report never recomputes training figures per request. refreshAccountMonths() recomputes the
 * same counters from lesson_progress; an integration test checks both paths agree.
 */
type Exec = Db | Tx;

const THIS_MONTH = sql`date_trunc('month', now() at time zone 'UTC')::date`;

async function exists(db: Exec, query: ReturnType<typeof sql>): Promise<boolean> {
  return (await queryRows(db as Db, query)).length > 0;
}

/** A learner opened a lesson for the first time (startLesson inserted the progress row). */
export async function onLessonStarted(db: Exec, e: { userId: string; accountId: string; courseId: string; lessonId: string }) {
  const other = await exists(db, sql`select 1 from lesson_progress where user_id = ${e.userId} and course_id = ${e.courseId} and lesson_id <> ${e.lessonId} limit 1`);
  if (!other) await bumpAccountMonth(db, e.accountId, { courseStarts: 1 });
}

/**
 * A lesson became completed (exactly once per learner and lesson). The completing statement reports
 * what this changes (completeLesson's writeCompletion): `firstCompletion` when the learner had no other
 * completed lesson (a new trained learner), `startsCourse` when the completion created the progress
 * row and no other lesson of the course was touched; `courseCompleted` when it finished the course.
 */
export async function onLessonCompleted(db: Exec, e: {
  userId: string; accountId: string; courseId: string; lessonId: string; courseCompleted: boolean; firstCompletion: boolean; startsCourse: boolean;
}) {
  const counts: Partial<TrainingCounts> = { lessonCompletions: 1 };
  if (e.firstCompletion) counts.learners = 1;
  if (e.startsCourse) counts.courseStarts = 1;
  if (e.courseCompleted) {
    const [course] = await queryRows<{ stage: string }>(db as Db, sql`select stage from courses where id = ${e.courseId}`);
    const stage = course?.stage;
    counts.courseCompletions = 1;
    if (stage === "onboarding" || stage === "adoption" || stage === "expansion") {
      counts[`${stage}Completions`] = 1;
      const earlierInStage = await exists(db, sql`
        select 1 from lesson_progress lp
          join lessons l on l.id = lp.lesson_id and l.archived_at is null
          join courses c on c.id = lp.course_id and c.stage = ${stage}
        where lp.user_id = ${e.userId} and lp.status = 'completed' and lp.course_id <> ${e.courseId}
        group by lp.course_id
        having count(*) = (select count(*) from lessons l2 where l2.course_id = lp.course_id and l2.archived_at is null)
        limit 1`);
      if (!earlierInStage) counts[`${stage}Learners`] = 1;
    }
    await db.execute(sql`
      insert into account_course (account_id, course_id, learners_completed, first_completed_on)
      values (${e.accountId}, ${e.courseId}, 1, (now() at time zone 'UTC')::date)
      on conflict (account_id, course_id) do update set
        learners_completed = account_course.learners_completed + 1,
        first_completed_on = least(account_course.first_completed_on, excluded.first_completed_on),
        updated_at = now()`);
  }
  await bumpAccountMonth(db, e.accountId, counts);
}

const COLUMN: Record<keyof TrainingCounts, string> = {
  learners: "learners", lessonCompletions: "lesson_completions", courseStarts: "course_starts", courseCompletions: "course_completions",
  onboardingCompletions: "onboarding_completions", adoptionCompletions: "adoption_completions", expansionCompletions: "expansion_completions",
  onboardingLearners: "onboarding_learners", adoptionLearners: "adoption_learners", expansionLearners: "expansion_learners",
};

/**
 * Adds to this month's counters. A month without a row yet carries revenue, seats and features
 * purchased forward from the account's latest earlier month (or the account's seats) until the next
 * refresh recomputes them from the facts.
 */
async function bumpAccountMonth(db: Exec, accountId: string, counts: Partial<TrainingCounts>) {
  const keys = (Object.keys(counts) as (keyof TrainingCounts)[]).filter((k) => (counts[k] ?? 0) !== 0);
  if (!keys.length) return;
  const cols = sql.raw(keys.map((k) => COLUMN[k]).join(", "));
  const values = sql.join(keys.map((k) => sql`${counts[k]!}::int`), sql`, `);
  const updates = sql.raw(keys.map((k) => `${COLUMN[k]} = account_month.${COLUMN[k]} + excluded.${COLUMN[k]}`).join(", "));
  await db.execute(sql`
    insert into account_month (account_id, month, revenue_mrr, seats, features_purchased, ${cols})
    select a.id, ${THIS_MONTH},
      coalesce(prev.revenue_mrr, 0), coalesce(prev.seats, a.seats, 0), coalesce(prev.features_purchased, 0), ${values}
    from accounts a
    left join lateral (
      select revenue_mrr, seats, features_purchased from account_month
      where account_id = a.id and month < ${THIS_MONTH} order by month desc limit 1
    ) prev on true
    where a.id = ${accountId}
    on conflict (account_id, month) do update set ${updates}, updated_at = now()`);
}
