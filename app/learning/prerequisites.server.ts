import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { queryRows, type Executor } from "#db/index";
import { courseCompleteSql } from "./course-complete.server";

export interface CourseRef {
  id: string;
  title: string;
}

/**
 * SQL: a json array of the prerequisite courses ({ id, title }, in the listed order) that the learner
 * still has to complete. `prerequisites` is a text[] expression. Prerequisites that are not (or no
 * longer) published are ignored: a learner must never be locked out by a course they cannot take.
 * A course is complete as courseCompleteSql() defines it.
 * The one definition of "locked": missingPrerequisites() runs it alone, the lesson page embeds it.
 */
export function missingPrerequisitesSql(userId: SQLWrapper | string, prerequisites: SQL): SQL {
  return sql`coalesce((
    select json_agg(json_build_object('id', pc.id, 'title', pc.title) order by array_position(${prerequisites}, pc.id))
    from courses pc
    where pc.id = any(${prerequisites}) and pc.status = 'published' and pc.archived_at is null
      and not ${courseCompleteSql(userId, sql`pc.id`)}
  ), '[]'::json)`;
}

/** A text[] literal of these ids, one parameter each (for missingPrerequisitesSql). */
export function textArray(ids: readonly string[]): SQL {
  return sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`;
}

/** Which of a course's prerequisites the learner still has to complete (see missingPrerequisitesSql). */
export async function missingPrerequisites(
  db: Executor,
  userId: string,
  prerequisites: string[],
): Promise<CourseRef[]> {
  if (prerequisites.length === 0) return [];
  const [row] = await queryRows<{ missing: CourseRef[] }>(
    db,
    sql`select ${missingPrerequisitesSql(userId, textArray(prerequisites))} as missing`,
  );
  return row?.missing ?? [];
}

/**
 * Pure: the prerequisites each course of `list` still waits for, given the courses a learner can
 * take (published, not archived: only those can lock anything) and the ids they completed.
 */
export function resolveLocks<T extends { id: string; title: string; prerequisites: string[] }>(
  list: T[],
  takeable: { id: string; title: string }[],
  completed: Set<string>,
): Map<string, CourseRef[]> {
  const byId = new Map(takeable.map((c) => [c.id, c]));
  const locks = new Map<string, CourseRef[]>();
  for (const course of list) {
    const missing = course.prerequisites
      .map((id) => byId.get(id))
      .filter((p): p is { id: string; title: string } => !!p && !completed.has(p.id))
      .map((p) => ({ id: p.id, title: p.title }));
    locks.set(course.id, missing);
  }
  return locks;
}
