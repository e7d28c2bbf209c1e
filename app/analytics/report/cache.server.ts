import type { Db } from "#db/index";
import { dataVersion, type DataVersion } from "./data-version.server";
import type { ReportSnapshots, StoredReport } from "./snapshots.server";
import {
  acquireSlot,
  computationHooks,
  HEARTBEAT_MS,
  settledWithin,
  sleep,
  type Priority,
} from "./computations.server";
import type { ViewState } from "./view-state";

export { dataVersion, type DataVersion };

/**
 * The impact report, computed once per data version instead of once per request. At 10,000 accounts
 * a computation reads ~80k rollup rows and takes about a second on 2 cores; a cache hit costs one
 * small version query.
 *
 * Two kinds of change:
 * - hard: imports and API batches (imports.finished_at), accounts added or edited, published content
 *   that changed (a fingerprint of the courses' and lessons' content hashes: every sync rewrites
 *   courses.updated_at, and a server start syncs), new health-score weights. The next request recomputes: figures never lag behind a data load.
 * - soft: learners' progress (the account_month / account_course counters every lesson completion
 *   adds to; pending training deltas are folded in before the version is read). During a busy day
 *   these change every second, so a cached report younger than PROGRESS_LAG_MS is served as is, and
 *   an older one is served once more while a fresh one is computed in the background. Progress
 *   figures therefore lag by at most PROGRESS_LAG_MS plus one computation.
 *
 * One cache per process (the app is stateless: each instance keeps its own), bounded in entries.
 * With `snapshots`, an in-process miss first reads the report another process (or this one before a
 * restart) stored for the same data and code version, and every computation is stored
 * (report/snapshots.server.ts): a fresh process serves it without recomputing.
 *
 * Pages never wait for a long computation (`view`): a view missing for the current versions is computed
 * in the background, once per (view, data version, code version) in this process and, through a claim in
 * report_computations, once in a cluster (./computations.server.ts). The page waits up to a few seconds
 * for it, then is answered with the newest stored figures of an older version, labelled as such, or with
 * "being computed" when there are none.
 */
export const PROGRESS_LAG_MS = 30_000;
const MAX_ENTRIES = 32;

interface Entry<T> {
  hard: string;
  soft: string;
  code: string;
  computedAt: number;
  value: T;
  refreshing: boolean;
}

interface Job<T> {
  since: number;
  /** The entry computed or read; null when a warm-up found another process computing it. */
  result: Promise<Entry<T> | null>;
}

/** What a view's computation is told: its slot class (the view worker serves requests before warm-ups). */
export interface ComputeContext {
  priority: Priority;
}
type Compute<T> = (ctx: ComputeContext) => Promise<T>;

/** One computation of a view for one (data version, code version): what job(), run() and their helpers share. */
interface JobSpec<T> {
  db: Db;
  key: string;
  version: DataVersion;
  code: string;
  compute: Compute<T>;
  priority: Priority;
  /** A warm-up: leave the view to another process that has claimed it. */
  leaveToOthers: boolean;
}

interface ViewOptions {
  /** How long a request waits for a computation before it is answered without it (default: until done). */
  waitMs?: number;
  /** Computation slot class (./computations.server.ts); warm-ups don't wait for another process's computation. */
  priority?: Priority;
}

const POLL_MS = 1_000;

/**
 * `version` says what "the data changed" means for the cached figures (default: the report's
 * dataVersion; content insights pass their own, app/analytics/insights/cache.server.ts).
 */
export class ReportCache<T> {
  private entries = new Map<string, Entry<T>>();
  private jobs = new Map<string, Job<T>>();
  private olderReads = new Map<string, Promise<Entry<T> | null>>();
  constructor(
    private readonly now: () => number = Date.now,
    private readonly version: (db: Db) => Promise<DataVersion> = dataVersion,
    private readonly snapshots?: ReportSnapshots<T>,
  ) {}

  /** The current figures, waiting for their computation if needed (scripts, jobs, tests). */
  async get(db: Db, key: string, compute: Compute<T>, priority: Priority = "request"): Promise<T> {
    for (;;) {
      // Early only when it shared a warm-up that left the view to another process: then wait for that one.
      const state = await this.view(db, key, compute, { priority });
      if (state.status === "current") return state.value;
    }
  }

  /** Makes sure the view is stored for the current versions, unless another process is computing it. */
  async ensure(db: Db, key: string, compute: Compute<T>) {
    const [version, code] = await this.versions(db);
    const entry = this.entries.get(key);
    if (entry && entry.hard === version.hard && entry.code === code) return;
    await this.job({ db, key, version, code, compute, priority: "warm", leaveToOthers: true }).result;
  }

  /** The view as a page serves it: never waits longer than `waitMs` for a computation. */
  async view(db: Db, key: string, compute: Compute<T>, opts: ViewOptions = {}): Promise<ViewState<T>> {
    const [version, code] = await this.versions(db);
    const spec: JobSpec<T> = {
      db,
      key,
      version,
      code,
      compute,
      priority: opts.priority ?? "request",
      leaveToOthers: false,
    };
    const entry = this.entries.get(key);
    if (entry && entry.hard === version.hard && entry.code === code) {
      this.touch(key, entry);
      const old = entry.soft !== version.soft && this.now() - entry.computedAt >= PROGRESS_LAG_MS;
      if (old && !entry.refreshing) this.refreshInBackground(spec, entry);
      return { status: "current", value: entry.value, computedAt: entry.computedAt };
    }
    const job = this.job(spec);
    // Older stored figures are read while the computation is awaited, not after: at 10,000 accounts they are an
    // 11 MB snapshot, and a page that stops waiting answers with them at once (not when the current ones are stored).
    const olderAhead = entry ? null : this.olderWhileComputing(spec);
    const done = await settledWithin(job.result, opts.waitMs);
    if (done) return { status: "current", value: done.value, computedAt: done.computedAt };
    const older = entry ?? (await olderAhead) ?? (await this.storedOlder(db, key));
    if (older && older.hard === version.hard && older.code === code)
      return { status: "current", value: older.value, computedAt: older.computedAt };
    if (!older) return { status: "computing", since: job.since };
    return {
      status: "stale",
      value: older.value,
      computedAt: older.computedAt,
      reason: older.code !== code && older.hard === version.hard ? "code" : "data",
      recomputingSince: job.since,
    };
  }

  private async versions(db: Db) {
    return Promise.all([this.version(db), this.snapshots?.code() ?? ""]);
  }

  /** The computation of this view for these versions: one per process (shared by every request). */
  private job(spec: JobSpec<T>) {
    const id = `${spec.key}\n${spec.version.hard}\n${spec.code}`;
    const running = this.jobs.get(id);
    if (running) return running;
    const job: Job<T> = {
      since: Date.now(),
      result: this.run(spec, (startedAt) => (job.since = startedAt)).then((entry) => {
        if (entry) this.store(spec.key, entry);
        return entry;
      }),
    };
    job.result
      .catch(() => {}) // a page that stopped waiting does not see the error; the next request retries
      .finally(() => this.jobs.delete(id));
    this.jobs.set(id, job);
    return job;
  }

  /** Reads the stored view, or claims and computes it, or (a request) waits for the process that claimed it. */
  private async run(spec: JobSpec<T>, claimedSince: (startedAt: number) => void): Promise<Entry<T> | null> {
    const { db, key, version, code } = spec;
    if (!this.snapshots) return this.computeEntry(spec);
    for (;;) {
      const stored = (await this.snapshots.has(db, key, version, code))
        ? await this.snapshots.load(db, key, version, code)
        : null;
      if (stored) return this.fromStored(spec, stored);
      const claim = await this.snapshots.claim(db, key, version, code);
      claimedSince(claim.startedAt);
      if (claim.owned) return this.computeClaimed(spec);
      // Another process computes it: a warm-up leaves it to that one; a request waits for its snapshot.
      if (spec.leaveToOthers) return null;
      await sleep(POLL_MS);
    }
  }

  /** A stored snapshot of the current versions, judged by the progress lag rules (refreshed if too old). */
  private fromStored(spec: JobSpec<T>, stored: StoredReport<T>) {
    const entry: Entry<T> = {
      hard: spec.version.hard,
      soft: stored.progressVersion,
      code: spec.code,
      computedAt: stored.computedAt,
      value: stored.value,
      refreshing: false,
    };
    const old = stored.progressVersion !== spec.version.soft && this.now() - stored.computedAt >= PROGRESS_LAG_MS;
    if (old) queueMicrotask(() => this.refreshInBackground(spec, entry));
    return entry;
  }

  /** Computes a view this process has claimed (heartbeat meanwhile), stores it and releases the claim. */
  private async computeClaimed(spec: JobSpec<T>) {
    const { db, key } = spec;
    const snapshots = this.snapshots!;
    const beat = setInterval(() => {
      snapshots.heartbeat(db, key).catch((err) => console.error("stored view heartbeat failed:", err));
    }, HEARTBEAT_MS);
    beat.unref?.();
    const release = await acquireSlot(spec.priority);
    try {
      await computationHooks.beforeCompute?.(snapshots.viewKey(key));
      return await this.computeEntry(spec);
    } catch (err) {
      await snapshots.release(db, key).catch(() => {});
      throw err;
    } finally {
      release();
      clearInterval(beat);
    }
  }

  private async computeEntry({ db, key, version, code, compute, priority }: JobSpec<T>): Promise<Entry<T>> {
    const computedAt = this.now();
    const value = await compute({ priority });
    if (this.snapshots) {
      try {
        await this.snapshots.save(db, key, version, value, computedAt, code);
      } catch (err) {
        console.error("impact report snapshot not stored:", err);
        await this.snapshots.release(db, key).catch(() => {});
      }
    }
    return { hard: version.hard, soft: version.soft, code, computedAt, value, refreshing: false };
  }

  /** storedOlder, read once per view at a time, unless the current figures are stored (a restart reads those). */
  private olderWhileComputing({ db, key, version, code }: JobSpec<T>): Promise<Entry<T> | null> {
    const pending = this.olderReads.get(key);
    if (pending) return pending;
    const read = (async () =>
      (await this.snapshots?.has(db, key, version, code)) ? null : this.storedOlder(db, key))()
      .catch(() => null) // read again, with its error, if the page stops waiting
      .finally(() => this.olderReads.delete(key));
    this.olderReads.set(key, read);
    return read;
  }

  /** The newest stored figures of an older version, kept in the process while the current ones compute. */
  private async storedOlder(db: Db, key: string): Promise<Entry<T> | null> {
    const stored = await this.snapshots?.loadNewest(db, key);
    if (!stored) return null;
    const entry: Entry<T> = {
      hard: stored.dataVersion,
      soft: stored.progressVersion,
      code: stored.codeVersion,
      computedAt: stored.computedAt,
      value: stored.value,
      refreshing: false,
    };
    if (!this.entries.has(key)) this.store(key, entry);
    return entry;
  }

  private store(key: string, entry: Entry<T>) {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Progress moved on: the same figures are served while fresh ones are computed (one at a time per view). */
  private refreshInBackground(current: JobSpec<T>, stale: Entry<T>) {
    const spec: JobSpec<T> = { ...current, priority: "warm" };
    const { db, key, version, code } = spec;
    stale.refreshing = true;
    const fresh = async () => {
      if (!this.snapshots) return this.computeEntry(spec);
      const claim = await this.snapshots.claim(db, key, version, code);
      return claim.owned ? this.computeClaimed(spec) : null;
    };
    fresh().then(
      (entry) => {
        if (entry && this.entries.get(key) === stale) this.store(key, entry);
        else if (!entry) stale.refreshing = false;
      },
      (err) => {
        stale.refreshing = false;
        console.error("impact report refresh failed:", err);
      },
    );
  }

  private touch(key: string, entry: Entry<T>) {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }
}
