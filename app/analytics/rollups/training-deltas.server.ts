import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "#db/index";
import { accountTrainingDeltas } from "#db/schema/index";
import { uuidArray } from "#db/sql-lists";
import { EMPTY_TRAINING, type TrainingCounts } from "./compute";
import { rollupLockShared } from "./rollup-lock.server";

/**
 * Training counters travel in two steps (table account_training_deltas, see its schema comment):
 * a learner's progress transaction appends one delta row (no lock on a shared row, so completions of
 * many learners of one account run side by side), and foldTrainingDeltas() adds the pending deltas to
 * account_month. Every reader of the training counters folds first, so it sees every committed
 * completion. Folding is one statement (delete … returning, then upsert): each delta is added exactly
 * once, even when two readers fold at the same time.
 */
// Column names from the schema (db/schema/analytics.ts defines the counters once for both tables).
const COLUMN = (key: keyof TrainingCounts) => accountTrainingDeltas[key].name;
const ALL = (Object.keys(EMPTY_TRAINING) as (keyof TrainingCounts)[]).map(COLUMN);

/** This month's counters for the account grow by `counts` (appended; folded into account_month later). */
export async function appendTrainingDelta(db: Executor, accountId: string, counts: Partial<TrainingCounts>) {
  const statement = trainingDeltaSql(accountId, counts);
  if (statement) await db.execute(statement);
}

/** The statement appendTrainingDelta runs (null when every count is zero), for callers that batch it. */
export function trainingDeltaSql(accountId: string, counts: Partial<TrainingCounts>): SQL | null {
  const keys = (Object.keys(counts) as (keyof TrainingCounts)[]).filter((k) => (counts[k] ?? 0) !== 0);
  if (!keys.length) return null;
  const cols = sql.raw(keys.map(COLUMN).join(", "));
  const values = sql.join(
    keys.map((k) => sql`${counts[k]!}::int`),
    sql`, `,
  );
  // Under the account's shared rollup lock (rollup-lock.server.ts), so a refresh never reads this
  // transaction's progress without also seeing its delta.
  return sql`
    insert into account_training_deltas (account_id, month, ${cols})
    select ${accountId}, date_trunc('month', now() at time zone 'UTC')::date, ${values}
    from (select ${rollupLockShared(sql`${accountId}`)}) as locked`;
}

/**
 * Adds pending deltas (of these accounts, or all) to account_month. A month without a row yet carries
 * revenue, seats and features purchased forward from the account's latest earlier month (or the
 * account's seats) until the next refresh recomputes them from the facts. Returns the deltas folded.
 */
export async function foldTrainingDeltas(db: Executor, accountIds?: readonly string[]): Promise<number> {
  if (accountIds && !accountIds.length) return 0;
  const which = accountIds ? sql`where account_id = any(${uuidArray(accountIds)})` : sql``;
  const sums = sql.raw(ALL.map((c) => `sum(${c})::int as ${c}`).join(", "));
  const cols = sql.raw(ALL.join(", "));
  const summed = sql.raw(ALL.map((c) => `s.${c}`).join(", "));
  const updates = sql.raw(ALL.map((c) => `${c} = account_month.${c} + excluded.${c}`).join(", "));
  const [row] = await queryRows<{ folded: number }>(
    db,
    sql`
    with moved as (delete from account_training_deltas ${which} returning *),
    s as (select account_id, month, count(*)::int as n, ${sums} from moved group by account_id, month),
    folded as (
      insert into account_month (account_id, month, revenue_mrr, seats, features_purchased, ${cols})
      select s.account_id, s.month, coalesce(prev.revenue_mrr, 0), coalesce(prev.seats, a.seats, 0), coalesce(prev.features_purchased, 0), ${summed}
      from s join accounts a on a.id = s.account_id
      left join lateral (
        select revenue_mrr, seats, features_purchased from account_month
        where account_id = s.account_id and month < s.month order by month desc limit 1
      ) prev on true
      on conflict (account_id, month) do update set ${updates}, updated_at = now())
    select coalesce(sum(n), 0)::int as folded from s`,
  );
  return row?.folded ?? 0;
}
