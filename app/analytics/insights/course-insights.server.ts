import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { languageCondition, type InsightsFilters } from "./filters";

/**
 * Content analytics for education teams. Definitions (shown as help in the UI):
 * - enrolled: learners who opened at least one lesson of the course;
 * - started: enrolled learners who completed at least one lesson;
 * - completed: learners who completed every current lesson; completion rate = completed ÷ enrolled;
 * - median time to complete: first lesson opened → last lesson completed, over completers;
 * - course NPS: % of survey answers 9–10 minus % of answers 0–6 (−100…100).
 * Period filters apply to when a learner first opened a lesson; segment to the learner's account;
 * language to the language each lesson was taken in (set when opened, overwritten at completion).
 */
/** Progress rows in scope of the filters, as a CTE body. */
function progressInScope(f: InsightsFilters): SQL {
  return sql`
    select p.course_id, p.user_id, p.status, p.started_at, p.completed_at from lesson_progress p
    ${f.segment ? sql`join accounts a on a.id = p.account_id and a.segment = ${f.segment}` : sql``}
    join lessons l on l.id = p.lesson_id and l.archived_at is null
    where ${f.from ? sql`p.started_at >= ${f.from}::date` : sql`true`}
      and ${f.to ? sql`p.started_at < ${f.to}::date + 1` : sql`true`}
      and ${languageCondition(f, sql`p`)}`;
}

const feedbackScope = (f: InsightsFilters, alias: SQL) => sql`
  ${f.from ? sql`${alias}.updated_at >= ${f.from}::date` : sql`true`}
  and ${f.to ? sql`${alias}.updated_at < ${f.to}::date + 1` : sql`true`}
  and ${f.segment ? sql`a.segment = ${f.segment}` : sql`true`}`;

export interface CourseInsight {
  id: string;
  title: string;
  stage: string;
  sourcePath: string;
  enrolled: number;
  started: number;
  completed: number;
  completionRate: number | null;
  medianSecondsToComplete: number | null;
  averageRating: number | null;
  ratings: number;
  nps: number | null;
  surveys: number;
  certificates: number;
}

export async function courseInsights(db: Db, f: InsightsFilters): Promise<CourseInsight[]> {
  return (await courseInsightsQuery(db, f, false)).courses;
}

/**
 * The course figures and the completions per month (completionTrend) from ONE pass over the progress
 * rows: both aggregate the same per-learner rows (the overview read the progress table twice for them).
 */
export async function courseInsightsAndTrend(
  db: Db,
  f: InsightsFilters,
): Promise<{ courses: CourseInsight[]; trend: { month: string; completions: number }[] }> {
  const { courses, trend } = await courseInsightsQuery(db, f, true);
  return { courses, trend: trend! };
}

async function courseInsightsQuery(db: Db, f: InsightsFilters, withTrend: boolean) {
  const stage = f.stage ? sql`c.stage = ${f.stage}` : sql`true`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with lp as (${progressInScope(f)}),
    lesson_counts as (select course_id, count(*)::int as n from lessons where archived_at is null group by course_id),
    per_learner as (
      select course_id, user_id, count(*) filter (where status = 'completed')::int as done,
             min(started_at) as first_start, max(completed_at) as last_done
      from lp group by course_id, user_id)
    select c.id, c.title, c.stage, c.source_path,
      count(pl.user_id)::int as enrolled,
      (count(pl.user_id) filter (where pl.done > 0))::int as started,
      (count(pl.user_id) filter (where pl.done >= lc.n))::int as completed,
      percentile_cont(0.5) within group (order by extract(epoch from pl.last_done - pl.first_start)) filter (where pl.done >= lc.n) as median_seconds,
      (select avg(fb.rating)::float from lesson_feedback fb join lessons l2 on l2.id = fb.lesson_id join accounts a on a.id = fb.account_id where l2.course_id = c.id and ${feedbackScope(f, sql`fb`)}) as avg_rating,
      (select count(*)::int from lesson_feedback fb join lessons l2 on l2.id = fb.lesson_id join accounts a on a.id = fb.account_id where l2.course_id = c.id and ${feedbackScope(f, sql`fb`)}) as ratings,
      (select round(100.0 * (count(*) filter (where s.recommend >= 9) - count(*) filter (where s.recommend <= 6)) / nullif(count(*), 0))::int
         from course_surveys s join accounts a on a.id = s.account_id where s.course_id = c.id and ${feedbackScope(f, sql`s`)}) as nps,
      (select count(*)::int from course_surveys s join accounts a on a.id = s.account_id where s.course_id = c.id and ${feedbackScope(f, sql`s`)}) as surveys,
      (select count(*)::int from certificates ce join accounts a on a.id = ce.account_id where ce.course_id = c.id
         and ${f.from ? sql`ce.issued_at >= ${f.from}::date` : sql`true`} and ${f.to ? sql`ce.issued_at < ${f.to}::date + 1` : sql`true`}
         and ${f.segment ? sql`a.segment = ${f.segment}` : sql`true`}) as certificates${
           withTrend
             ? sql`,
      (select coalesce(json_agg(json_build_array(t.month, t.completions) order by t.month), '[]') from (
         select to_char(date_trunc('month', d.last_done), 'YYYY-MM') as month, count(*)::int as completions
         from per_learner d join courses c on c.id = d.course_id join lesson_counts lc on lc.course_id = d.course_id
         where c.archived_at is null and ${stage} and d.done >= lc.n group by 1) t) as trend`
             : sql``
         }
    from courses c
    join lesson_counts lc on lc.course_id = c.id
    left join per_learner pl on pl.course_id = c.id
    where c.archived_at is null and ${stage}
    group by c.id, lc.n
    order by c.position, c.title`,
  );
  const courses = rows.map((r) => {
    const enrolled = Number(r.enrolled);
    const completed = Number(r.completed);
    return {
      id: String(r.id),
      title: String(r.title),
      stage: String(r.stage),
      sourcePath: String(r.source_path),
      enrolled,
      started: Number(r.started),
      completed,
      completionRate: enrolled ? completed / enrolled : null,
      medianSecondsToComplete: r.median_seconds == null ? null : Math.round(Number(r.median_seconds)),
      averageRating: r.avg_rating == null ? null : Number(r.avg_rating),
      ratings: Number(r.ratings),
      nps: r.nps == null ? null : Number(r.nps),
      surveys: Number(r.surveys),
      certificates: Number(r.certificates),
    };
  });
  if (!withTrend) return { courses, trend: null };
  // No course row: no course to complete either (the trend joins the same courses).
  const trend = rows.length ? (rows[0]!.trend as [string, number][]) : [];
  return {
    courses,
    trend: trend.map(([month, completions]) => ({ month: String(month), completions: Number(completions) })),
  };
}

/** Course completions per month (month of the learner's last lesson completion). */
export async function completionTrend(db: Db, f: InsightsFilters): Promise<{ month: string; completions: number }[]> {
  const rows = await queryRows<{ month: string; completions: number }>(
    db,
    sql`
    with lp as (${progressInScope(f)}),
    lesson_counts as (select course_id, count(*)::int as n from lessons where archived_at is null group by course_id),
    done as (
      select lp.course_id, lp.user_id, max(lp.completed_at) as finished, count(*) filter (where lp.status = 'completed') as n
      from lp join courses c on c.id = lp.course_id
      where c.archived_at is null and ${f.stage ? sql`c.stage = ${f.stage}` : sql`true`}
      group by lp.course_id, lp.user_id)
    select to_char(date_trunc('month', d.finished), 'YYYY-MM') as month, count(*)::int as completions
    from done d join lesson_counts lc on lc.course_id = d.course_id
    where d.n >= lc.n group by 1 order by 1`,
  );
  return rows.map((r) => ({ month: String(r.month), completions: Number(r.completions) }));
}

/** A month of the completions series: a count (0 = no completions) inside the learning data, null = no data. */
export interface MonthCompletions {
  month: string;
  completions: number | null;
  note: string;
}

/**
 * The months learning data covers: from the month of the first recorded lesson progress (the academy's
 * records begin) through the current month (progress is recorded live). null when there is none.
 */
export async function learningDataMonths(db: Db, today = new Date()): Promise<{ first: string; last: string } | null> {
  const [r] = await queryRows<{ first: string | null }>(
    db,
    sql`select to_char(min(started_at), 'YYYY-MM') as first from lesson_progress`,
  );
  return r?.first ? { first: String(r.first), last: today.toISOString().slice(0, 7) } : null;
}

const addMonth = (m: string) => {
  const [y, mm] = m.split("-").map(Number) as [number, number];
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, "0")}`;
};

/**
 * Every month of the filters' period (or, without dates, of the learning data), none skipped: inside the
 * learning data a month without completions is 0; outside it (before the first record, after the current
 * month) it is "no data" (null), never 0. The current month is marked as still in progress.
 */
export function completionsByMonth(
  trend: readonly { month: string; completions: number }[],
  f: InsightsFilters,
  data: { first: string; last: string } | null,
): MonthCompletions[] {
  const from = f.from?.slice(0, 7) ?? data?.first,
    to = f.to?.slice(0, 7) ?? data?.last;
  if (!from || !to || from > to) return [];
  const counts = new Map(trend.map((t) => [t.month, t.completions]));
  const out: MonthCompletions[] = [];
  for (let m = from; m <= to; m = addMonth(m)) {
    const covered = data !== null && data.first <= m && m <= data.last;
    out.push(
      covered
        ? { month: m, completions: counts.get(m) ?? 0, note: m === data.last ? "month in progress" : "" }
        : {
            month: m,
            completions: null,
            note:
              data && m > data.last
                ? "no data: after the current month"
                : "no data: before the first recorded learning activity",
          },
    );
  }
  return out;
}
