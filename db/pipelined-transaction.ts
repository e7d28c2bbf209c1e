import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js/session";
import type { Sql } from "postgres";
import { queryRows, type Db, type Tx } from "./client";

/**
 * A transaction for hot paths that costs two fewer round trips than db.transaction(): its BEGIN is
 * sent with its first statement, and its COMMIT with its last statements, each group in one socket
 * write (postgres.js pipelines queries issued together on one connection). On a small server every
 * round trip is a socket write and a wake-up of the one JavaScript thread, and those dominate a short
 * transaction (bench: lesson completions).
 *
 *   const result = await pipelinedTransaction(db, async (t) => {
 *     const rows = await t.begin(firstStatement);      // BEGIN + first statement
 *     ...await other statements on t.tx as usual...
 *     await t.commit([lastA, lastB]);                 // lastA, lastB + COMMIT
 *     return value;
 *   });
 *
 * If `fn` returns without calling commit, the transaction commits (one more round trip); if anything
 * throws, it rolls back. All-or-nothing holds with the COMMIT sent behind the last statements: they are
 * built and checked before anything is sent (a statement the client cannot even send would otherwise
 * be skipped while the COMMIT behind it went through), and one that fails on the server aborts the
 * transaction, which turns that COMMIT into a rollback. `last` must be single statements (SQL), not
 * functions that await more than one query, or their later queries would follow the COMMIT.
 * On PGlite (in-process, no sockets) it is a plain db.transaction() with the same interface.
 */
export interface Pipeline {
  tx: Tx;
  begin<T extends Record<string, unknown>>(first: SQL): Promise<T[]>;
  commit(last: SQL[]): Promise<void>;
}

function postgresClient(db: Db): Sql | null {
  const client = (db as unknown as { $client?: Sql }).$client;
  return client && typeof client.reserve === "function" ? client : null;
}

const dialect = new PgDialect();

/** The Pipeline interface over a transaction that is already open (PGlite, or a caller's db.transaction()). */
export function plainPipeline(tx: Tx): Pipeline {
  return {
    tx,
    begin: (first) => queryRows(tx, first),
    commit: async (last) => {
      for (const q of last) await tx.execute(q);
    },
  };
}

export async function pipelinedTransaction<T>(db: Db, fn: (p: Pipeline) => Promise<T>): Promise<T> {
  const client = postgresClient(db);
  if (!client) return db.transaction((tx) => fn(plainPipeline(tx)));
  const reserved = await client.reserve();
  // A drizzle transaction over the reserved connection, built the way drizzle's own transaction()
  // builds one over postgres.js's (no relational schema: the query builder and execute(); no nested
  // tx.transaction(), which needs savepoints a reserved connection does not offer).
  const session = new PostgresJsSession(reserved as never, dialect, undefined, {});
  const tx = new PostgresJsTransaction(dialect, session, undefined) as unknown as Tx;
  const t = { state: "idle" as "idle" | "open" | "done" };
  const mustBe = (want: typeof t.state, what: string) => {
    if (t.state !== want)
      throw new Error(`pipelinedTransaction: ${what} called ${t.state === "idle" ? "before begin()" : "twice"}`);
  };
  try {
    const result = await fn({
      tx,
      begin: async <R extends Record<string, unknown>>(first: SQL) => {
        mustBe("idle", "begin()");
        t.state = "open";
        const [, rows] = await Promise.all([reserved.unsafe("begin"), queryRows<R>(tx, first)]);
        return rows;
      },
      commit: async (last) => {
        mustBe("open", "commit()");
        const built = last.map((q) => dialect.sqlToQuery(q));
        const bad = built.find((b) => b.params.some((v) => v === undefined));
        if (bad) throw new Error(`pipelinedTransaction: undefined parameter in ${bad.sql}`);
        const results = await Promise.allSettled([
          ...built.map((b) => reserved.unsafe(b.sql, b.params as never[])),
          reserved.unsafe("commit"),
        ]);
        t.state = "done";
        const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
        if (failed) throw failed.reason; // the server turned the COMMIT into a rollback
        const tag = (results[results.length - 1] as PromiseFulfilledResult<{ command?: string }>).value.command;
        if (tag !== "COMMIT") throw new Error(`pipelinedTransaction: the server answered ${tag} to COMMIT`);
      },
    });
    if (t.state === "open") {
      await reserved.unsafe("commit");
      t.state = "done";
    }
    return result;
  } catch (error) {
    if (t.state === "open") await reserved.unsafe("rollback").catch(() => {});
    throw error;
  } finally {
    reserved.release();
  }
}

/** For tests: whether `db` takes the pipelined path (a postgres.js pool) or the plain one (PGlite). */
export const isPipelined = (db: Db) => postgresClient(db) !== null;
