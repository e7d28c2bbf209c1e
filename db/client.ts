import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index";
import { usePreparedStatements } from "./prepared-statements";

/** One drizzle type for both drivers: PGlite and postgres.js expose the same query builder. */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbKind = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DbTarget =
  | { kind: "postgres"; url: string; max?: number; prepare?: boolean } // prepare: see prepared-statements.ts
  | { kind: "pglite"; dir?: string }; // dir undefined = in-memory (tests)

export function migrationsFolder(): string {
  // Works from db/ (tsx) and from the bundled server build (build/index.js) alike.
  const candidates = [
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), "migrations"),
    path.resolve(process.cwd(), "db/migrations"),
  ];
  const found = candidates.find((c) => fs.existsSync(path.join(c, "meta/_journal.json")));
  if (!found) throw new Error(`drizzle migrations not found in ${candidates.join(" or ")}`);
  return found;
}

/** Factory with no app imports: opens PGlite (file or memory) or a postgres.js pool. */
export async function createDb(target: DbTarget): Promise<DbHandle> {
  if (target.kind === "postgres") {
    const prepare = target.prepare ?? true;
    usePreparedStatements(prepare);
    // Prepared statements save a round trip each, and PostgreSQL's plan cache (plan_cache_mode
    // auto, its default) the planning of hot statements: see db/prepared-statements.ts.
    const client = postgres(target.url, { max: target.max ?? 10, onnotice: () => {}, prepare });
    const db = drizzlePostgres(client, { schema });
    return {
      db,
      kind: "postgres",
      migrate: async () => {
        // Migrate on a single connection so concurrent starters serialise on drizzle's lock table.
        const one = postgres(target.url, { max: 1, onnotice: () => {} });
        try {
          await migratePostgres(drizzlePostgres(one), { migrationsFolder: migrationsFolder() });
        } finally {
          await one.end();
        }
      },
      close: () => client.end(),
    };
  }
  if (target.dir) fs.mkdirSync(path.dirname(path.resolve(target.dir)), { recursive: true });
  const client = target.dir ? new PGlite(target.dir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(db as never, { migrationsFolder: migrationsFolder() }),
    close: () => client.close(),
  };
}

/** Raw SQL rows from either driver (postgres.js returns an array, PGlite an object with rows). */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: import("drizzle-orm").SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
