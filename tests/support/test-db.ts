import crypto from "node:crypto";
import postgres from "postgres";
import { createDb, type DbHandle } from "#db/client";
import { setDbHandle, closeDb } from "#db/index";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new throw-away
 * database on the PostgreSQL server when the vitest project sets TEST_DB_KIND=postgres.
 * It is installed as the process database so app modules calling getDb() use it.
 */
export async function createTestDatabase(): Promise<DbHandle & { dropDatabase(): Promise<void> }> {
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
