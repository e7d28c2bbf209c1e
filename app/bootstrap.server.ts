import path from "node:path";
import { getDbHandle } from "#db/index";
import { isEmpty, seedDemo } from "#db/seed/demo";
import { hashPassword } from "#app/auth/password.server";
import { syncContent } from "#app/content/sync.server";
import { getEnv } from "#app/env.server";

/** Start-up: migrate, sync content from content/, seed the demo academy into an empty database. */
export async function prepareDatabase(opts: { seed?: boolean; log?: (msg: string) => void } = {}) {
  const log = opts.log ?? ((m: string) => console.log(`[uplift] ${m}`));
  const env = getEnv();
  const handle = await getDbHandle();
  log(`database: ${handle.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite at ${env.PGLITE_DIR}`} — migrations applied`);
  const result = await syncContent(handle.db, { contentDir: env.CONTENT_DIR, cacheDir: path.join(env.DATA_DIR, "cache/mdx"), log });
  if (result.problems.length) {
    for (const p of result.problems) console.error(`${p.file}:${p.line}:${p.col} ${p.message}`);
    log(`content has ${result.problems.length} problem(s): kept the previously published version`);
  } else {
    log(`content synced: ${result.courses} courses, ${result.lessons} lessons${result.archivedCourses ? `, ${result.archivedCourses} archived` : ""}`);
  }
  if (opts.seed !== false && (await isEmpty(handle.db))) {
    await seedDemo(handle.db, hashPassword);
    log("empty database: loaded the demo academy (see README for demo logins)");
  }
  return handle;
}
