import type { Db } from "./client";

/**
 * A drizzle query built once per database and reused. Building a select (walking the schema objects
 * into SQL text) costs about 0.4 ms of CPU per query on a 2-core machine — more than the round trip
 * to PostgreSQL — so the queries every page view runs are prepared once, with `sql.placeholder()`
 * for their parameters. Not for use inside transactions (a prepared query is bound to `db`).
 */
export function prepared<T>(build: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let query = byDb.get(db);
    if (!query) {
      query = build(db);
      byDb.set(db, query);
    }
    return query;
  };
}
