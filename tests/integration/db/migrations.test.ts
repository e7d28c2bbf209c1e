import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { queryRows, schema } from "#db/index";
import { useTestDatabase } from "../../support/test-db";

describe("migrations", () => {
  const handle = useTestDatabase();

  it("create every core table on an empty database", async () => {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const names = rows.map((r) => r.table_name);
    for (const t of ["accounts", "users", "sessions", "courses", "lessons", "lesson_progress", "learning_events"]) {
      expect(names).toContain(t);
    }
  });

  /** Every table's columns with their types and nullability, as PostgreSQL describes them. */
  const columnsInDatabase = async () => {
    const rows = await queryRows<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
      handle.db,
      sql`
      select table_name, column_name, data_type, is_nullable from information_schema.columns
      where table_schema = 'public' order by table_name, column_name`,
    );
    return rows.map(
      (r) => `${r.table_name}.${r.column_name} ${r.data_type}${r.is_nullable === "NO" ? " not null" : ""}`,
    );
  };

  it("build exactly the schema drizzle declares (db/schema): the same tables and columns", async () => {
    const declared = (Object.values(schema) as unknown[])
      .filter((t): t is PgTable => is(t, PgTable))
      .map((t) => getTableConfig(t));
    const expected = declared.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)).sort();
    const actual = (await columnsInDatabase()).map((c) => c.split(" ")[0]!).sort();
    expect(actual).toEqual(expected);
    const notNull = declared
      .flatMap((t) => t.columns.filter((c) => c.notNull).map((c) => `${t.name}.${c.name}`))
      .sort();
    expect(
      (await columnsInDatabase())
        .filter((c) => c.endsWith(" not null"))
        .map((c) => c.split(" ")[0]!)
        .sort(),
    ).toEqual(notNull);
  });

  it("are idempotent: applying them again changes no table or column", async () => {
    const before = await columnsInDatabase();
    await handle.migrate();
    expect(await columnsInDatabase()).toEqual(before);
  });

  it("put account_id on every fact table", async () => {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.columns where table_schema='public' and column_name='account_id'`,
    );
    const names = rows.map((r) => r.table_name);
    for (const t of [
      "lesson_progress",
      "learning_events",
      "quiz_attempts",
      "certificates",
      "subscription_lines",
      "feature_usage",
      "support_tickets",
    ]) {
      expect(names).toContain(t);
    }
  });
});
