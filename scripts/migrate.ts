/** npm run db:migrate — applies committed drizzle migrations to the configured database. */
import { getEnv } from "../app/env.server";
import { closeDb, getDbHandle } from "../db/index";

getEnv();
getDbHandle()
  .then(async (h) => {
    console.log(`migrations applied (${h.kind})`);
    await closeDb();
  })
  .catch((err) => {
    console.error("migration failed:", err instanceof Error ? err.message : err);
    process.exit(1);
  });
