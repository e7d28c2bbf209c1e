import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { courses, lessons, users } from "#db/schema/index";

export interface TeamCourse {
  id: string;
  title: string;
  stage: string;
  lessonCount: number;
}

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  isAccountAdmin: boolean;
  lastActiveAt: string | null;
  coursesCompleted: number;
  lessonsCompleted: number;
  minutesLearning: number;
  /** courseId → completed lessons (only courses the member touched). */
  progress: Record<string, number>;
}

/**
 * Team progress of ONE account: its learners and, per published course, how many lessons each has
 * completed. The caller must have authorised access to this account (gate: requireAccountAccess).
 */
export async function getTeamProgress(
  db: Db,
  accountId: string,
): Promise<{ courses: TeamCourse[]; members: TeamMember[] }> {
  const courseRows = await db
    .select({
      id: courses.id,
      title: courses.title,
      stage: courses.stage,
      lessonCount: sql<number>`count(${lessons.id})::int`,
    })
    .from(courses)
    .innerJoin(lessons, and(eq(lessons.courseId, courses.id), isNull(lessons.archivedAt)))
    .where(and(eq(courses.status, "published"), isNull(courses.archivedAt)))
    .groupBy(courses.id)
    .orderBy(
      sql`case ${courses.stage} when 'onboarding' then 0 when 'adoption' then 1 else 2 end`,
      asc(courses.position),
      asc(courses.title),
    );
  const members = await db
    .select({ id: users.id, name: users.name, email: users.email, isAccountAdmin: users.isAccountAdmin })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, "learner")))
    .orderBy(asc(users.name));
  const progress = await queryRows<{
    user_id: string;
    course_id: string;
    done: number;
    seconds: number;
    last_at: string | null;
  }>(
    db,
    sql`
    select lp.user_id, lp.course_id,
      count(*) filter (where lp.status = 'completed')::int as done,
      sum(lp.time_spent_seconds)::int as seconds,
      max(lp.updated_at) as last_at
    from lesson_progress lp join lessons l on l.id = lp.lesson_id and l.archived_at is null
    where lp.account_id = ${accountId}
    group by lp.user_id, lp.course_id`,
  );
  const lessonCount = new Map(courseRows.map((c) => [c.id, c.lessonCount]));
  return {
    courses: courseRows,
    members: members.map((m) => {
      const mine = progress.filter((p) => p.user_id === m.id && lessonCount.has(p.course_id));
      const last = mine.map((p) => (p.last_at ? new Date(p.last_at).getTime() : 0)).reduce((a, b) => Math.max(a, b), 0);
      return {
        ...m,
        lastActiveAt: last ? new Date(last).toISOString() : null,
        coursesCompleted: mine.filter((p) => p.done === lessonCount.get(p.course_id)).length,
        lessonsCompleted: mine.reduce((n, p) => n + Number(p.done), 0),
        minutesLearning: Math.round(mine.reduce((n, p) => n + Number(p.seconds ?? 0), 0) / 60),
        progress: Object.fromEntries(mine.map((p) => [p.course_id, Number(p.done)])),
      };
    }),
  };
}
