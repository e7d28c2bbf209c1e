import path from "node:path";
import { getDbHandle } from "#db/index";
import { DEMO_ACCOUNTS, isEmpty, seedDemo } from "#db/seed/demo";
import { generateCustomerData } from "#app/customers/generator/index.server";
import { inArray } from "drizzle-orm";
import { accounts } from "#db/schema/index";
import { hashPassword } from "#app/auth/password.server";
import { syncContent } from "#app/content/sync.server";
import { getEnv } from "#app/env.server";

/** Synthetic customers generated next to the hand-written demo accounts on first start. */
const DEMO_GENERATED_ACCOUNTS = 80;

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
    const demo = await handle.db.select().from(accounts).where(inArray(accounts.externalId, DEMO_ACCOUNTS.map((a) => a.externalId)));
    const generated = await generateCustomerData(handle.db, {
      accounts: DEMO_GENERATED_ACCOUNTS, months: 18, seed: 42,
      existingAccounts: demo.map((a) => ({ id: a.id, externalId: a.externalId, domain: a.emailDomains[0]!, segment: a.segment ?? "smb", tier: a.planTier ?? "Pro", seats: a.seats ?? 20 })),
    });
    log(`empty database: loaded the demo academy and ${generated.counts.accounts} demo customer accounts (see README for demo logins)`);
  }
  return handle;
}
