import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, desc, eq, like, notInArray, or, ne } from "drizzle-orm";
import type { Db } from "#db/index";
import { reportSnapshots } from "#db/schema/index";
import type { DataVersion } from "./cache.server";

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

  async load(db: Db, filtersKey: string, version: DataVersion): Promise<StoredReport<T> | null> {
    const key = `${this.namespace}:${filtersKey}`;
    const code = await this.codeVersion();
    const [row] = await db
      .select()
      .from(reportSnapshots)
      .where(
        and(
          eq(reportSnapshots.filtersKey, key),
          eq(reportSnapshots.dataVersion, version.hard),
          eq(reportSnapshots.codeVersion, code),
        ),
      );
    if (!row) return null;
    return {
      value: JSON.parse(row.report) as T,
      progressVersion: row.progressVersion,
      computedAt: row.computedAt.getTime(),
    };
  }

  /** Upsert this key's snapshot and prune its other versions and the oldest keys, in one transaction. */
  async save(db: Db, filtersKey: string, version: DataVersion, value: T, computedAt: number) {
    const key = `${this.namespace}:${filtersKey}`;
    const inNamespace = like(reportSnapshots.filtersKey, `${this.namespace.replace(/[\\%_]/g, "\\$&")}:%`);
    const code = await this.codeVersion();
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
          ),
        );
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
