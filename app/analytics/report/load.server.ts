import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { uuidArray } from "#db/sql-lists";
import { addMonths, endOfMonth, monthOf, monthRange, toIsoDate } from "../months";
import { HEALTH_CARRY_FORWARD_MONTHS } from "../definitions";
import { loadDataCoverage } from "../coverage/coverage.server";
import { covers, defaultPeriod, PeriodOutsideDataError, periodOutsideData, type Coverage } from "../coverage/sources";
import type { ReportFilterInput, ReportFilters } from "./filters";
import { loadMonthStates, type AccountMonthState } from "../rollups/month-states.server";
import type { AccountFacts, MonthState, ReportData, ReportRollup } from "./types";

/**
 * Every query the report needs, all on the rollups (account_month, account_course) plus the small
 * subscription_lines and revenue_movements tables, grouped per account: a handful of queries whatever
 * the number of accounts, and no figure is computed here (that is ./build.ts, pure). Every read that
 * feeds a floating-point sum has an ORDER BY on a stable key (and the SQL average orders its inputs):
 * the figures must not change with the order rows happen to be stored in.
 */
export async function loadReportData(
  db: Db,
  input: ReportFilterInput,
  opts: { accountIds?: readonly string[] } = {},
): Promise<ReportData> {
  const coverage = await loadDataCoverage(db);
  const period = resolvePeriod(coverage, input);
  const filters: ReportFilters = { ...input, ...period };
  // accountIds: only these accounts (the account signals evaluate the refreshed accounts, never the whole base).
  const where = opts.accountIds
    ? sql`${accountWhere(filters)} and a.id = any(${uuidArray(opts.accountIds)})`
    : accountWhere(filters);
  const fromMonth = monthOf(filters.from);
  const endMonth = monthOf(filters.to);
  const earlierMonth = addMonths(endMonth, -3);
  const sixMonthsBefore = addMonths(monthOf(filters.to), -6);
  // Health at period end and 3 months before, each with the months it may carry inputs forward from.
  const stateMonths = monthRange(addMonths(earlierMonth, -HEALTH_CARRY_FORWARD_MONTHS), endMonth);
  const usage = coverage.usage;

  const [accountRows, lines, rollup, states, firsts, movements, options, onboardingStarters] = await Promise.all([
    queryRows<{
      id: string;
      name: string;
      segment: string | null;
      plan_tier: string | null;
      country: string | null;
      csm_owner: string | null;
      lifecycle_stage: string;
      seats: number | null;
    }>(
      db,
      sql`
      select id, name, segment, plan_tier, country, csm_owner, lifecycle_stage, seats from accounts a where ${where}
      order by external_id`,
    ),
    queryRows<{ account_id: string; mrr: number; seats: number; start_date: string; end_date: string | null }>(
      db,
      sql`
      select account_id, mrr::float8 mrr, seats, start_date::text, end_date::text from subscription_lines
      where account_id in (select id from accounts a where ${where}) order by account_id, external_id`,
    ),
    queryRows<RollupRow>(
      db,
      sql`
      select am.account_id,
        coalesce(sum(learners) filter (where month < ${fromMonth}), 0)::int learners_before,
        coalesce(sum(learners), 0)::int learners,
        coalesce(sum(course_starts), 0)::int course_starts,
        coalesce(sum(course_completions), 0)::int course_completions,
        coalesce(sum(course_starts) filter (where month < ${fromMonth}), 0)::int course_starts_before,
        coalesce(sum(course_completions) filter (where month < ${fromMonth}), 0)::int course_completions_before,
        coalesce(sum(onboarding_completions), 0)::int onboarding_completions,
        coalesce(sum(adoption_completions), 0)::int adoption_completions,
        coalesce(sum(expansion_completions), 0)::int expansion_completions,
        coalesce(sum(onboarding_learners), 0)::int onboarding_learners,
        coalesce(sum(adoption_learners), 0)::int adoption_learners,
        coalesce(sum(expansion_learners), 0)::int expansion_learners,
        -- adoption() in metrics.ts, as SQL so 10,000 accounts × 24 months never leave the database (a test checks they agree)
        avg(active_users::float8 / seats * 100 order by month) filter (where month >= ${fromMonth} and seats > 0
          and month between ${usage?.first ?? "9999-01-01"} and ${usage?.last ?? "0001-01-01"}) adoption,
        coalesce(sum(tickets_opened) filter (where month > ${earlierMonth}), 0)::int tickets_last3,
        coalesce(sum(tickets_opened) filter (where month > ${addMonths(earlierMonth, -3)} and month <= ${earlierMonth}), 0)::int tickets_prev3,
        coalesce(sum(lesson_completions) filter (where month > ${earlierMonth}), 0)::int lessons_last3
      from account_month am
      where am.month <= ${endMonth} and am.account_id in (select id from accounts a where ${where})
      group by am.account_id order by am.account_id`,
    ),
    loadMonthStates(
      db,
      sql`month >= ${stateMonths[0]!} and month <= ${endMonth} and account_id in (select id from accounts a where ${where})`,
    ),
    queryRows<{ account_id: string; first_any: string | null; first_adoption: string | null }>(
      db,
      sql`
      select ac.account_id, min(ac.first_completed_on)::text first_any,
        (min(ac.first_completed_on) filter (where c.stage = 'adoption'))::text first_adoption
      from account_course ac join courses c on c.id = ac.course_id
      where ac.account_id in (select id from accounts a where ${where}) group by ac.account_id`,
    ),
    queryRows<{ account_id: string; movement_type: string; amount: number; occurred_on: string }>(
      db,
      sql`
      select account_id, movement_type, amount::float8 amount, occurred_on::text from revenue_movements
      where occurred_on >= ${minDate(filters.from, sixMonthsBefore)} and occurred_on <= ${filters.to}
        and account_id in (select id from accounts a where ${where})
      order by account_id, occurred_on, external_id`,
    ),
    filterOptions(db),
    // Funnel step "started onboarding": one index probe per account (lesson_progress_account_idx).
    queryRows<{ id: string }>(
      db,
      sql`
      select a.id from accounts a where ${where} and exists (
        select 1 from lesson_progress lp where lp.account_id = a.id and lp.started_at < ${addMonths(endMonth, 1)}::date
          and lp.course_id in (select id from courses where stage = 'onboarding'))`,
    ),
  ]);

  const byId = new Map<string, AccountFacts>();
  for (const a of accountRows) {
    byId.set(a.id, {
      id: a.id,
      name: a.name,
      segment: a.segment,
      planTier: a.plan_tier,
      country: a.country,
      csm: a.csm_owner,
      lifecycleStage: a.lifecycle_stage,
      accountSeats: a.seats,
      lines: [],
      rollup: null,
      states: new Map(),
      firstCompletion: null,
      firstAdoptionCompletion: null,
      movements: [],
      startedOnboarding: false,
    });
  }
  for (const r of onboardingStarters) {
    const a = byId.get(r.id);
    if (a) a.startedOnboarding = true;
  }
  for (const l of lines)
    byId.get(l.account_id)?.lines.push({ mrr: l.mrr, seats: l.seats, startDate: l.start_date, endDate: l.end_date });
  for (const r of rollup) {
    const a = byId.get(r.account_id);
    if (a) a.rollup = { ...r, adoption: r.adoption === null ? null : Number(r.adoption) };
  }
  for (const s of states) {
    const a = byId.get(s.account_id);
    if (!a) continue;
    a.states.set(s.m, observedState(s, coverage));
  }
  for (const f of firsts) {
    const a = byId.get(f.account_id);
    if (a) {
      a.firstCompletion = f.first_any;
      a.firstAdoptionCompletion = f.first_adoption;
    }
  }
  for (const m of movements)
    byId.get(m.account_id)?.movements.push({
      movementType: m.movement_type as AccountFacts["movements"][number]["movementType"],
      amount: m.amount,
      occurredOn: m.occurred_on,
    });
  return { filters, accounts: [...byId.values()], options, dataEnd: period.dataEnd, coverage, stateMonths };
}

/** A month's health inputs, with the sources that do not cover the month read as no data (null), never 0. */
function observedState(s: AccountMonthState, c: Coverage): MonthState {
  const seen = (key: keyof Coverage) => covers(c[key], s.m);
  return {
    seats: s.seats,
    featuresPurchased: s.features_purchased,
    activeUsers: seen("usage") ? s.active_users : null,
    featuresUsed: seen("usage") ? s.features_used : null,
    ticketsOpened: seen("support") ? s.tickets_opened : null,
    ticketsEscalated: seen("support") ? s.tickets_escalated : null,
    feedbackScore: seen("feedback") ? s.feedback_score : null,
    communityCount: seen("community") ? s.community_count : null,
    marketingCount: seen("marketing") ? s.marketing_count : null,
  };
}

type RollupRow = ReportRollup & { account_id: string };

function minDate(a: string, b: string) {
  return a < b ? a : b;
}

/** Whether accountWhere selects fewer than every account (any account filter set); keep the two together. */
export function narrowsAccounts(f: ReportFilters): boolean {
  return !!(f.segment || f.planTier || f.country || f.csm || f.stage || f.language);
}

export function accountWhere(f: ReportFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.segment) parts.push(sql`a.segment = ${f.segment}`);
  if (f.planTier) parts.push(sql`a.plan_tier = ${f.planTier}`);
  if (f.country) parts.push(sql`a.country = ${f.country}`);
  if (f.csm) parts.push(sql`a.csm_owner = ${f.csm}`);
  if (f.stage) parts.push(sql`a.lifecycle_stage = ${f.stage}`);
  if (f.language) {
    parts.push(sql`exists (select 1 from lesson_progress lp where lp.account_id = a.id
      and lower(split_part(lp.locale, '-', 1)) = ${f.language.split("-")[0]!.toLowerCase()})`);
  }
  return sql.join(parts, sql` and `);
}

/**
 * The period (see DEFINITIONS.reportPeriod): by default the last 12 complete months covered by revenue
 * data, so a few late rows of another source never move it. A period with months the revenue data does
 * not cover is refused (PeriodOutsideDataError, with the default period as a suggestion).
 * `dataEnd` is the last day revenue data covers.
 */
export function resolvePeriod(
  coverage: Coverage,
  f: ReportFilterInput,
  today = toIsoDate(new Date()),
): { from: string; to: string; dataEnd: string | null } {
  const fallback = defaultPeriod(coverage.revenue, today);
  const dataEnd = coverage.revenue ? endOfMonth(coverage.revenue.last) : null;
  const to =
    f.to ??
    (f.from
      ? fallback && fallback.to > f.from
        ? fallback.to
        : endOfMonth(addMonths(monthOf(f.from), 11))
      : (fallback?.to ?? endOfMonth(today)));
  const from =
    f.from ??
    (f.to ? addMonths(monthOf(addMonths(monthOf(to), 1)), -12) : (fallback?.from ?? addMonths(monthOf(today), -11)));
  const period = { from, to: to > from ? to : endOfMonth(from) };
  const problem = periodOutsideData(period, coverage.revenue);
  if (problem) throw new PeriodOutsideDataError(problem, coverage, fallback);
  return { ...period, dataEnd };
}

export async function filterOptions(db: Db) {
  const rows = await queryRows<{ k: string; v: string }>(
    db,
    sql`
    select distinct 'segment' k, segment v from accounts where segment is not null
    union select distinct 'planTier', plan_tier from accounts where plan_tier is not null
    union select distinct 'country', country from accounts where country is not null
    union select distinct 'csm', csm_owner from accounts where csm_owner is not null
    order by 1, 2`,
  );
  const out = { segment: [] as string[], planTier: [] as string[], country: [] as string[], csm: [] as string[] };
  for (const r of rows) out[r.k as keyof typeof out].push(r.v);
  return out;
}
