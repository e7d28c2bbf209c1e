import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Executor } from "#db/index";
import { reportComputations } from "#db/schema/index";

/**
 * Who computes a stored view, and when (docs/decisions/0007-report-cache.md):
 * - claims: before computing a view for a (data version, code version), a process claims it in
 *   report_computations. One row per view: a claim for other versions, or one whose heartbeat stopped
 *   (a crashed process), is taken over; the claim is deleted in the transaction that stores the snapshot.
 *   So the processes of a cluster (WEB_CONCURRENCY) compute each view once, and every process can say
 *   since when it is being computed.
 * - slots: computations run in the background, at most REQUEST_SLOTS at a time for views someone asked
 *   for and one at a time for warm-ups (after a start, an import, a content publish), so they never take
 *   every core from the requests being served.
 */
const CLAIM_EXPIRES_SECONDS = 90;
export const HEARTBEAT_MS = 20_000;
const OWNER = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

export interface Claim {
  owned: boolean;
  /** When its owner started (or claimed) the computation, by the database's clock. */
  startedAt: number;
}

export async function claimComputation(db: Db, viewKey: string, dataVersion: string, codeVersion: string) {
  const t = reportComputations;
  const [row] = await db
    .insert(t)
    .values({ viewKey, dataVersion, codeVersion, owner: OWNER })
    .onConflictDoUpdate({
      target: t.viewKey,
      set: {
        dataVersion: sql`excluded.data_version`,
        codeVersion: sql`excluded.code_version`,
        owner: sql`excluded.owner`,
        startedAt: sql`now()`,
        heartbeatAt: sql`now()`,
      },
      setWhere: sql`${t.dataVersion} <> excluded.data_version or ${t.codeVersion} <> excluded.code_version
        or ${t.heartbeatAt} < now() - make_interval(secs => ${CLAIM_EXPIRES_SECONDS})`,
    })
    .returning({ startedAt: t.startedAt });
  if (row) return { owned: true, startedAt: row.startedAt.getTime() } satisfies Claim;
  const [held] = await db.select({ startedAt: t.startedAt }).from(t).where(eq(t.viewKey, viewKey));
  return { owned: false, startedAt: held?.startedAt.getTime() ?? Date.now() } satisfies Claim;
}

/** Keeps this process's claim alive while it computes. */
export async function heartbeat(db: Db, viewKey: string) {
  await db
    .update(reportComputations)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(reportComputations.viewKey, viewKey), eq(reportComputations.owner, OWNER)));
}

/** This process's claim of the view, removed (the transaction `db` may be the one storing the snapshot). */
export async function releaseClaim(db: Executor, viewKey: string) {
  await db
    .delete(reportComputations)
    .where(and(eq(reportComputations.viewKey, viewKey), eq(reportComputations.owner, OWNER)));
}

export type Priority = "request" | "warm";
const LIMITS: Record<Priority, number> = { request: 2, warm: 1 };
const running: Record<Priority, number> = { request: 0, warm: 0 };
const waiting: Record<Priority, (() => void)[]> = { request: [], warm: [] };

/** A computation slot of this class; call the returned function when done. */
export async function acquireSlot(priority: Priority): Promise<() => void> {
  if (running[priority] >= LIMITS[priority]) await new Promise<void>((resolve) => waiting[priority].push(resolve));
  else running[priority]++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = waiting[priority].shift();
    if (next) next();
    else running[priority]--;
  };
}

/**
 * A real hook around every background computation, for tests and diagnostics: `beforeCompute` is awaited
 * after the view is claimed and before its computation starts (a test pauses it there to look at the
 * pages meanwhile); `warmUp` overrides REPORT_WARMUP; `pageWaitMs` overrides PAGE_WAIT_MS; `holdInWorker`
 * (a SharedArrayBuffer's Int32Array of 3) makes the view worker block its thread synchronously before
 * computing, until [0] is set and notified ([1] = its threadId, [2] = 1 once blocked; ./view-worker.ts).
 */
export const computationHooks: {
  beforeCompute?: (viewKey: string) => Promise<void> | void;
  holdInWorker?: Int32Array;
  warmUp?: boolean;
  pageWaitMs?: number;
} = {};

/** Lets the event loop serve other requests between heavy steps of a computation. */
export function yieldToRequests() {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The promise's value if it settles within `ms` (an error is thrown), else undefined. */
export async function settledWithin<V>(promise: Promise<V | null>, ms = Infinity): Promise<V | undefined> {
  if (ms === Infinity) return (await promise) ?? undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return (await Promise.race([promise, timeout])) ?? undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** How long a page waits for a computation before it is answered with older figures or "being computed". */
const PAGE_WAIT_MS = 3_000;
export const pageWaitMs = () => computationHooks.pageWaitMs ?? PAGE_WAIT_MS;
