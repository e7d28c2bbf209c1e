import { sql } from "drizzle-orm";
import { getDb } from "#db/index";

/** The app's door to the database: route modules import from *.server.ts files only. */
export { getDb };

export async function pingDatabase() {
  const db = await getDb();
  await db.execute(sql`select 1`);
}
