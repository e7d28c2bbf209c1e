import fs from "node:fs";
import postgres from "postgres";
import { createDb, type DbHandle } from "../../db/client";

export interface BenchDatabase {
  kind: "pglite" | "postgres";
  /** Env for the server child process. */
  serverEnv: Record<string, string>;
  open(): Promise<DbHandle>;
}

/** A fresh database for the benchmark: a new PGlite dir, or a new database on the DATABASE_URL server. */
export async function freshDatabase(name: string): Promise<BenchDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      kind: "postgres",
      serverEnv: { DATABASE_URL: url.toString(), DATABASE_POOL_MAX: "20" },
      open: async () => {
        const h = await createDb({ kind: "postgres", url: url.toString(), max: 20 });
        await h.migrate();
        return h;
      },
    };
  }
  const dir = `bench/tmp/${name}`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync("bench/tmp", { recursive: true });
  return {
    kind: "pglite",
    serverEnv: { PGLITE_DIR: dir, DATABASE_URL: "" },
    open: async () => {
      const h = await createDb({ kind: "pglite", dir });
      await h.migrate();
      return h;
    },
  };
}
