import { sql } from "drizzle-orm";
import { getDb } from "#db/index";
import { readBesideTransaction } from "#db/pausing-transaction";

/** The app's door to the database: route modules import from *.server.ts files only. */
export { getDb };

/**
 * `select 1` on the database. On PGlite during an import's final transaction it runs inside that
 * transaction at its next pause (db/pausing-transaction.ts) rather than after its commit: it still
 * proves the database answers queries, within a fraction of a second instead of seconds.
 */
export async function pingDatabase() {
  const db = await getDb();
  await readBesideTransaction(db, (executor) => executor.execute(sql`select 1`));
}
