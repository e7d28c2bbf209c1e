import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "./client";
import { ident } from "./sql-ident";

/**
 * What the staged upsert (staged-upsert.ts) and the deferred one (deferred-upsert.ts) share: the row
 * shape (drizzle keys → column names, the same keys in every row, the key column present), the all-text
 * stage, and the ONE merge statement `insert … select <casts> from stage on conflict (key) do update`.
 * `what` names the caller in error messages.
 */
export function rowShape(table: PgTable, conflict: string, what: string) {
  const tableName = getTableName(table);
  const drizzleColumns = getTableColumns(table) as Record<string, { name: string }>;
  let keys: string[] | null = null;
  const shape = {
    tableName,
    /** Database column names, in row order (known after the first row). */
    names: [] as string[],
    /** The row's keys in column order (the same array for every row); the first row fixes the shape. */
    keysOf(row: Record<string, unknown>): readonly string[] {
      if (!keys) {
        keys = Object.keys(row);
        shape.names = keys.map((k) => {
          const column = drizzleColumns[k];
          if (!column) throw new Error(`${what}: ${k} is not a column of ${tableName}`);
          return column.name;
        });
        if (!shape.names.includes(conflict)) throw new Error(`${what}: rows must set the key column ${conflict}`);
      }
      // One shape for every row: a key this row adds would otherwise be dropped without a word.
      // (Counted with for…in: Object.keys would make an array per row.)
      let count = 0;
      for (const key in row) if (Object.hasOwn(row, key)) count++;
      if (count !== keys.length)
        throw new Error(`${what}: rows set different columns (${Object.keys(row).join(", ")})`);
      return keys;
    },
  };
  return shape;
}

/** Text columns: COPY cannot fail on a value, and the merge's casts report a bad one. */
export const createStageSql = (stage: string, names: string[], opts: { dropOnCommit: boolean }) =>
  sql.raw(
    `create temp table ${ident(stage)} (${names.map((n) => `${ident(n)} text`).join(", ")})` +
      (opts.dropOnCommit ? " on commit drop" : ""),
  );

async function columnTypes(tx: Tx, table: string): Promise<Map<string, string>> {
  const result = (await tx.execute(sql`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
    where a.attrelid = to_regclass(${ident(table)}) and a.attnum > 0 and not a.attisdropped`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    name: string;
    type: string;
  }[];
  return new Map(rows.map((r) => [r.name, r.type]));
}

/**
 * The merge of every row in `stage` (or those `where` selects) into `table`: each column cast to its
 * type; all but the key replaced.
 */
export async function mergeSql(
  tx: Tx,
  shape: { tableName: string; names: string[] },
  stage: string,
  conflict: string,
  what: string,
  where?: string,
): Promise<SQL> {
  const { tableName, names } = shape;
  const types = await columnTypes(tx, tableName);
  const casts = names.map((n) => {
    const type = types.get(n);
    if (!type) throw new Error(`${what}: ${tableName} has no column ${n}`);
    return `${ident(n)}::${type}`;
  });
  const set = names.filter((n) => n !== conflict).map((n) => `${ident(n)} = excluded.${ident(n)}`);
  return sql.raw(
    `insert into ${ident(tableName)} (${names.map(ident).join(", ")}) select ${casts.join(", ")} from ${ident(stage)} ${where ? `where ${where} ` : ""}` +
      `on conflict (${ident(conflict)}) do ${set.length ? `update set ${set.join(", ")}` : "nothing"}`,
  );
}
