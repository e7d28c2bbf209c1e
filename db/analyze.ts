import { getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./client";
import { ident } from "./sql-ident";

/**
 * Refreshes the planner's statistics of tables a bulk write just changed. PostgreSQL's autovacuum
 * would get to them eventually (when it runs at all: it is off on some servers), PGlite never does
 * (no background workers), and until then the planner works from an empty or stale table: on 1.8M
 * progress rows it estimated 6,000 and chose the wrong index. Run after the write commits; the
 * statistics are an optimisation, so a failure is reported and the import still counts as done.
 */
export async function analyzeTables(db: Db, tables: readonly PgTable[], log?: (msg: string) => void): Promise<void> {
  const names = [...new Set(tables.map((t) => getTableName(t)))];
  if (!names.length) return;
  try {
    await db.execute(sql.raw(`analyze ${names.map(ident).join(", ")}`));
  } catch (err) {
    log?.(`analyze ${names.join(", ")} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
