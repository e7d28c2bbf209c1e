import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { foldTrainingDeltas } from "../rollups/training-deltas.server";
import type { ReportSnapshots } from "./snapshots.server";

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
 */
export const PROGRESS_LAG_MS = 30_000;
const MAX_ENTRIES = 32;

export interface DataVersion {
  hard: string;
  soft: string;
}

/**
 * What the published content is, as two md5 fingerprints (courses, lessons): a sync that changes nothing
 * keeps them (every sync rewrites courses.updated_at, so a restart would otherwise look like new data).
 */
export const contentFingerprintSql =
  sql.raw(`(select md5(string_agg(concat_ws(',', id, content_hash, stage, status, archived_at::text), '|' order by id)) from courses),
        (select md5(string_agg(concat_ws(',', id, course_id, content_hash, archived_at::text), '|' order by id)) from lessons)`);

export async function dataVersion(db: Db): Promise<DataVersion> {
  // Pending training deltas first, so the counters (and their updated_at) include every completion.
  await foldTrainingDeltas(db);
  const [v] = await queryRows<{ hard: string; soft: string }>(
    db,
    sql`
    select concat_ws('|',
        (select max(finished_at) from imports)::text,
        (select count(*) from accounts)::text, (select max(updated_at) from accounts)::text,
        ${contentFingerprintSql},
        (select max(version) from health_weights)::text,
        (current_date)::text) as hard,
      concat_ws('|',
        (select max(updated_at) from account_month)::text, (select max(updated_at) from account_course)::text) as soft`,
  );
  return { hard: v?.hard ?? "", soft: v?.soft ?? "" };
}

interface Entry<T> {
  version: DataVersion;
  computedAt: number;
  value: Promise<T>;
  refreshing: boolean;
}

/**
 * `version` says what "the data changed" means for the cached figures (default: the report's
 * dataVersion; content insights pass their own, app/analytics/insights/cache.server.ts).
 */
export class ReportCache<T> {
  private entries = new Map<string, Entry<T>>();
  constructor(
    private readonly now: () => number = Date.now,
    private readonly version: (db: Db) => Promise<DataVersion> = dataVersion,
    private readonly snapshots?: ReportSnapshots<T>,
  ) {}

  async get(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.version(db);
    const entry = this.entries.get(key);
    if (entry && entry.version.hard === version.hard) {
      this.touch(key, entry);
      if (entry.version.soft === version.soft || this.now() - entry.computedAt < PROGRESS_LAG_MS) return entry.value;
      if (!entry.refreshing) this.refreshInBackground(key, entry, version, compute, db);
      return entry.value;
    }
    if (!this.snapshots) return this.store(key, version, compute());
    // Stored synchronously, so concurrent requests share one lookup (and at most one computation).
    const pending: { entry?: Entry<T> } = {};
    const value = this.storedOrComputed(db, key, version, compute, pending);
    return this.store(key, version, value, pending);
  }

  /** The stored snapshot for this data and code version (judged by the progress lag rules), else a computation stored. */
  private async storedOrComputed(
    db: Db,
    key: string,
    version: DataVersion,
    compute: () => Promise<T>,
    pending: { entry?: Entry<T> },
  ): Promise<T> {
    const stored = await this.snapshots!.load(db, key, version);
    if (!stored) return this.computeAndSave(db, key, version, compute);
    const entry = pending.entry;
    if (entry) {
      entry.version = { hard: version.hard, soft: stored.progressVersion };
      entry.computedAt = stored.computedAt;
      const stale = stored.progressVersion !== version.soft && this.now() - stored.computedAt >= PROGRESS_LAG_MS;
      if (stale) this.refreshInBackground(key, entry, version, compute, db);
    }
    return stored.value;
  }

  private async computeAndSave(db: Db, key: string, version: DataVersion, compute: () => Promise<T>) {
    const computedAt = this.now();
    const value = await compute();
    if (this.snapshots) {
      try {
        await this.snapshots.save(db, key, version, value, computedAt);
      } catch (err) {
        console.error("impact report snapshot not stored:", err);
      }
    }
    return value;
  }

  private store(key: string, version: DataVersion, value: Promise<T>, pending?: { entry?: Entry<T> }): Promise<T> {
    const entry: Entry<T> = { version, computedAt: this.now(), value, refreshing: false };
    if (pending) pending.entry = entry;
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  private refreshInBackground(key: string, stale: Entry<T>, version: DataVersion, compute: () => Promise<T>, db: Db) {
    stale.refreshing = true;
    this.computeAndSave(db, key, version, compute).then(
      (value) => {
        if (this.entries.get(key) === stale) this.store(key, version, Promise.resolve(value));
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
