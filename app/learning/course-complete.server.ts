import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * SQL boolean: the learner has completed the course — it has current (not archived) lessons and every
 * one of them is completed. The one definition of "course complete" in SQL: prerequisites, the rating
 * gate, certificates (via the completing write) and the stage counters of the rollups all use it.
 * `alsoCompleted` counts that lesson as completed too: the completing statement asks "is the course
 * complete with this lesson?" while its own write is not yet visible to it.
 */
export function courseCompleteSql(
  userId: SQLWrapper | string,
  courseId: SQLWrapper | string,
  alsoCompleted?: SQLWrapper | string,
): SQL {
  return sql`(
    exists (select 1 from lessons ccl where ccl.course_id = ${courseId} and ccl.archived_at is null)
    and not exists (
      select 1 from lessons ccl
      left join lesson_progress ccp on ccp.lesson_id = ccl.id and ccp.user_id = ${userId} and ccp.status = 'completed'
      where ccl.course_id = ${courseId} and ccl.archived_at is null and ccp.id is null
        ${alsoCompleted === undefined ? sql`` : sql`and ccl.id <> ${alsoCompleted}`}))`;
}
