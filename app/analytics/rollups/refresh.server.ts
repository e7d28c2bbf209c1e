import { inArray, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, type Executor } from "#db/index";
import { uuidArray } from "#db/sql-lists";
import { bulkInsert } from "#db/bulk-insert";
import { accountCourse, accountMonth, accounts, subscriptionLines } from "#db/schema/index";
import { monthOf, monthRange } from "../months";
import { foldTrainingDeltas } from "./training-deltas.server";
import { lockAccountRollups } from "./rollup-lock.server";
import { refreshDataCoverage } from "../coverage/coverage.server";
import { emitAccountSignalChanges } from "../signals/account-signals.server";
import {
  accountMonthSpan,
  addCourseCompletions,
  buildAccountCourses,
  buildAccountMonths,
  type AccountCourseRow,
  type AccountRollupFacts,
  type AccountMonthRow,
  type CourseCompletionFact,
  type TrainingCounts,
} from "./compute";

const BATCH = 250;
const WRITE_CHUNK = 1000;
const monthSql = (col: SQL) => sql`to_char(date_trunc('month', ${col}), 'YYYY-MM-DD')`;
const utcMonth = (col: SQL) => monthSql(sql`(${col} at time zone 'UTC')`);

/**
 * Recomputes the account_month and account_course rollups of these accounts from the fact tables.
 * Call after customer data or learner progress are written in bulk (imports, the generator).
 * With `months`, only those months' rows are rewritten (cheap incremental refresh); without, every
 * month of each account is rebuilt and rows outside its data are removed.
 */
export async function refreshAccountMonths(
  db: Executor,
  accountIds: readonly string[],
  months?: readonly string[],
  // Accounts per batch, and what to do between batches (a long transaction's pause: pausing-transaction.ts).
  steps: { batch?: number; pause?: () => Promise<void> } = {},
): Promise<{ accounts: number; rows: number }> {
  const batchSize = steps.batch ?? BATCH;
  const ids = [...new Set(accountIds)];
  if (!ids.length) return { accounts: 0, rows: 0 };
  const only = months ? [...new Set(months.map(monthOf))].sort() : undefined;
  await steps.pause?.();
  const dataEnd = only ? null : await customerDataEnd(db);
  let rows = 0;
  for (let i = 0; i < ids.length; i += batchSize) {
    await steps.pause?.();
    const batch = ids.slice(i, i + batchSize);
    // One transaction per batch, holding the batch's rollup locks (rollup-lock.server.ts): no learner
    // progress of these accounts commits between the fold, the read of the facts and the rewrite.
    await db.transaction(async (tx) => {
      await lockAccountRollups(tx, batch);
      // Pending completions first: months not rewritten below keep them, rewritten ones recount them.
      await foldTrainingDeltas(tx, batch);
      const facts = await loadFacts(tx, batch);
      const monthRows: AccountMonthRow[] = [];
      const courseRows: AccountCourseRow[] = [];
      for (const f of facts) {
        const span = accountMonthSpan(f, dataEnd);
        const wanted = only ?? (span ? monthRange(span.first, span.last) : []);
        monthRows.push(...buildAccountMonths(f, wanted));
        courseRows.push(...buildAccountCourses(f));
      }
      if (!only) await tx.delete(accountMonth).where(inArray(accountMonth.accountId, batch));
      // One JSON parameter per chunk (db/bulk-insert.ts): drizzle's per-value mapping made these writes
      // the slowest step of the first start's demo load (15 s of 45 for 11k rows on a loaded machine).
      for (let j = 0; j < monthRows.length; j += WRITE_CHUNK)
        await bulkInsert(tx, accountMonth, monthRows.slice(j, j + WRITE_CHUNK), UPSERT_MONTH);
      await tx.delete(accountCourse).where(inArray(accountCourse.accountId, batch));
      for (let j = 0; j < courseRows.length; j += WRITE_CHUNK)
        await bulkInsert(tx, accountCourse, courseRows.slice(j, j + WRITE_CHUNK));
      rows += monthRows.length;
    });
  }
  // What each source covers grows with these accounts' facts (a month outside it reads as "no data").
  await steps.pause?.();
  await refreshDataCoverage(db, ids);
  // Webhooks for accounts whose stage reached / ready-for-expansion / at-risk changed (once per change).
  await steps.pause?.();
  await emitAccountSignalChanges(db, ids);
  return { accounts: ids.length, rows };
}

/** Rebuilds every account's rollups (after a restore, a schema change, or to check the incremental path). */
export async function rebuildRollups(db: Db, opts: { log?: (msg: string) => void } = {}) {
  const all = await db.select({ id: accounts.id }).from(accounts);
  const started = Date.now();
  await refreshDataCoverage(db);
  const result = await refreshAccountMonths(
    db,
    all.map((a) => a.id),
  );
  opts.log?.(
    `rollups rebuilt: ${result.accounts} accounts, ${result.rows} account-months in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result;
}

const MONTH_COLUMNS = [
  "revenueMrr",
  "seats",
  "activeUsers",
  "featuresPurchased",
  "featuresUsed",
  "usageEvents",
  "ticketsOpened",
  "ticketsEscalated",
  "feedbackScore",
  "feedbackResponses",
  "communityCount",
  "marketingCount",
  "learners",
  "lessonCompletions",
  "courseStarts",
  "courseCompletions",
  "onboardingCompletions",
  "adoptionCompletions",
  "expansionCompletions",
  "onboardingLearners",
  "adoptionLearners",
  "expansionLearners",
] as const;

/** A month row written again replaces every figure and takes a new updated_at (the report cache's data version). */
const UPSERT_MONTH = sql.raw(
  `on conflict (account_id, month) do update set updated_at = now(), ${MONTH_COLUMNS.map((k) => `"${accountMonth[k].name}" = excluded."${accountMonth[k].name}"`).join(", ")}`,
);

/** The last month covered by customer data (lines, movements, usage, tickets), never after this month. */
async function customerDataEnd(db: Executor): Promise<string | null> {
  const [row] = await queryRows<{ d: string | null }>(
    db,
    sql`
    select least(greatest(
      (select max(start_date) from subscription_lines),
      (select max(occurred_on) from revenue_movements),
      (select max(month) from feature_usage_monthly),
      (select max(opened_at)::date from support_tickets)
    ), current_date)::text as d`,
  );
  return row?.d ? monthOf(row.d) : null;
}

type Keyed = { account_id: string; m: string };

async function loadFacts(db: Executor, ids: string[]): Promise<AccountRollupFacts[]> {
  const list = uuidArray(ids);
  const inIds = (col: string) => sql`${sql.raw(col)} = any(${list})`;
  const [
    accts,
    lines,
    usage,
    tickets,
    feedback,
    community,
    marketing,
    lessonMonths,
    newLearners,
    starts,
    completions,
    movements,
  ] = await Promise.all([
    db
      .select({ id: accounts.id, seats: accounts.seats, planTier: accounts.planTier })
      .from(accounts)
      .where(inArray(accounts.id, ids)),
    // Ordered wherever floating-point sums follow (revenue from lines, movements): figures must not depend on storage order.
    db
      .select()
      .from(subscriptionLines)
      .where(inArray(subscriptionLines.accountId, ids))
      .orderBy(subscriptionLines.accountId, subscriptionLines.externalId),
    queryRows<Keyed & { au: number; ev: number; feats: string[] | null }>(
      db,
      sql`
      select account_id, to_char(month, 'YYYY-MM-DD') m, max(active_users)::int au, sum(events)::int ev,
             array_agg(feature_key) filter (where events > 0 or active_users > 0) feats
      from feature_usage_monthly where ${inIds("account_id")} group by 1, 2`,
    ),
    queryRows<Keyed & { n: number; esc: number }>(
      db,
      sql`
      select account_id, ${utcMonth(sql`opened_at`)} m, count(*)::int n, (count(*) filter (where escalated))::int esc
      from support_tickets where ${inIds("account_id")} group by 1, 2`,
    ),
    queryRows<Keyed & { score: number; n: number }>(
      db,
      sql`
      select account_id, ${monthSql(sql`responded_on`)} m,
             avg(case when kind = 'csat' then (score - 1) * 25 else score * 10 end)::float8 score, count(*)::int n
      from feedback_responses where ${inIds("account_id")} group by 1, 2`,
    ),
    queryRows<Keyed & { n: number }>(
      db,
      sql`select account_id, ${monthSql(sql`occurred_on`)} m, sum(count)::int n from community_activity where ${inIds("account_id")} group by 1, 2`,
    ),
    queryRows<Keyed & { n: number }>(
      db,
      sql`select account_id, ${monthSql(sql`occurred_on`)} m, sum(count)::int n from marketing_engagement where ${inIds("account_id")} group by 1, 2`,
    ),
    queryRows<Keyed & { n: number }>(
      db,
      sql`
      select account_id, ${utcMonth(sql`completed_at`)} m, count(*)::int n
      from lesson_progress where status = 'completed' and ${inIds("account_id")} group by 1, 2`,
    ),
    queryRows<Keyed & { n: number }>(
      db,
      sql`
      select account_id, ${utcMonth(sql`first_at`)} m, count(*)::int n from (
        select account_id, user_id, min(completed_at) first_at from lesson_progress
        where status = 'completed' and ${inIds("account_id")} group by 1, 2) x group by 1, 2`,
    ),
    queryRows<Keyed & { n: number }>(
      db,
      sql`
      select account_id, ${utcMonth(sql`first_at`)} m, count(*)::int n from (
        select account_id, user_id, course_id, min(started_at) first_at from lesson_progress
        where ${inIds("account_id")} group by 1, 2, 3) x group by 1, 2`,
    ),
    queryRows<{ account_id: string; user_id: string; course_id: string; stage: string; completed_on: string }>(
      db,
      sql`
      with lesson_count as (select course_id, count(*) n from lessons where archived_at is null group by course_id),
      done as (
        select lp.account_id, lp.user_id, lp.course_id, count(*) n, max(lp.completed_at) completed_at
        from lesson_progress lp join lessons l on l.id = lp.lesson_id and l.archived_at is null
        where lp.status = 'completed' and ${inIds("lp.account_id")} group by 1, 2, 3)
      select d.account_id, d.user_id, d.course_id, c.stage, to_char(d.completed_at at time zone 'UTC', 'YYYY-MM-DD') completed_on
      from done d join lesson_count lc on lc.course_id = d.course_id and lc.n = d.n join courses c on c.id = d.course_id`,
    ),
    queryRows<{ account_id: string; occurred_on: string; amount: number; movement_type: string }>(
      db,
      sql`
      select account_id, occurred_on::text, amount::float8 amount, movement_type from revenue_movements where ${inIds("account_id")}
      order by account_id, occurred_on, external_id`,
    ),
  ]);

  const facts = new Map<string, AccountRollupFacts>();
  for (const a of accts) {
    facts.set(a.id, {
      account: a,
      lines: [],
      usage: new Map(),
      tickets: new Map(),
      feedback: new Map(),
      community: new Map(),
      marketing: new Map(),
      training: new Map(),
      courseCompletions: [],
      otherFactMonths: [],
    });
  }
  const of = (id: string) => facts.get(id);
  for (const l of lines)
    of(l.accountId)?.lines.push({
      mrr: l.mrr,
      seats: l.seats,
      startDate: l.startDate,
      endDate: l.endDate,
      plan: l.plan,
      features: l.features,
    });
  for (const r of usage) of(r.account_id)?.usage.set(r.m, { activeUsers: r.au, events: r.ev, features: r.feats ?? [] });
  for (const r of tickets) of(r.account_id)?.tickets.set(r.m, { opened: r.n, escalated: r.esc });
  for (const r of feedback) of(r.account_id)?.feedback.set(r.m, { score: r.score, responses: r.n });
  for (const r of community) of(r.account_id)?.community.set(r.m, r.n);
  for (const r of marketing) of(r.account_id)?.marketing.set(r.m, r.n);
  const addTraining = (rows: (Keyed & { n: number })[], key: keyof TrainingCounts) => {
    for (const r of rows) {
      const f = of(r.account_id);
      if (!f) continue;
      const cur = f.training.get(r.m) ?? {};
      cur[key] = r.n;
      f.training.set(r.m, cur);
    }
  };
  addTraining(lessonMonths, "lessonCompletions");
  addTraining(newLearners, "learners");
  addTraining(starts, "courseStarts");
  const completionsByAccount = new Map<string, CourseCompletionFact[]>();
  for (const c of completions) {
    const list = completionsByAccount.get(c.account_id) ?? [];
    list.push({ userId: c.user_id, courseId: c.course_id, stage: c.stage, completedOn: c.completed_on });
    completionsByAccount.set(c.account_id, list);
  }
  for (const [id, list] of completionsByAccount) {
    const f = of(id);
    if (!f) continue;
    f.courseCompletions = list;
    addCourseCompletions(f.training, list);
  }
  for (const mv of movements) of(mv.account_id)?.otherFactMonths.push(monthOf(mv.occurred_on));
  return [...facts.values()];
}
