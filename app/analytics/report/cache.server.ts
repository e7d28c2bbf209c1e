import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { foldTrainingDeltas } from "../rollups/training-deltas.server";

/**
 * The impact report, computed once per data version instead of once per request. At 10,000 accounts
 * a computation reads ~80k rollup rows and takes about a second on 2 cores; a cache hit costs one
 * small version query.
 *
 * Two kinds of change:
 * - hard: imports and API batches (imports.finished_at), accounts added or edited, a content sync,
 *   new health-score weights. The next request recomputes: figures never lag behind a data load.
 * - soft: learners' progress (the account_month / account_course counters every lesson completion
 *   adds to; pending training deltas are folded in before the version is read). During a busy day
 *   these change every second, so a cached report younger than PROGRESS_LAG_MS is served as is, and
 *   an older one is served once more while a fresh one is computed in the background. Progress
 *   figures therefore lag by at most PROGRESS_LAG_MS plus one computation.
 *
 * One cache per process (the app is stateless: each instance keeps its own), bounded in entries.
 */
export const PROGRESS_LAG_MS = 30_000;
const MAX_ENTRIES = 32;

export interface DataVersion {
  hard: string;
  soft: string;
}

export async function dataVersion(db: Db): Promise<DataVersion> {
  // Pending training deltas first, so the counters (and their updated_at) include every completion.
  await foldTrainingDeltas(db);
  const [v] = await queryRows<{ hard: string; soft: string }>(
    db,
    sql`
    select concat_ws('|',
        (select max(finished_at) from imports)::text,
        (select count(*) from accounts)::text, (select max(updated_at) from accounts)::text,
        (select max(updated_at) from courses)::text, (select max(version) from health_weights)::text,
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
  ) {}

  async get(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.version(db);
    const entry = this.entries.get(key);
    if (entry && entry.version.hard === version.hard) {
      this.touch(key, entry);
      if (entry.version.soft === version.soft || this.now() - entry.computedAt < PROGRESS_LAG_MS) return entry.value;
      if (!entry.refreshing) this.refreshInBackground(key, entry, version, compute);
      return entry.value;
    }
    return this.store(key, version, compute());
  }

  private store(key: string, version: DataVersion, value: Promise<T>): Promise<T> {
    const entry: Entry<T> = { version, computedAt: this.now(), value, refreshing: false };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  private refreshInBackground(key: string, stale: Entry<T>, version: DataVersion, compute: () => Promise<T>) {
    stale.refreshing = true;
    compute().then(
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
