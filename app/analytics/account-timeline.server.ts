import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { foldTrainingDeltas } from "./rollups/training-deltas.server";
import { featureBreadth, seatUtilization } from "./metrics";
import { healthOverMonths, type HealthWeights } from "./health";
import { loadAccountCoverage, loadDataCoverage } from "./coverage/coverage.server";
import { covers, customerDataLastMonth, observedHealthInputs } from "./coverage/sources";
import { MOVEMENT_LABELS, type MovementType } from "./movement-types";
import type { AccountMonthState } from "./rollups/month-states.server";

export interface TimelineEvent {
  date: string;
  kind: "revenue" | "training" | "churn" | "health";
  text: string;
  amount?: number;
}

/** Everything the account page shows: monthly figures, a merged event timeline and its learners' progress. */
export async function getAccountTimeline(db: Db, accountId: string, weights: HealthWeights) {
  const [account] = await queryRows<{
    id: string;
    external_id: string;
    name: string;
    segment: string | null;
    plan_tier: string | null;
    country: string | null;
    csm_owner: string | null;
    seats: number | null;
    status: string;
    lifecycle_stage: string;
    churn_date: string | null;
  }>(
    db,
    sql`
    select id, external_id, name, segment, plan_tier, country, csm_owner, seats, status, lifecycle_stage, churn_date::text from accounts where id = ${accountId}`,
  );
  if (!account) return null;
  await foldTrainingDeltas(db, [accountId]);
  const [months, movements, churns, completions, learners, coverage, accountCoverage] = await Promise.all([
    queryRows<
      Omit<AccountMonthState, "account_id"> & {
        revenue: number;
        lesson_completions: number;
        course_completions: number;
      }
    >(
      db,
      sql`
      select to_char(month, 'YYYY-MM-DD') m, revenue_mrr::float8 revenue, seats, active_users, features_used, features_purchased, tickets_opened, tickets_escalated,
        feedback_score, community_count, marketing_count, lesson_completions, course_completions
      from account_month where account_id = ${accountId} order by month`,
    ),
    queryRows<{ occurred_on: string; movement_type: MovementType; amount: number }>(
      db,
      sql`select occurred_on::text, movement_type, amount::float8 amount from revenue_movements where account_id = ${accountId} order by occurred_on`,
    ),
    queryRows<{ churn_date: string; reason_code: string | null }>(
      db,
      sql`select churn_date::text, reason_code from churn_events where account_id = ${accountId}`,
    ),
    queryRows<{ user_id: string; learner: string; title: string; stage: string; completed_on: string }>(
      db,
      sql`
      with lesson_count as (select course_id, count(*) n from lessons where archived_at is null group by course_id)
      select lp.user_id, u.name learner, c.title, c.stage, to_char(max(lp.completed_at) at time zone 'UTC', 'YYYY-MM-DD') completed_on
      from lesson_progress lp join lessons l on l.id = lp.lesson_id and l.archived_at is null
        join courses c on c.id = lp.course_id join users u on u.id = lp.user_id join lesson_count lc on lc.course_id = lp.course_id
      where lp.account_id = ${accountId} and lp.status = 'completed'
      group by u.name, lp.user_id, c.title, c.stage, lc.n having count(*) = lc.n`,
    ),
    queryRows<{
      id: string;
      name: string;
      email: string;
      lessons_completed: number;
      lessons_started: number;
      courses_touched: number;
      last_active: string | null;
    }>(
      db,
      sql`
      select u.id, u.name, u.email,
        count(lp.id) filter (where lp.status = 'completed')::int lessons_completed, count(lp.id)::int lessons_started,
        count(distinct lp.course_id)::int courses_touched, to_char(max(lp.updated_at) at time zone 'UTC', 'YYYY-MM-DD') last_active
      from users u left join lesson_progress lp on lp.user_id = u.id
      where u.account_id = ${accountId} group by u.id order by lessons_completed desc, u.name`,
    ),
    loadDataCoverage(db),
    loadAccountCoverage(db, accountId),
  ]);

  // Months after every customer source ends (e.g. a row a lesson completion created this month) are
  // training-only: they never change the health, utilization or month the page shows.
  const lastCustomerMonth = customerDataLastMonth(coverage);
  const shown = months.filter((r) => lastCustomerMonth !== null && r.m <= lastCustomerMonth);
  const seen = (source: keyof typeof coverage, m: string) => covers(coverage[source], m);
  const healths = healthOverMonths(
    shown.map((r) => ({ month: r.m, inputs: observedHealthInputs(r, coverage) })),
    weights,
  );
  const monthly = shown.map((r, i) => ({
    month: r.m,
    revenue: seen("revenue", r.m) ? r.revenue : null,
    seats: r.seats,
    utilization: seen("usage", r.m) ? seatUtilization(r.active_users, r.seats) : null,
    breadth: seen("usage", r.m) ? featureBreadth(r.features_used, r.features_purchased) : null,
    health: healths[i]!,
    ticketsOpened: seen("support", r.m) ? r.tickets_opened : null,
    lessonCompletions: r.lesson_completions,
    courseCompletions: r.course_completions,
  }));
  const events: TimelineEvent[] = [
    ...movements.map((m) => ({
      date: m.occurred_on,
      kind: "revenue" as const,
      text: `${MOVEMENT_LABELS[m.movement_type] ?? m.movement_type}`,
      amount: m.amount,
    })),
    ...churns.map((c) => ({
      date: c.churn_date,
      kind: "churn" as const,
      text: `Churned${c.reason_code ? ` (${c.reason_code})` : ""}`,
    })),
    ...completions.map((c) => ({
      date: c.completed_on,
      kind: "training" as const,
      text: `${c.learner} completed “${c.title}” (${c.stage})`,
    })),
  ];
  for (let i = 1; i < monthly.length; i++) {
    const prev = monthly[i - 1]!.health.band,
      cur = monthly[i]!.health.band;
    if (prev && cur && prev !== cur)
      events.push({
        date: monthly[i]!.month,
        kind: "health",
        text: `Health moved from ${prev} to ${cur} (${monthly[i]!.health.score})`,
      });
  }
  events.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const latest = [...monthly].reverse().find((m) => m.health.score !== null) ?? null;
  const latestRevenue = [...monthly].reverse().find((m) => m.revenue !== null) ?? null;
  const latestUsage = [...monthly].reverse().find((m) => m.utilization !== null) ?? null;
  const completedByLearner = new Map<string, number>();
  for (const c of completions) completedByLearner.set(c.user_id, (completedByLearner.get(c.user_id) ?? 0) + 1);
  return {
    account,
    monthly,
    events,
    latestHealth: latest ? { month: latest.month, ...latest.health } : null,
    latestRevenue: latestRevenue
      ? { month: latestRevenue.month, revenue: latestRevenue.revenue, seats: latestRevenue.seats }
      : null,
    latestUtilization: latestUsage
      ? { month: latestUsage.month, utilization: latestUsage.utilization, seats: latestUsage.seats }
      : null,
    coverage,
    // Subscription lines are a state, not events: an account in the revenue data is known (paying or
    // not) up to the end of that data, not only up to its own last line change.
    accountCoverage: {
      ...accountCoverage,
      revenue:
        accountCoverage.revenue && coverage.revenue
          ? { first: accountCoverage.revenue.first, last: coverage.revenue.last }
          : accountCoverage.revenue,
    },
    learners: learners.map((l) => ({ ...l, coursesCompleted: completedByLearner.get(l.id) ?? 0 })),
  };
}
