import crypto from "node:crypto";
import os from "node:os";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db, type Tx } from "#db/index";
import { jobs } from "#db/schema/index";

/**
 * A small job queue on one table (`jobs`), the same on PGlite and PostgreSQL — why not pg-boss or
 * graphile-worker: docs/decisions/0011-job-queue-on-a-table.md.
 *
 * - Idempotent enqueue: `key` is unique; enqueuing a key that exists (pending, running, done or failed)
 *   does nothing. Notifications use their idempotency key, so nothing is sent twice by design.
 * - Claim: FOR UPDATE SKIP LOCKED, then status 'running' with a lease (`locked_until`), in one
 *   transaction: two processes never claim one job. A job whose process died is claimed again once its
 *   lease has expired (at-least-once, like every queue: a crash between the send and the commit resends).
 * - Failure: retried with exponential backoff until max_attempts, then 'failed' (kept, with last_error).
 */
export type JobRow = {
  id: number;
  name: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
};

/** This process's name in `locked_by`: host, pid and a random part (pids repeat across containers). */
export const WORKER_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

export interface EnqueueInput {
  name: string;
  key: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
}

/** Queues the job unless its key exists; true when this call queued it. Use inside the caller's transaction. */
export async function enqueueJob(db: Db | Tx, job: EnqueueInput): Promise<boolean> {
  const rows = await db
    .insert(jobs)
    .values({
      name: job.name,
      key: job.key,
      payload: job.payload ?? {},
      runAt: job.runAt ?? new Date(),
      maxAttempts: job.maxAttempts ?? 5,
    })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Claims up to `limit` due jobs for `worker`, each leased for `leaseSeconds`. */
export async function claimJobs(
  db: Db,
  opts: { worker?: string; limit?: number; leaseSeconds?: number; names?: string[] } = {},
): Promise<JobRow[]> {
  const worker = opts.worker ?? WORKER_ID;
  const names = opts.names?.length
    ? sql`and name in (${sql.join(
        opts.names.map((n) => sql`${n}`),
        sql`, `,
      )})`
    : sql``;
  return db.transaction(async (tx) =>
    queryRows<JobRow>(
      tx as unknown as Db,
      sql`
    update jobs set status = 'running', attempts = attempts + 1, locked_by = ${worker},
      locked_until = now() + make_interval(secs => ${opts.leaseSeconds ?? 300})
    where id in (
      select id from jobs
      where ((status = 'pending' and run_at <= now()) or (status = 'running' and locked_until < now())) ${names}
      order by run_at, id limit ${opts.limit ?? 10}
      for update skip locked)
    returning id, name, key, payload, attempts, max_attempts`,
    ),
  );
}

/** Marks the job done, if this worker still holds it (a worker whose lease expired and was overtaken changes nothing). */
export async function completeJob(db: Db, job: JobRow, result: unknown, worker = WORKER_ID): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "done", result: result ?? null, finishedAt: sql`now()`, lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.lockedBy, worker)))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** 30 s, 1 min, 2 min … capped at 6 h. */
export function jobBackoffSeconds(attempt: number): number {
  return Math.min(30 * 2 ** (attempt - 1), 6 * 3600);
}

export async function failJob(db: Db, job: JobRow, error: string, worker = WORKER_ID): Promise<void> {
  const final = job.attempts >= job.max_attempts;
  await db
    .update(jobs)
    .set({
      status: final ? "failed" : "pending",
      lastError: error.slice(0, 500),
      lockedUntil: null,
      runAt: final ? sql`run_at` : sql`now() + make_interval(secs => ${jobBackoffSeconds(job.attempts)})`,
      finishedAt: final ? sql`now()` : null,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.lockedBy, worker)));
}

export type JobHandler = (db: Db, job: JobRow) => Promise<unknown>;

/**
 * Claims and runs due jobs until none is left (or `max` ran). A handler's thrown error schedules a retry;
 * an unknown job name fails the job (a newer server version may know it: it stays in the table).
 */
export async function drainJobs(
  db: Db,
  handlers: Record<string, JobHandler>,
  opts: { worker?: string; max?: number } = {},
): Promise<number> {
  const worker = opts.worker ?? WORKER_ID;
  let ran = 0;
  const names = Object.keys(handlers);
  while (ran < (opts.max ?? 500)) {
    const claimed = await claimJobs(db, { worker, limit: 5, names });
    if (!claimed.length) break;
    for (const job of claimed) {
      ran++;
      try {
        await completeJob(db, job, await handlers[job.name]!(db, job), worker);
      } catch (err) {
        await failJob(db, job, err instanceof Error ? err.message : String(err), worker);
      }
    }
  }
  return ran;
}

/** Several jobs in one statement (the planner's batch); returns how many were new. */
export async function enqueueJobs(db: Db | Tx, list: EnqueueInput[]): Promise<number> {
  let queued = 0;
  for (let i = 0; i < list.length; i += 500) {
    const rows = await db
      .insert(jobs)
      .values(
        list.slice(i, i + 500).map((job) => ({
          name: job.name,
          key: job.key,
          payload: job.payload ?? {},
          runAt: job.runAt ?? new Date(),
          maxAttempts: job.maxAttempts ?? 5,
        })),
      )
      .onConflictDoNothing({ target: jobs.key })
      .returning({ id: jobs.id });
    queued += rows.length;
  }
  return queued;
}
