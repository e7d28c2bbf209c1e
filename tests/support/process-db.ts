import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createDb, type DbHandle } from "#db/client";

/**
 * A database that child processes (CLI scripts, the server) can open: a PGlite directory, or a
 * throw-away PostgreSQL database when the vitest project runs on PostgreSQL.
 */
export async function createProcessDatabase() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-proc-"));
  if (process.env.TEST_DB_KIND === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `uplift_p_${crypto.randomBytes(6).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      tmp,
      env: { DATABASE_URL: url.toString(), DATA_DIR: path.join(tmp, "data") } as Record<string, string>,
      open: (): Promise<DbHandle> => createDb({ kind: "postgres", url: url.toString(), max: 2 }),
      async drop() {
        const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
        fs.rmSync(tmp, { recursive: true, force: true });
      },
    };
  }
  const dir = path.join(tmp, "pglite");
  return {
    tmp,
    env: { PGLITE_DIR: dir, DATABASE_URL: "", DATA_DIR: path.join(tmp, "data") } as Record<string, string>,
    open: (): Promise<DbHandle> => createDb({ kind: "pglite", dir }),
    async drop() {
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
