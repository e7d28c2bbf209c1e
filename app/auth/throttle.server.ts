import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { signInAttempts } from "#db/schema/index";

/** At most `max` counted attempts under `key` in any `windowMs`. */
export interface Budget {
  key: string;
  max: number;
  windowMs: number;
}

export type Reservation = { ok: true; ids: number[] } | { ok: false; refusedBy: Budget; retryAfterSeconds: number };

const KEEP_ROWS_MS = 24 * 3600_000;

/**
 * Reserves one attempt in every budget, or none: a row per attempt in `sign_in_attempts`, counted while
 * `succeeded` is false (a failure, or an attempt still being checked). The budgets' keys are locked with
 * transaction-scoped advisory locks (in a fixed order, so two reservations never deadlock), counted and
 * written in one transaction: parallel requests, in one process or many, queue on the lock, so they can
 * never together pass a budget, and the caller does the expensive check (a password hash) only after
 * reserving. The first full budget refuses the attempt and nothing is written.
 */
export async function reserveAttempt(db: Db, budgets: Budget[], now = new Date()): Promise<Reservation> {
  if (!budgets.length) return { ok: true, ids: [] };
  const keys = [...new Set(budgets.map((b) => b.key))].sort();
  return db.transaction(async (tx) => {
    for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    await tx
      .delete(signInAttempts)
      .where(
        and(inArray(signInAttempts.key, keys), lt(signInAttempts.createdAt, new Date(now.getTime() - KEEP_ROWS_MS))),
      );
    for (const budget of budgets) {
      const since = new Date(now.getTime() - budget.windowMs);
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${signInAttempts.createdAt})::text` })
        .from(signInAttempts)
        .where(
          and(
            eq(signInAttempts.key, budget.key),
            eq(signInAttempts.succeeded, false),
            gt(signInAttempts.createdAt, since),
          ),
        );
      if ((row?.n ?? 0) >= budget.max) {
        const oldest = row?.oldest ? new Date(row.oldest).getTime() : now.getTime();
        const retryAfterSeconds = Math.max(1, Math.ceil((oldest + budget.windowMs - now.getTime()) / 1000));
        return { ok: false as const, refusedBy: budget, retryAfterSeconds };
      }
    }
    const inserted = await tx
      .insert(signInAttempts)
      .values(budgets.map((b) => ({ key: b.key, succeeded: false, createdAt: now })))
      .returning({ id: signInAttempts.id });
    return { ok: true as const, ids: inserted.map((r) => r.id) };
  });
}

/**
 * The reserved attempt turned out fine: it no longer counts. `forgive` keys also drop their earlier
 * failures (a correct password ends the back-off of that account at that address).
 */
export async function releaseAttempt(db: Db, ids: number[], forgive: string[] = []): Promise<void> {
  if (!ids.length && !forgive.length) return;
  await db.transaction(async (tx) => {
    if (ids.length) await tx.update(signInAttempts).set({ succeeded: true }).where(inArray(signInAttempts.id, ids));
    if (forgive.length) {
      await tx
        .update(signInAttempts)
        .set({ succeeded: true })
        .where(and(inArray(signInAttempts.key, forgive), eq(signInAttempts.succeeded, false)));
    }
  });
}

/** "3 minutes", "40 seconds": how long until a refused attempt may be tried again. */
export function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/**
 * Every route that hashes a password (accepting an invitation, and password reset when it arrives)
 * reserves one hash from its client address first: scrypt costs 32 MiB and ~100 ms, so unthrottled
 * bogus posts would slow every sign-in. Sign-in has its own budgets (sign-in.server.ts).
 */
export function passwordHashBudget(address: string): Budget {
  return { key: `hash:${address}`, max: 20, windowMs: 15 * 60_000 };
}
