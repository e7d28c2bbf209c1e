/**
 * npm run jobs:run — one pass of the scheduler on the configured database: queue due reminders and
 * digests (idempotent), send due webhook deliveries, run due jobs; then exit. For cron when the server's
 * own scheduler is off (SCHEDULER=off), and for tests. Safe to run next to the servers.
 */
import { closeDb, getDbHandle } from "../db/index";
import { runScheduledWork } from "../app/notifications/jobs/scheduler.server";

async function main() {
  const { db } = await getDbHandle();
  try {
    const done = await runScheduledWork(db);
    console.log(`[uplift] jobs: ${done.planned} queued, ${done.ran} run, ${done.webhooks} webhook deliveries`);
  } finally {
    await closeDb();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
