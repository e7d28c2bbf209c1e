import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { uuidArray } from "#db/sql-lists";
import { loadMonthStates, type AccountMonthState } from "./rollups/month-states.server";
import { foldTrainingDeltas } from "./rollups/training-deltas.server";
import { healthOverMonths, type HealthBand, type HealthWeights } from "./health";
import { seatCoverage, stageReached, type StageReached } from "./metrics";
import { loadDataCoverage } from "./coverage/coverage.server";
import { covers, customerDataLastMonth, observedHealthInputs, type Coverage } from "./coverage/sources";

/** A learner counts as active when their lesson progress changed in this many days before the request. */
export const ACTIVE_WINDOW_DAYS = 30;

/**
 * One account's training figures as CS and CRM tools take them (GET /api/v1/accounts…). Counts come
 * from the account_month rollups (pending deltas folded first), so they equal the account page and the
 * impact report; health is the account page's latest health (same carry-forward, same weights).
 */
export interface AccountTraining {
  externalId: string;
  name: string;
  status: string;
  /** The CRM's lifecycle stage (accounts.lifecycle_stage). */
  lifecycleStage: string;
  /** The latest stage in which a learner of the account completed a course (DEFINITIONS.stageReached). */
  stageReached: StageReached;
  /** People of the account with a learner login (deactivated ones excluded). */
  people: number;
  /** People who completed at least one lesson (DEFINITIONS.learners). */
  learners: number;
  /** People whose lesson progress changed in the last ACTIVE_WINDOW_DAYS days. */
  activeLearners: number;
  /** Seats at the latest month the revenue data covers (or the account's seats); null = unknown. */
  seats: number | null;
  /** learners ÷ seats × 100; null when seats are unknown or 0. */
  seatCoverage: number | null;
  lessonCompletions: number;
  courseCompletions: number;
  courseCompletionsByStage: { onboarding: number; adoption: number; expansion: number };
  /** Last lesson progress of any learner of the account (ISO date-time), null = never. */
  lastActivityAt: string | null;
  /** Health score (0-100) and band as of the newest month with customer data; null = no data. */
  health: { score: number; band: HealthBand | null; asOf: string | null } | null;
}

type AccountRow = {
  id: string;
  external_id: string;
  name: string;
  status: string;
  lifecycle_stage: string;
  seats: number | null;
};

/** Training figures for these accounts (a page of the list), in the order given. */
export async function accountTrainingFigures(
  db: Db,
  accounts: readonly AccountRow[],
  weights: HealthWeights,
  coverage: Coverage,
): Promise<AccountTraining[]> {
  if (!accounts.length) return [];
  const ids = uuidArray(accounts.map((a) => a.id));
  await foldTrainingDeltas(
    db,
    accounts.map((a) => a.id),
  );
  const [totals, months, people] = await Promise.all([
    queryRows<{
      account_id: string;
      learners: number;
      lessons: number;
      courses: number;
      onboarding: number;
      adoption: number;
      expansion: number;
    }>(
      db,
      sql`
      select account_id, sum(learners)::int learners, sum(lesson_completions)::int lessons, sum(course_completions)::int courses,
        sum(onboarding_completions)::int onboarding, sum(adoption_completions)::int adoption, sum(expansion_completions)::int expansion
      from account_month where account_id = any(${ids}) group by account_id`,
    ),
    loadMonthStates(db, sql`account_id = any(${ids})`),
    queryRows<{ account_id: string; people: number; active: number; last_activity: string | null }>(
      db,
      sql`
      select u.account_id, count(distinct u.id)::int people,
        count(distinct u.id) filter (where p.last_at >= now() - make_interval(days => ${ACTIVE_WINDOW_DAYS}))::int active,
        to_char(max(p.last_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') last_activity
      from users u left join lateral (select max(updated_at) last_at from lesson_progress where user_id = u.id) p on true
      where u.account_id = any(${ids}) and u.deactivated_at is null group by u.account_id`,
    ),
  ]);
  const lastCustomerMonth = customerDataLastMonth(coverage);
  const byAccount = new Map<string, AccountMonthState[]>();
  for (const r of months) byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r]);
  const seen = (source: keyof Coverage, m: string) => covers(coverage[source], m);
  return accounts.map((a) => {
    const t = totals.find((x) => x.account_id === a.id);
    const p = people.find((x) => x.account_id === a.id);
    // The account page's rule: months after every customer source ends never make health.
    const shown = (byAccount.get(a.id) ?? []).filter((r) => lastCustomerMonth !== null && r.m <= lastCustomerMonth);
    const healths = healthOverMonths(
      shown.map((r) => ({ month: r.m, inputs: observedHealthInputs(r, coverage) })),
      weights,
    );
    const latest = [...healths].reverse().find((h) => h.score !== null) ?? null;
    const revenueMonth = [...shown].reverse().find((r) => seen("revenue", r.m));
    const seats = revenueMonth ? revenueMonth.seats : a.seats;
    const byStage = { onboarding: t?.onboarding ?? 0, adoption: t?.adoption ?? 0, expansion: t?.expansion ?? 0 };
    const learners = t?.learners ?? 0;
    return {
      externalId: a.external_id,
      name: a.name,
      status: a.status,
      lifecycleStage: a.lifecycle_stage,
      stageReached: stageReached(byStage),
      people: p?.people ?? 0,
      learners,
      activeLearners: p?.active ?? 0,
      seats,
      seatCoverage: seats === null ? null : seatCoverage(learners, seats),
      lessonCompletions: t?.lessons ?? 0,
      courseCompletions: t?.courses ?? 0,
      courseCompletionsByStage: byStage,
      lastActivityAt: p?.last_activity ?? null,
      health:
        latest && latest.score !== null ? { score: latest.score, band: latest.band, asOf: latest.asOf ?? null } : null,
    };
  });
}

const ACCOUNT_COLUMNS = sql`id, external_id, name, status, lifecycle_stage, seats`;

/** A page of accounts ordered by external id, after `cursor` (the last external id of the page before). */
export async function listAccountRows(db: Db, opts: { limit: number; cursor?: string }): Promise<AccountRow[]> {
  return queryRows<AccountRow>(
    db,
    sql`
    select ${ACCOUNT_COLUMNS} from accounts ${opts.cursor !== undefined ? sql`where external_id > ${opts.cursor}` : sql``}
    order by external_id limit ${opts.limit}`,
  );
}

export async function findAccountRow(db: Db, externalId: string): Promise<AccountRow | null> {
  const [row] = await queryRows<AccountRow>(
    db,
    sql`select ${ACCOUNT_COLUMNS} from accounts where external_id = ${externalId}`,
  );
  return row ?? null;
}

/** "Data through": the last day training data and each customer-data source cover. */
export async function trainingDataThrough(db: Db) {
  const coverage = await loadDataCoverage(db);
  const endOf = (month: string | null) => {
    if (!month) return null;
    const d = new Date(`${month}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1, 0);
    const today = new Date().toISOString().slice(0, 10);
    const end = d.toISOString().slice(0, 10);
    return end < today ? end : today;
  };
  return {
    coverage,
    dataThrough: {
      // Training is recorded live: it is complete up to the moment of the request.
      training: new Date().toISOString(),
      customerData: endOf(customerDataLastMonth(coverage)),
      ...Object.fromEntries(Object.entries(coverage).map(([k, span]) => [k, endOf(span?.last ?? null)])),
    },
  };
}

/** Learners of one account with their progress and certificates (the account detail endpoint). */
export async function accountLearners(db: Db, accountId: string) {
  return queryRows<{
    email: string;
    name: string;
    lessons_completed: number;
    courses_completed: number;
    certificates: number;
    last_activity_at: string | null;
  }>(
    db,
    sql`
    with lesson_count as (select course_id, count(*) n from lessons where archived_at is null group by course_id),
    done as (
      select lp.user_id from lesson_progress lp join lessons l on l.id = lp.lesson_id and l.archived_at is null
        join lesson_count lc on lc.course_id = lp.course_id
      where lp.account_id = ${accountId} and lp.status = 'completed' group by lp.user_id, lp.course_id, lc.n having count(*) = lc.n)
    select u.email, u.name,
      (select count(*) from lesson_progress where user_id = u.id and status = 'completed')::int lessons_completed,
      (select count(*) from done where done.user_id = u.id)::int courses_completed,
      (select count(*) from certificates where user_id = u.id)::int certificates,
      (select to_char(max(updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from lesson_progress where user_id = u.id) last_activity_at
    from users u where u.account_id = ${accountId} and u.deactivated_at is null order by u.email`,
  );
}
