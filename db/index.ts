import { createDb, type DbHandle, type DbTarget } from "./client";

export type { Db, Tx, Executor, DbHandle } from "./client";
export { queryRows, isSingleSession } from "./client";
export * as schema from "./schema/index";

/**
 * Process-wide database singleton, kept on globalThis so the server build, scripts and dev reloads
 * share one PGlite instance (PGlite allows one connection per data directory) or one postgres pool.
 */
type Holder = { promise?: Promise<DbHandle>; target?: DbTarget };
const g = globalThis as unknown as { __upliftDb?: Holder };
const holder: Holder = (g.__upliftDb ??= {});

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DbTarget {
  if (env.DATABASE_URL) {
    return {
      kind: "postgres",
      url: env.DATABASE_URL,
      max: Number(env.DATABASE_POOL_MAX ?? 10),
      prepare: env.DATABASE_PREPARE !== "false",
    };
  }
  return { kind: "pglite", dir: env.PGLITE_DIR || "./data/pglite" };
}

/** Opens (once) and migrates the configured database. */
export function getDbHandle(target: DbTarget = holder.target ?? targetFromEnv()): Promise<DbHandle> {
  if (!holder.promise) {
    holder.target = target;
    holder.promise = (async () => {
      const handle = await createDb(target);
      await handle.migrate();
      return handle;
    })();
    holder.promise.catch(() => {
      holder.promise = undefined;
    });
  }
  return holder.promise;
}

export async function getDb() {
  return (await getDbHandle()).db;
}

/** Install an already-open handle as the process database (tests). */
export function setDbHandle(handle: DbHandle) {
  holder.promise = Promise.resolve(handle);
}

/** Use a specific database for this process (tests, CLI flags). Must run before the first getDb(). */
export function useDatabase(target: DbTarget) {
  if (holder.promise) throw new Error("database already opened; call useDatabase() first");
  holder.target = target;
}

export async function closeDb() {
  const p = holder.promise;
  holder.promise = undefined;
  holder.target = undefined;
  if (p) await (await p).close();
}
