import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, desc, eq, like, lte, notInArray, or, ne } from "drizzle-orm";
import type { Db } from "#db/index";
import { reportSnapshots } from "#db/schema/index";
import type { DataVersion } from "./cache.server";
import { claimComputation, heartbeat, releaseClaim } from "./computations.server";

/**
 * Computed reports persisted in report_snapshots, so a fresh server process (a start, a deploy, a
 * new cluster worker) serves a report another process already computed instead of recomputing it:
 * ~30 s at 10,000 accounts on PostgreSQL (docs/decisions/0007-report-cache.md).
 *
 * A snapshot is valid for one hard data version (the cache's) and one code version (a hash of the
 * server build): a deploy changes the build, so figures from old formulas are never served. Its
 * progress (soft) version is stored and judged by the cache's progress lag rules. Each user of the
 * table (the impact report, the content-insights pages) has its own namespace: its keys are stored as
 * `namespace:key`, and pruning keeps the newest MAX_SNAPSHOTS of that namespace only.
 */
export interface StoredReport<T> {
  value: T;
  dataVersion: string;
  codeVersion: string;
  progressVersion: string;
  computedAt: number;
}

/**
 * Filter sets kept in all: filters are user input, and one report at 10,000 accounts serializes to
 * ~11 MB, so the table must not grow without bound (the oldest are pruned).
 */
const MAX_SNAPSHOTS = 16;

export class ReportSnapshots<T> {
  constructor(
    private readonly codeVersion: () => Promise<string> = serverCodeVersion,
    private readonly namespace = "report",
  ) {}

  /** The code version snapshots are stored for (the server build's). */
  code(): Promise<string> {
    return this.codeVersion();
  }

  /** The key of a view in report_snapshots and report_computations. */
  viewKey(filtersKey: string) {
    return `${this.namespace}:${filtersKey}`;
  }

  /** Whether a snapshot is stored for this data and code version (its report not read). */
  async has(db: Db, filtersKey: string, version: DataVersion, code?: string) {
    const t = reportSnapshots;
    const [row] = await db
      .select({ computedAt: t.computedAt })
      .from(t)
      .where(this.exactly(filtersKey, version, code ?? (await this.codeVersion())));
    return !!row;
  }

  async load(db: Db, filtersKey: string, version: DataVersion, code?: string): Promise<StoredReport<T> | null> {
    const [row] = await db
      .select()
      .from(reportSnapshots)
      .where(this.exactly(filtersKey, version, code ?? (await this.codeVersion())));
    return row ? stored<T>(row) : null;
  }

  /** The newest snapshot of this view for any data or code version (served, labelled, while a newer one computes). */
  async loadNewest(db: Db, filtersKey: string): Promise<StoredReport<T> | null> {
    const [row] = await db
      .select()
      .from(reportSnapshots)
      .where(eq(reportSnapshots.filtersKey, this.viewKey(filtersKey)))
      .orderBy(desc(reportSnapshots.computedAt))
      .limit(1);
    return row ? stored<T>(row) : null;
  }

  claim(db: Db, filtersKey: string, version: DataVersion, code: string) {
    return claimComputation(db, this.viewKey(filtersKey), version.hard, code);
  }

  heartbeat(db: Db, filtersKey: string) {
    return heartbeat(db, this.viewKey(filtersKey));
  }

  release(db: Db, filtersKey: string) {
    return releaseClaim(db, this.viewKey(filtersKey));
  }

  private exactly(filtersKey: string, version: DataVersion, code: string) {
    return and(
      eq(reportSnapshots.filtersKey, this.viewKey(filtersKey)),
      eq(reportSnapshots.dataVersion, version.hard),
      eq(reportSnapshots.codeVersion, code),
    );
  }

  /**
   * Upsert this key's snapshot, release this process's claim of it, and prune its older versions (a
   * slower computation of an older version never removes a newer one) and the oldest keys, in one
   * transaction.
   */
  async save(db: Db, filtersKey: string, version: DataVersion, value: T, computedAt: number, codeVersion?: string) {
    const key = this.viewKey(filtersKey);
    const inNamespace = like(reportSnapshots.filtersKey, `${this.namespace.replace(/[\\%_]/g, "\\$&")}:%`);
    const code = codeVersion ?? (await this.codeVersion());
    const row = {
      filtersKey: key,
      dataVersion: version.hard,
      codeVersion: code,
      progressVersion: version.soft,
      report: JSON.stringify(value),
      computedAt: new Date(computedAt),
    };
    await db.transaction(async (tx) => {
      await tx
        .insert(reportSnapshots)
        .values(row)
        .onConflictDoUpdate({
          target: [reportSnapshots.filtersKey, reportSnapshots.dataVersion, reportSnapshots.codeVersion],
          set: { progressVersion: row.progressVersion, report: row.report, computedAt: row.computedAt },
        });
      await tx
        .delete(reportSnapshots)
        .where(
          and(
            eq(reportSnapshots.filtersKey, key),
            or(ne(reportSnapshots.dataVersion, version.hard), ne(reportSnapshots.codeVersion, code)),
            lte(reportSnapshots.computedAt, row.computedAt),
          ),
        );
      await releaseClaim(tx, key);
      const newest = tx
        .select({ key: reportSnapshots.filtersKey })
        .from(reportSnapshots)
        .where(inNamespace)
        .orderBy(desc(reportSnapshots.computedAt))
        .limit(MAX_SNAPSHOTS);
      await tx.delete(reportSnapshots).where(and(inNamespace, notInArray(reportSnapshots.filtersKey, newest)));
    });
  }
}

function stored<T>(row: typeof reportSnapshots.$inferSelect): StoredReport<T> {
  return {
    value: JSON.parse(row.report) as T,
    dataVersion: row.dataVersion,
    codeVersion: row.codeVersion,
    progressVersion: row.progressVersion,
    computedAt: row.computedAt.getTime(),
  };
}

let buildHash: Promise<string> | undefined;

/**
 * The server build's identity: a hash of build/index.js (the bundle holding every estimator), so any
 * code change in a deploy gives new snapshots. Without a build (tests, scripts run from source), a
 * hash of this module's file.
 */
export function serverCodeVersion(): Promise<string> {
  buildHash ??= (async () => {
    const build = path.resolve("build/index.js");
    const file = existsSync(build) ? build : fileURLToPath(import.meta.url);
    return createHash("sha256")
      .update(await readFile(file))
      .digest("hex")
      .slice(0, 16);
  })();
  return buildHash;
}
