import fs from "node:fs";
import postgres from "postgres";
import { createDb, type DbHandle } from "../../db/client";

export interface BenchDatabase {
  kind: "pglite" | "postgres";
  /** Env for the server child process. */
  serverEnv: Record<string, string>;
  open(): Promise<DbHandle>;
}

/**
 * A fresh database for the benchmark: a new PGlite dir, or a new database on the DATABASE_URL server
 * (named with BENCH_DB_PREFIX first, so two people benchmarking on one server never drop each other's).
 * keep: open an existing PostgreSQL database as it is (nothing dropped, e.g. generated data reused).
 */
export async function freshDatabase(baseName: string, opts: { keep?: boolean } = {}): Promise<BenchDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  const name = opts.keep ? baseName : `${process.env.BENCH_DB_PREFIX ?? ""}${baseName}`;
  if (adminUrl) {
    if (!opts.keep) {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`create database ${name}`);
      await admin.end();
    }
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
  if (opts.keep) throw new Error("reusing a database needs DATABASE_URL (PostgreSQL)");
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
