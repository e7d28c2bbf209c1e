import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";

export interface HistoryEntry {
  verb: string;
  objectType: string;
  courseId: string | null;
  courseTitle: string | null;
  lessonId: string | null;
  lessonTitle: string | null;
  certificateCode: string | null;
  /** Quiz score in percent, for quiz attempts. */
  score: number | null;
  occurredAt: string;
}

/**
 * The learner's own learning log (newest first), with course and lesson titles for display. A quiz
 * attempt is stored as two xAPI-style events ("attempted", then "passed" or "failed"); the log shows
 * the outcome only, so one attempt is one row.
 */
export async function getLearningHistory(db: Db, userId: string, limit = 30): Promise<HistoryEntry[]> {
  const rows = await queryRows<{
    verb: string;
    object_type: string;
    course_id: string | null;
    course_title: string | null;
    lesson_id: string | null;
    lesson_title: string | null;
    certificate_code: string | null;
    score: number | null;
    occurred_at: string;
  }>(
    db,
    sql`
    select e.verb, e.object_type, coalesce(c.id, lc.id) as course_id, coalesce(c.title, lc.title) as course_title,
      l.id as lesson_id, l.title as lesson_title, e.result->>'certificate' as certificate_code,
      case when e.object_type = 'quiz' then (e.result->>'score')::float8 end as score, e.occurred_at
    from learning_events e
    left join courses c on e.object_type = 'course' and c.id = e.object_id
    left join lessons l on e.object_type in ('lesson', 'quiz') and l.id = e.object_id
    left join courses lc on lc.id = l.course_id
    where e.user_id = ${userId} and not (e.object_type = 'quiz' and e.verb = 'attempted')
    order by e.occurred_at desc, e.id desc
    limit ${limit}`,
  );
  return rows.map((r) => ({
    verb: r.verb,
    objectType: r.object_type,
    courseId: r.course_id,
    courseTitle: r.course_title,
    lessonId: r.lesson_id,
    lessonTitle: r.lesson_title,
    certificateCode: r.certificate_code,
    score: r.score === null ? null : Math.round(Number(r.score) * 100),
    occurredAt: new Date(r.occurred_at).toISOString(),
  }));
}

/** Totals shown at the top of the profile. */
export async function getLearningTotals(db: Db, userId: string) {
  const [row] = await queryRows<{ lessons_completed: number; seconds: number; started: number }>(
    db,
    sql`
    select count(*) filter (where status = 'completed')::int as lessons_completed,
      coalesce(sum(time_spent_seconds), 0)::int as seconds, count(*)::int as started
    from lesson_progress where user_id = ${userId}`,
  );
  return {
    lessonsCompleted: Number(row?.lessons_completed ?? 0),
    minutesLearning: Math.round(Number(row?.seconds ?? 0) / 60),
  };
}
