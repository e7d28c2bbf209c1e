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
import { setTimeout as sleep } from "node:timers/promises";
import { tryLock } from "./pglite-lock";
import { servePglite, type PgliteEndpoint } from "./pglite-serve";
import { heldByCommand, ServerWentAway, throughTheServer } from "./pglite-through-server";

/** One drizzle type for both drivers: PGlite and postgres.js expose the same query builder. */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** What every db helper takes: the database or an open transaction (a helper never needs to know which). */
export type Executor = Db | Tx;
export type DbKind = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DbTarget =
  | { kind: "postgres"; url: string; max?: number; prepare?: boolean } // prepare: see prepared-statements.ts
  // dir undefined = in-memory (tests). serve: the academy server's own PGlite, also served to CLI
  // commands over the PostgreSQL protocol on loopback once migrated (pglite-serve.ts).
  | { kind: "pglite"; dir?: string; serve?: boolean };

/**
 * Databases that are ONE session (PGlite, in this process or through the server): a long transaction
 * there stops every other query, so long jobs (imports) commit in short steps on them.
 */
const SINGLE_SESSION = Symbol.for("uplift.db.singleSession"); // a global symbol: the server build bundles its own copy of this module
const singleSession = { add: (db: Db) => Object.defineProperty(db, SINGLE_SESSION, { value: true }) };
export const isSingleSession = (db: Db) => (db as unknown as Record<symbol, unknown>)[SINGLE_SESSION] === true;

/**
 * How another thread of this process opens the same database (the stored views' worker,
 * app/analytics/report/view-worker.server.ts): a PostgreSQL URL, or the server's served PGlite directory
 * (the thread then works through the server's endpoint like a command). Undefined for an in-memory PGlite
 * and a PGlite a command opened: only this thread can reach those.
 */
const REOPEN = Symbol.for("uplift.db.reopen");
const reopenable = (db: Db, target: DbTarget) => Object.defineProperty(db, REOPEN, { value: target });
export const reopenTarget = (db: Db) => (db as unknown as Record<symbol, DbTarget | undefined>)[REOPEN];

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
    reopenable(db, { kind: "postgres", url: target.url, max: 4, prepare });
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
  if (!target.dir) {
    const client = new PGlite();
    await client.waitReady;
    return pgliteHandle(client, async () => client.close());
  }
  // One opener per directory (pglite-lock.ts): the server, or a command, or a command through the server.
  const dir = target.dir;
  fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  let attempt = tryLock(
    dir,
    target.serve ? { role: "server", command: "the academy server" } : { role: "command", command: commandName() },
  );
  for (let tries = 0, waited = 0; !attempt.ok;) {
    if (attempt.holder.role === "command") {
      // Another command (an import, a sync) holds the directory: commands are short, so wait for it
      // rather than fail. This also covers a holder that was just killed and is still being torn down.
      if (waited === 1000)
        console.error(
          `[uplift] waiting for ${attempt.holder.command} (pid ${attempt.holder.pid}) to finish with ${dir}…`,
        );
      if (waited >= commandWaitMs()) throw heldByCommand(dir, attempt.holder);
      await sleep(250);
      waited += 250;
      attempt = tryLock(
        dir,
        target.serve ? { role: "server", command: "the academy server" } : { role: "command", command: commandName() },
      );
      continue;
    }
    try {
      const handle = await throughTheServer(dir, attempt.holder, !!target.serve);
      singleSession.add(handle.db);
      return handle;
    } catch (err) {
      if (!(err instanceof ServerWentAway) || ++tries > 5) throw err;
      attempt = tryLock(dir, { role: "command", command: commandName() });
    }
  }
  const lock = attempt.lock;
  let client: PGlite;
  try {
    client = new PGlite(dir);
    await client.waitReady;
  } catch (err) {
    lock.release();
    throw err;
  }
  let endpoint: PgliteEndpoint | undefined;
  const handle = pgliteHandle(client, async () => {
    await endpoint?.close();
    await client.close();
    lock.release();
  });
  return {
    ...handle,
    migrate: async () => {
      await handle.migrate();
      // Published once the schema is current, so a command never works on a half-migrated database.
      if (target.serve && !endpoint) {
        endpoint = await servePglite(client);
        lock.update({ endpoint: { host: endpoint.host, port: endpoint.port, password: endpoint.password } });
        reopenable(handle.db, { kind: "pglite", dir });
      }
    },
  };
}

function pgliteHandle(client: PGlite, close: () => Promise<void>): DbHandle {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  singleSession.add(db);
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(db as never, { migrationsFolder: migrationsFolder() }),
    close,
  };
}

/** How long a command or server waits for another command that holds the PGlite directory. */
const commandWaitMs = () => Number(process.env.PGLITE_WAIT_MS || 600_000);

/** How messages name this process: "npm run import", or the script's file name. */
function commandName() {
  const script = process.env.npm_lifecycle_event;
  return script ? `npm run ${script}` : path.basename(process.argv[1] ?? "node");
}

/** Raw SQL rows from either driver (postgres.js returns an array, PGlite an object with rows). */
export async function queryRows<T extends Record<string, unknown>>(
  db: Executor,
  query: import("drizzle-orm").SQL,
): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
