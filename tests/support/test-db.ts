import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { createDb, type DbHandle } from "#db/client";
import { setDbHandle, closeDb } from "#db/index";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new throw-away
 * database on the PostgreSQL server when the vitest project sets TEST_DB_KIND=postgres.
 * It is installed as the process database so app modules calling getDb() use it.
 */
export type TestDatabase = DbHandle & { dropDatabase(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DB_KIND === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error("TEST_DB_KIND=postgres needs TEST_DATABASE_URL");
    const name = `uplift_t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await createDb({ kind: "postgres", url: url.toString(), max: 20 });
    await handle.migrate();
    setDbHandle(handle);
    return {
      ...handle,
      async dropDatabase() {
        await closeDb();
        const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const handle = await createDb({ kind: "pglite" });
  await handle.migrate();
  setDbHandle(handle);
  return { ...handle, dropDatabase: () => closeDb() };
}

/**
 * The test file's (or describe block's) database: opened in a beforeAll registered here, dropped in an
 * afterAll that runs after the file's own afterAll hooks (vitest runs after-hooks in reverse order).
 * Call it before the hooks that use it; read `handle.db` inside hooks and tests, not at module level.
 */
export function useTestDatabase(): TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.dropDatabase();
    current = undefined;
  });
  return new Proxy({} as TestDatabase, {
    get(_, key) {
      if (!current)
        throw new Error("useTestDatabase(): the database opens in beforeAll; use it inside hooks and tests");
      return Reflect.get(current, key);
    },
  });
}
