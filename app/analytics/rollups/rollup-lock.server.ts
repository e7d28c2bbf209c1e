import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/index";
import { uuidArray } from "#db/sql-lists";

/**
 * One transaction-scoped advisory lock per account guards its training rollups (account_month's
 * training counters and account_course) between two kinds of writer:
 * - learner progress (a completion, a first lesson open) takes it SHARED before it writes anything the
 *   rollups count, so learners of one account never wait for each other;
 * - a rollup refresh takes it EXCLUSIVE for the accounts of its batch, around fold → read facts →
 *   rewrite. It waits for progress transactions in flight to commit, and holds new ones back until the
 *   rewrite commits.
 * Without it, a completion committing between the refresh's fold and its read of lesson_progress was
 * counted twice (by the rewrite and by the next fold of its delta), and a course completion committing
 * between the read and the rewrite lost its account_course count (tests/integration/analytics/rollups).
 * Keys are (namespace, hashtext(account id)): a hash collision only makes two accounts share a lock.
 * On PGlite (one backend) these locks never conflict; there the refresh's single transaction is what
 * keeps completions out, since PGlite runs one transaction at a time.
 */
const NAMESPACE = 0x55414352; // "UACR": Uplift Academy course rollups; no other advisory lock in the app

/** SQL expression taking the account's rollup lock in shared mode (evaluates to void). */
export function rollupLockShared(accountId: SQL | string): SQL {
  return sql`pg_advisory_xact_lock_shared(${NAMESPACE}::int, hashtext(${accountId}::text))`;
}

/**
 * Takes the rollup locks of these accounts exclusively, until the transaction ends. In hash order, so
 * two refreshes with overlapping batches queue instead of deadlocking.
 */
export async function lockAccountRollups(tx: Executor, accountIds: readonly string[]) {
  if (!accountIds.length) return;
  await tx.execute(sql`
    select pg_advisory_xact_lock(${NAMESPACE}::int, k)
    from (select distinct hashtext(id::text) as k from unnest(${uuidArray(accountIds)}) as id order by k) keys`);
}
