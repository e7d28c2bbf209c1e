import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, queryRows, type DbHandle } from "#db/client";
import { pipelinedTransaction } from "#db/pipelined-transaction";

/**
 * drizzle runs ordinary queries unprepared, which costs postgres.js a second round trip per statement
 * (db/prepared-statements.ts). On PostgreSQL the pool reuses prepared statements and PostgreSQL their plans.
 * One connection (max 1), so pg_prepared_statements (per session) sees everything the pool prepared.
 */
const url = process.env.TEST_DB_KIND === "postgres" ? process.env.TEST_DATABASE_URL : undefined;

describe.runIf(!!url)("prepared statements on PostgreSQL", () => {
  const opened: DbHandle[] = [];
  const open = async (prepare?: boolean) => {
    const h = await createDb({ kind: "postgres", url: url!, max: 1, prepare });
    opened.push(h);
    return h.db;
  };
  afterAll(async () => {
    for (const h of opened) await h.close();
  });
  const marker = (tag: string) => sql.raw(`/* ${tag} */`);
  const prepared = async (db: Awaited<ReturnType<typeof open>>, tag: string) =>
    (
      await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%/* ${tag} */%`}`,
      )
    )[0]!.n;

  it("a parameterized query, in or out of a transaction, is prepared once and reused", async () => {
    const db = await open();
    for (let i = 0; i < 3; i++) {
      const [row] = await queryRows<{ x: number }>(db, sql`select ${i}::int + 1 as x ${marker("plain")}`);
      expect(row!.x).toBe(i + 1);
    }
    await db.transaction(async (tx) => {
      await tx.execute(sql`select ${1}::int as x ${marker("in-tx")}`);
    });
    await pipelinedTransaction(db, async ({ begin, commit }) => {
      await begin(sql`select ${1}::int as x ${marker("pipelined")}`);
      await commit([]);
    });
    expect(await prepared(db, "plain")).toBe(1);
    expect(await prepared(db, "in-tx")).toBe(1);
    expect(await prepared(db, "pipelined")).toBe(1);
  });

  it("a statement run often keeps its plan (PostgreSQL's plan cache), and answers for each parameter", async () => {
    const db = await open();
    // PostgreSQL plans the first five executions for their parameters, then reuses a generic plan
    // when it is no costlier: the hot page statements stop paying the planner on every view.
    for (let i = 0; i < 8; i++) {
      const [row] = await queryRows<{ n: number }>(db, sql`select ${i}::int * 2 as n ${marker("plan-cache")}`);
      expect(row!.n).toBe(i * 2);
    }
    const [plans] = await queryRows<{ generic: number; custom: number }>(
      db,
      sql`
      select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements
      where statement like ${"%/* plan-cache */%"}`,
    );
    expect(plans!.custom).toBeGreaterThan(0);
    expect(plans!.generic).toBeGreaterThan(0);
  });

  it("DATABASE_PREPARE=false (a transaction-mode pooler) sends unnamed statements only", async () => {
    const db = await open(false);
    await queryRows(db, sql`select ${1}::int as x ${marker("unprepared")}`);
    expect(await prepared(db, "unprepared")).toBe(0);
    await open(true); // back to the default for whatever runs next in this process
  });
});
