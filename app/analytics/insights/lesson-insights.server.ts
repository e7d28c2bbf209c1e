import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { languageCondition, type InsightsFilters } from "./filters";

export interface LessonFunnelStep {
  id: string;
  title: string;
  position: number;
  sourcePath: string;
  reached: number;
  completed: number;
  droppedHere: number;
  dropOffRate: number | null;
  medianSecondsOnLesson: number | null;
  averageRating: number | null;
  ratings: number;
}

/** Per-lesson funnel of one course: how many learners reach each lesson and where they stop. */
export async function lessonFunnel(db: Db, courseId: string, f: InsightsFilters): Promise<LessonFunnelStep[]> {
  return (await lessonFunnels(db, f, courseId)).get(courseId) ?? [];
}

/**
 * Lesson funnels of every course (or one), from ONE pass over the progress rows in scope: the overview
 * needs all of them, and a query per course read the progress table once per course.
 */
export async function lessonFunnels(
  db: Db,
  f: InsightsFilters,
  courseId?: string,
): Promise<Map<string, LessonFunnelStep[]>> {
  const scope = sql`
      select p.lesson_id, p.status, p.time_spent_seconds from lesson_progress p
      ${f.segment ? sql`join accounts a on a.id = p.account_id and a.segment = ${f.segment}` : sql``}
      where ${courseId ? sql`p.course_id = ${courseId}` : sql`true`}
        and ${f.from ? sql`p.started_at >= ${f.from}::date` : sql`true`}
        and ${f.to ? sql`p.started_at < ${f.to}::date + 1` : sql`true`}
        and ${languageCondition(f, sql`p`)}`;
  // ONE pass over the progress rows in scope, grouped by (lesson, completed, seconds): the step counts
  // are its sums and the median time its histogram (percentile_cont sorted every progress row and cost
  // 8× the counting itself at 2M rows; a second pass for the counts read the table twice).
  const [rows, groups] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`
    with fb as (select lesson_id, avg(rating)::float as avg_rating, count(*)::int as ratings from lesson_feedback group by lesson_id)
    select l.id, l.course_id, l.title, l.position, l.source_path, fb.avg_rating, coalesce(fb.ratings, 0) as ratings
    from lessons l left join fb on fb.lesson_id = l.id
    where l.archived_at is null and ${courseId ? sql`l.course_id = ${courseId}` : sql`true`}
    order by l.course_id, l.position`,
    ),
    queryRows<{ lesson_id: string; completed: boolean | null; seconds: number | null; n: number }>(
      db,
      sql`
    with lp as (${scope})
    select lesson_id, status = 'completed' as completed, time_spent_seconds as seconds, count(*)::int as n from lp group by 1, 2, 3`,
    ),
  ]);
  const reachedOf = new Map<string, number>(),
    completedOf = new Map<string, number>();
  const histogram: { key: string; value: number; n: number }[] = [];
  for (const g of groups) {
    const n = Number(g.n);
    reachedOf.set(g.lesson_id, (reachedOf.get(g.lesson_id) ?? 0) + n);
    if (g.completed !== true) continue;
    completedOf.set(g.lesson_id, (completedOf.get(g.lesson_id) ?? 0) + n);
    if (g.seconds !== null && Number(g.seconds) > 0) histogram.push({ key: g.lesson_id, value: Number(g.seconds), n });
  }
  const medians = medianByKey(histogram);
  const byCourse = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const list = byCourse.get(String(r.course_id)) ?? [];
    list.push(r);
    byCourse.set(String(r.course_id), list);
  }
  return new Map(
    [...byCourse].map(([id, list]) => [
      id,
      list.map((r, i) => {
        const reached = reachedOf.get(String(r.id)) ?? 0;
        const completed = completedOf.get(String(r.id)) ?? 0;
        const next = list[i + 1];
        const droppedHere = next
          ? Math.max(0, reached - (reachedOf.get(String(next.id)) ?? 0))
          : Math.max(0, reached - completed);
        return {
          id: String(r.id),
          title: String(r.title),
          position: Number(r.position),
          sourcePath: String(r.source_path),
          reached,
          completed,
          droppedHere,
          dropOffRate: reached ? droppedHere / reached : null,
          medianSecondsOnLesson: medians.has(String(r.id)) ? Math.round(medians.get(String(r.id))!) : null,
          averageRating: r.avg_rating == null ? null : Number(r.avg_rating),
          ratings: Number(r.ratings),
        };
      }),
    ]),
  );
}

export interface LessonComment {
  lessonId: string;
  lessonTitle: string;
  rating: number;
  comment: string;
  accountName: string;
  updatedAt: string;
}

/** Learner comments on a course's lessons, newest first, with the account for context. */
export async function lessonComments(db: Db, courseId: string, limit = 50): Promise<LessonComment[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select fb.lesson_id, l.title, fb.rating, fb.comment, a.name as account_name, fb.updated_at
    from lesson_feedback fb join lessons l on l.id = fb.lesson_id join accounts a on a.id = fb.account_id
    where l.course_id = ${courseId} and coalesce(fb.comment, '') <> ''
    order by fb.updated_at desc limit ${limit}`,
  );
  return rows.map((r) => ({
    lessonId: String(r.lesson_id),
    lessonTitle: String(r.title),
    rating: Number(r.rating),
    comment: String(r.comment),
    accountName: String(r.account_name),
    updatedAt: new Date(String(r.updated_at)).toISOString(),
  }));
}

export interface QuestionInsight {
  lessonId: string;
  lessonTitle: string;
  sourcePath: string;
  questionId: string;
  questionText: string | null;
  attempts: number;
  firstTries: number;
  firstTryCorrectRate: number | null;
  commonWrongAnswer: string | null;
  commonWrongCount: number;
}

/** Looks up question text and option labels in a lesson's quiz definition, whatever its nesting. */
function labelsFromQuiz(quiz: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      const id = o.id ?? o.key;
      const text = o.text ?? o.label ?? o.prompt ?? o.question;
      if ((typeof id === "string" || typeof id === "number") && typeof text === "string") labels.set(String(id), text);
      Object.values(o).forEach(visit);
    }
  };
  visit(quiz);
  return labels;
}

/** Per quiz question: attempts, % correct at the first try, and the most chosen answer in wrong attempts. */
export async function questionInsights(db: Db, opts: { courseId?: string } = {}): Promise<QuestionInsight[]> {
  const stats = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select qa.lesson_id, q.key as question_id, count(*)::int as attempts,
      (count(*) filter (where qa.attempt_number = 1))::int as first_tries,
      (count(*) filter (where qa.attempt_number = 1 and (qa.correct ->> q.key)::boolean))::int as first_correct
    from quiz_attempts qa join lessons l on l.id = qa.lesson_id
    cross join lateral jsonb_object_keys(qa.correct) as q(key)
    where ${opts.courseId ? sql`l.course_id = ${opts.courseId}` : sql`true`}
    group by qa.lesson_id, q.key`,
  );
  const wrong = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select qa.lesson_id, q.key as question_id, ans.value as answer, count(*)::int as n
    from quiz_attempts qa join lessons l on l.id = qa.lesson_id
    cross join lateral jsonb_each(qa.answers) as q(key, value)
    cross join lateral jsonb_array_elements_text(case when jsonb_typeof(q.value) = 'array' then q.value else jsonb_build_array(q.value) end) as ans(value)
    -- an attempt scoring 100 has no wrong answer: only the others are expanded (most attempts pass)
    where qa.score < 100 and not coalesce((qa.correct ->> q.key)::boolean, false) and ${opts.courseId ? sql`l.course_id = ${opts.courseId}` : sql`true`}
    group by 1, 2, 3`,
  );
  const lessonsInfo = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select id, title, source_path, quiz from lessons where quiz is not null and ${opts.courseId ? sql`course_id = ${opts.courseId}` : sql`true`}`,
  );
  const info = new Map(
    lessonsInfo.map((l) => [
      String(l.id),
      { title: String(l.title), sourcePath: String(l.source_path), labels: labelsFromQuiz(l.quiz) },
    ]),
  );
  return stats
    .map((s) => {
      const lessonId = String(s.lesson_id);
      const questionId = String(s.question_id);
      const meta = info.get(lessonId);
      const top = wrong
        .filter((w) => w.lesson_id === s.lesson_id && w.question_id === s.question_id)
        .sort((a, b) => Number(b.n) - Number(a.n))[0];
      const firstTries = Number(s.first_tries);
      const answer = top ? String(top.answer) : null;
      return {
        lessonId,
        lessonTitle: meta?.title ?? lessonId,
        sourcePath: meta?.sourcePath ?? "",
        questionId,
        questionText: meta?.labels.get(questionId) ?? null,
        attempts: Number(s.attempts),
        firstTries,
        firstTryCorrectRate: firstTries ? Number(s.first_correct) / firstTries : null,
        commonWrongAnswer: answer ? (meta?.labels.get(answer) ?? answer) : null,
        commonWrongCount: top ? Number(top.n) : 0,
      };
    })
    .sort((a, b) => (a.firstTryCorrectRate ?? 1) - (b.firstTryCorrectRate ?? 1));
}

/**
 * Median per key from (key, value, count) rows, as PostgreSQL's percentile_cont(0.5) computes it over
 * the expanded values: the middle value, or the mean of the two middle values.
 */
export function medianByKey(rows: { key: string; value: number; n: number }[]): Map<string, number> {
  const groups = new Map<string, { value: number; n: number }[]>();
  for (const r of rows) {
    const list = groups.get(r.key) ?? [];
    list.push({ value: r.value, n: r.n });
    groups.set(r.key, list);
  }
  const out = new Map<string, number>();
  for (const [key, list] of groups) {
    list.sort((a, b) => a.value - b.value);
    const total = list.reduce((s, x) => s + x.n, 0);
    const at = (index: number) => {
      let seen = 0;
      for (const x of list) {
        seen += x.n;
        if (index < seen) return x.value;
      }
      return list[list.length - 1]!.value;
    };
    const mid = (total - 1) / 2;
    out.set(key, (at(Math.floor(mid)) + at(Math.ceil(mid))) / 2);
  }
  return out;
}
