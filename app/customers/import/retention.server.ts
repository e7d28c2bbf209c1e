import fs from "node:fs/promises";
import path from "node:path";
import { and, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { imports } from "#db/schema/index";
import { getEnv } from "#app/env.server";
import { uploadDir } from "./uploads.server";
import { activeImportFiles } from "./jobs.server";

/**
 * Customer data does not linger: an import deletes its uploaded file when it ends (jobs.server.ts); this
 * sweep removes uploads nobody imported (older than UPLOAD_MAX_AGE_HOURS) and, after REJECTED_ROWS_DAYS,
 * the original values kept with rejected rows (the rejected-rows CSV then lists row numbers and reasons).
 * Runs when the server starts and every hour; idempotent, so several processes may run it.
 */
export async function sweepImportLeftovers(
  db: Db,
  now = new Date(),
): Promise<{ uploadsRemoved: number; importsCleared: number }> {
  const env = getEnv();
  const dir = uploadDir();
  const oldest = now.getTime() - env.UPLOAD_MAX_AGE_HOURS * 3600_000;
  const inUse = activeImportFiles();
  let uploadsRemoved = 0;
  for (const name of await fs.readdir(dir)) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile() || stat.mtimeMs >= oldest || inUse.has(file)) continue;
    await fs.rm(file, { force: true });
    uploadsRemoved++;
  }
  const cutoff = new Date(now.getTime() - env.REJECTED_ROWS_DAYS * 86_400_000);
  const cleared = await db
    .update(imports)
    .set({
      errors: sql`(select coalesce(jsonb_agg(e - 'values' order by n), '[]'::jsonb) from jsonb_array_elements(${imports.errors}) with ordinality as t(e, n))`,
    })
    .where(
      and(
        isNotNull(imports.finishedAt),
        lt(imports.finishedAt, cutoff),
        sql`jsonb_path_exists(${imports.errors}, '$[*].values')`,
      ),
    )
    .returning({ id: imports.id });
  return { uploadsRemoved, importsCleared: cleared.length };
}

/** Sweeps now and every `intervalMs`; returns a stop function. Failures are logged, never thrown. */
export function startImportSweeper(getDb: () => Promise<Db>, intervalMs = 3600_000) {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const r = await sweepImportLeftovers(await getDb());
      if (r.uploadsRemoved || r.importsCleared)
        console.log(
          `[uplift] import retention: removed ${r.uploadsRemoved} old uploads, cleared rejected-row values of ${r.importsCleared} imports`,
        );
    } catch (err) {
      console.warn("[uplift] import retention sweep:", err instanceof Error ? err.message : err);
    } finally {
      running = false;
    }
  };
  void sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
