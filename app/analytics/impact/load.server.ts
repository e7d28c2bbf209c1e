import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import type { HealthWeights } from "../health";
import { addMonths, monthOf, monthRange, monthsBetween } from "../months";
import type { ReportFilters } from "../report/filters";
import { accountWhere, narrowsAccounts } from "../report/load.server";
import { featuresForTier } from "#app/content/product-features";
import { courseAdoptionSeries, panelAccount, type Panel, type PanelMonthRow } from "./panel";

export interface LoadedPanel {
  panel: Panel;
  courses: { id: string; title: string; stage: string; features: string[] }[];
  /** Last month (YYYY-MM) of the data the panel was built from: revenue (the panel's end) and product usage (null: none). */
  dataThrough: { revenue: string; usage: string | null };
}

/**
 * The impact design's panel for the report's population: every account_month row of the accounts in
 * scope (all months up to the data's end, not only the period: the event study looks 6 months back and
 * 12 ahead), the first completion of every course per account, and which months the usage source covers.
 */
export async function loadImpactPanel(
  db: Db,
  filters: ReportFilters,
  dataEnd: string | null,
  weights: HealthWeights,
): Promise<LoadedPanel> {
  const where = accountWhere(filters);
  const lastMonth = monthOf(dataEnd ?? filters.to);
  const courseList = await queryRows<{ id: string; title: string; stage: string; features: string[] }>(
    db,
    sql`select id, title, stage, features from courses where archived_at is null and status = 'published' order by position, id`,
  );
  const [rows, courseRows, accountRows, coverage, featureUsage] = await Promise.all([
    queryRows<{
      a: string;
      m: string;
      mrr: number;
      seats: number;
      au: number;
      fu: number;
      fp: number;
      to: number;
      te: number;
      fb: number | null;
      cc: number;
      mc: number;
      l: number;
    }>(
      db,
      sql`
      select account_id a, to_char(month, 'YYYY-MM-DD') m, revenue_mrr::float8 mrr, seats, active_users au, features_used fu,
        features_purchased fp, tickets_opened "to", tickets_escalated te, feedback_score fb, community_count cc, marketing_count mc, learners l
      from account_month where month <= ${lastMonth} and account_id in (select id from accounts a where ${where})
      order by account_id, month`,
    ),
    queryRows<{ a: string; c: string; d: string }>(
      db,
      sql`
      select account_id a, course_id c, first_completed_on::text d from account_course
      where account_id in (select id from accounts a where ${where})`,
    ),
    queryRows<{ id: string; segment: string | null; csm: string | null; tier: string | null }>(
      db,
      sql`select id, segment, csm_owner csm, plan_tier tier from accounts a where ${where}`,
    ),
    queryRows<{ first: string | null; last: string | null; any_first: string | null }>(
      db,
      sql`
      select (select min(month) from account_month where usage_events > 0)::text first,
        (select max(month) from account_month where usage_events > 0 and month <= ${lastMonth})::text last,
        (select min(month) from account_month)::text any_first`,
    ),
    // Per account, its course features' monthly active users as three aligned arrays (one row per account).
    // Months travel as integers (year × 12 + month − 1) and no array is ordered: the rows are looked up by
    // month and feature, and ordered aggregates sort every group (seconds at 1M rows). Without filters the
    // account subquery is left out (it selects every account).
    queryRows<{ a: string; f: string[]; m: number[]; au: number[] }>(
      db,
      sql`
      select account_id a, array_agg(feature_key) f,
        array_agg((extract(year from month)::int * 12 + extract(month from month)::int - 1)) m, array_agg(active_users) au
      from feature_usage_monthly
      where feature_key in (select unnest(features) from courses where archived_at is null and status = 'published')
        and month <= ${lastMonth}${narrowsAccounts(filters) ? sql` and account_id in (select id from accounts a where ${where})` : sql``}
      group by 1`,
    ),
  ]);
  const courses = courseList;
  const firstMonth = coverage[0]?.any_first ? monthOf(coverage[0].any_first) : addMonths(lastMonth, -23);
  const months = firstMonth <= lastMonth ? monthRange(firstMonth, lastMonth) : [lastMonth];
  const c = coverage[0];
  const usageMonths: [number, number] | null =
    c?.first && c.last
      ? [monthsBetween(months[0]!, monthOf(c.first)), monthsBetween(months[0]!, monthOf(c.last))]
      : null;

  const byAccount = new Map<string, PanelMonthRow[]>();
  const learners = new Map<string, { month: string; learners: number; seats: number }[]>();
  for (const r of rows) {
    const list = byAccount.get(r.a) ?? [];
    list.push({
      month: r.m,
      revenueMrr: r.mrr,
      seats: r.seats,
      activeUsers: r.au,
      featuresUsed: r.fu,
      featuresPurchased: r.fp,
      ticketsOpened: r.to,
      ticketsEscalated: r.te,
      feedbackScore: r.fb,
      communityCount: r.cc,
      marketingCount: r.mc,
    });
    byAccount.set(r.a, list);
    if (filters.trained === "coverage") {
      const l = learners.get(r.a) ?? [];
      l.push({ month: r.m, learners: r.l, seats: r.seats });
      learners.set(r.a, l);
    }
  }
  const stageOf = new Map(courses.map((x) => [x.id, x.stage]));
  const coursesOf = new Map<string, [string, string][]>();
  for (const r of courseRows) {
    const list = coursesOf.get(r.a) ?? [];
    list.push([r.c, r.d]);
    coursesOf.set(r.a, list);
  }
  const usageOf = new Map<string, Map<string, Map<string, number>>>(); // account → month → feature → active users
  const monthText = new Map<number, string>();
  const monthOfIndex = (n: number) => {
    let m = monthText.get(n);
    if (m === undefined) monthText.set(n, (m = `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}-01`));
    return m;
  };
  for (const r of featureUsage) {
    const byMonth = usageOf.get(r.a) ?? new Map<string, Map<string, number>>();
    r.m.forEach((n, i) => {
      const m = monthOfIndex(Number(n));
      const cur = byMonth.get(m) ?? new Map<string, number>();
      cur.set(r.f[i]!, Number(r.au[i]));
      byMonth.set(m, cur);
    });
    usageOf.set(r.a, byMonth);
  }
  const accounts = accountRows.map((a) => {
    const done = coursesOf.get(a.id) ?? [];
    const monthRows = byAccount.get(a.id) ?? [];
    const account = panelAccount(
      {
        id: a.id,
        segment: a.segment,
        csm: a.csm,
        rows: monthRows,
        courses: done,
        trainedOn: trainedOn(filters, done, stageOf, learners.get(a.id) ?? []),
      },
      months,
      { weights, usageMonths },
    );
    account.courseAdoption = courseAdoptionSeries(
      usageOf.get(a.id) ?? new Map(),
      monthRows,
      months,
      usageMonths,
      courses,
      a.tier ? featuresForTier(a.tier) : [],
    );
    return account;
  });
  const usageThrough = usageMonths ? months[Math.min(months.length - 1, usageMonths[1])]!.slice(0, 7) : null;
  return {
    panel: { months, accounts },
    courses,
    dataThrough: { revenue: months[months.length - 1]!.slice(0, 7), usage: usageThrough },
  };
}

/** The account's training date under the report's definition of "trained". */
function trainedOn(
  f: ReportFilters,
  done: [string, string][],
  stageOf: Map<string, string>,
  learners: { month: string; learners: number; seats: number }[],
): string | null {
  const first = (list: [string, string][]) =>
    list.reduce<string | null>((m, [, d]) => (m === null || d < m ? d : m), null);
  if (f.trained === "any") return first(done);
  if (f.trained === "adoption") return first(done.filter(([c]) => stageOf.get(c) === "adoption"));
  let cumulative = 0;
  for (const r of learners) {
    cumulative += r.learners;
    if (r.seats > 0 && (cumulative / r.seats) * 100 >= f.coverage) return r.month;
  }
  return null;
}
