import path from "node:path";
import { getDbHandle, type Db } from "#db/index";
import { DEMO_ACCOUNTS, isEmpty, seedDemo } from "#db/seed/demo";
import { generateCustomerData } from "#app/customers/generator/index.server";
import { DEMO_DATA } from "#app/customers/generator/demo";
import { inArray } from "drizzle-orm";
import { accounts } from "#db/schema/index";
import { hashPassword } from "#app/auth/password.server";
import { syncContent } from "#app/content/sync.server";
import { describeChange } from "#app/content/changes";
import { getEnv } from "#app/env.server";

/** Start-up: migrate, sync content from content/, seed the demo academy into an empty database. */
export async function prepareDatabase(opts: { seed?: boolean; log?: (msg: string) => void; source?: string } = {}) {
  const log = opts.log ?? ((m: string) => console.log(`[uplift] ${m}`));
  const env = getEnv();
  const handle = await getDbHandle();
  log(
    `database: ${handle.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite at ${env.PGLITE_DIR}`} — migrations applied`,
  );
  const result = await syncContent(handle.db, {
    contentDir: env.CONTENT_DIR,
    cacheDir: path.join(env.DATA_DIR, "cache/mdx"),
    log,
    audit: { actorUserId: null, source: opts.source ?? "start" },
  });
  if (result.problems.length) {
    for (const p of result.problems) console.error(`${p.file}:${p.line}:${p.col} ${p.message}`);
    log(`content has ${result.problems.length} problem(s): kept the previously published version`);
  } else {
    log(
      `content synced: ${result.courses} courses, ${result.lessons} lessons${result.archivedCourses ? `, ${result.archivedCourses} archived` : ""}`,
    );
    for (const change of result.changes.slice(0, 12)) log(`  ${describeChange(change)}`);
    if (result.changes.length > 12) log(`  … and ${result.changes.length - 12} more changes`);
  }
  if (opts.seed !== false && (await isEmpty(handle.db))) {
    const generated = await loadDemo(handle.db);
    log(
      `empty database: loaded the demo academy and ${generated.counts.accounts} demo customer accounts through ${generated.planted.endDate} (see README for demo logins)`,
    );
  }
  return handle;
}

/** Demo logins and accounts, then the generated customer base around them (an empty database only). */
export async function loadDemo(db: Db, opts: { endDate?: string } = {}) {
  await seedDemo(db, hashPassword);
  const demo = await db
    .select()
    .from(accounts)
    .where(
      inArray(
        accounts.externalId,
        DEMO_ACCOUNTS.map((a) => a.externalId),
      ),
    );
  return generateCustomerData(db, {
    ...DEMO_DATA,
    endDate: opts.endDate,
    existingAccounts: demo.map((a) => ({
      id: a.id,
      externalId: a.externalId,
      domain: a.emailDomains[0]!,
      segment: a.segment ?? "smb",
      tier: a.planTier ?? "Pro",
      seats: a.seats ?? 20,
    })),
  });
}
