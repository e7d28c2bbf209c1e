import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";

export type AssignmentState = "open" | "completed" | "overdue";

export interface AssignedCourse {
  courseId: string;
  title: string;
  stage: string;
  dueOn: string | null;
  state: AssignmentState;
  lessonCount: number;
  lessonsCompleted: number;
}

/** Completed = every current lesson completed; overdue = not completed and the due date has passed (UTC). */
const STATE = sql.raw(`case when lc.n > 0 and coalesce(d.done, 0) >= lc.n then 'completed'
  when a.due_on is not null and a.due_on < (now() at time zone 'UTC')::date then 'overdue' else 'open' end`);

/** One learner's assigned courses, open ones first by due date (undated last), then completed ones. */
export async function assignedToLearner(db: Db, userId: string): Promise<AssignedCourse[]> {
  const rows = await queryRows<{
    course_id: string;
    title: string;
    stage: string;
    due_on: string | null;
    state: AssignmentState;
    n: number;
    done: number;
  }>(
    db,
    sql`
    with lc as (select course_id, count(*)::int n from lessons where archived_at is null group by course_id)
    select a.course_id, c.title, c.stage, a.due_on::text due_on, ${STATE} state, coalesce(lc.n, 0) n, coalesce(d.done, 0)::int done
    from assignments a join courses c on c.id = a.course_id and c.archived_at is null
      left join lc on lc.course_id = a.course_id
      left join lateral (select count(*) done from lesson_progress lp join lessons l on l.id = lp.lesson_id and l.archived_at is null
        where lp.user_id = a.user_id and lp.course_id = a.course_id and lp.status = 'completed') d on true
    where a.user_id = ${userId}`,
  );
  const rank = (s: AssignmentState) => (s === "completed" ? 1 : 0);
  return rows
    .map((r) => ({
      courseId: r.course_id,
      title: r.title,
      stage: r.stage,
      dueOn: r.due_on,
      state: r.state,
      lessonCount: Number(r.n),
      lessonsCompleted: Number(r.done),
    }))
    .sort(
      (a, b) =>
        rank(a.state) - rank(b.state) ||
        (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999") ||
        a.title.localeCompare(b.title),
    );
}

export interface AssignmentCounts {
  assigned: number;
  completed: number;
  overdue: number;
  open: number;
}

/** Assigned / completed / overdue counts of one account (learner-course pairs), and per learner. */
export async function accountAssignmentCounts(
  db: Db,
  accountId: string,
): Promise<{ total: AssignmentCounts; byLearner: Record<string, AssignmentCounts> }> {
  const rows = await queryRows<{ user_id: string; state: AssignmentState; n: number }>(
    db,
    sql`
    with lc as (select course_id, count(*)::int n from lessons where archived_at is null group by course_id),
    s as (
      select a.user_id, ${STATE} state
      from assignments a join courses c on c.id = a.course_id and c.archived_at is null
        left join lc on lc.course_id = a.course_id
        left join lateral (select count(*) done from lesson_progress lp join lessons l on l.id = lp.lesson_id and l.archived_at is null
          where lp.user_id = a.user_id and lp.course_id = a.course_id and lp.status = 'completed') d on true
      where a.account_id = ${accountId})
    select user_id, state, count(*)::int n from s group by user_id, state`,
  );
  const empty = (): AssignmentCounts => ({ assigned: 0, completed: 0, overdue: 0, open: 0 });
  const total = empty();
  const byLearner: Record<string, AssignmentCounts> = {};
  for (const r of rows) {
    const n = Number(r.n);
    const mine = (byLearner[r.user_id] ??= empty());
    for (const c of [total, mine]) {
      c.assigned += n;
      c[r.state] += n;
    }
  }
  return { total, byLearner };
}

export interface DueAssignment {
  id: string;
  userId: string;
  courseId: string;
  title: string;
  dueOn: string;
  state: "open" | "overdue";
}

/**
 * Assignments not completed whose due date lies in [from, to] (UTC dates), of active learners: the
 * reminder planner's input. Completed uses the same rule as everywhere else (STATE above).
 */
export async function incompleteAssignmentsDue(db: Db, from: string, to: string): Promise<DueAssignment[]> {
  const rows = await queryRows<{
    id: string;
    user_id: string;
    course_id: string;
    title: string;
    due_on: string;
    state: AssignmentState;
  }>(
    db,
    sql`
    with lc as (select course_id, count(*)::int n from lessons where archived_at is null group by course_id)
    select a.id, a.user_id, a.course_id, c.title, a.due_on::text due_on, ${STATE} state
    from assignments a join courses c on c.id = a.course_id and c.archived_at is null
      join users u on u.id = a.user_id and u.deactivated_at is null
      left join lc on lc.course_id = a.course_id
      left join lateral (select count(*) done from lesson_progress lp join lessons l on l.id = lp.lesson_id and l.archived_at is null
        where lp.user_id = a.user_id and lp.course_id = a.course_id and lp.status = 'completed') d on true
    where a.due_on between ${from}::date and ${to}::date`,
  );
  return rows
    .filter((r) => r.state !== "completed")
    .map((r) => ({
      id: r.id,
      userId: r.user_id,
      courseId: r.course_id,
      title: r.title,
      dueOn: r.due_on,
      state: r.state as "open" | "overdue",
    }));
}

/** One assignment's current state (null when it no longer exists): a queued reminder checks it before sending. */
export async function assignmentState(
  db: Db,
  assignmentId: string,
): Promise<{ userId: string; title: string; courseId: string; dueOn: string | null; state: AssignmentState } | null> {
  const [r] = await queryRows<{
    user_id: string;
    course_id: string;
    title: string;
    due_on: string | null;
    state: AssignmentState;
  }>(
    db,
    sql`
    with lc as (select course_id, count(*)::int n from lessons where archived_at is null group by course_id)
    select a.user_id, a.course_id, c.title, a.due_on::text due_on, ${STATE} state
    from assignments a join courses c on c.id = a.course_id
      left join lc on lc.course_id = a.course_id
      left join lateral (select count(*) done from lesson_progress lp join lessons l on l.id = lp.lesson_id and l.archived_at is null
        where lp.user_id = a.user_id and lp.course_id = a.course_id and lp.status = 'completed') d on true
    where a.id = ${assignmentId}`,
  );
  return r ? { userId: r.user_id, courseId: r.course_id, title: r.title, dueOn: r.due_on, state: r.state } : null;
}
