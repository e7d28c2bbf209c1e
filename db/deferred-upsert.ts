import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db, Tx } from "./client";
import { CopyChunk } from "./copy-text";
import { copyRows } from "./copy-rows";
import { columnTypes } from "./staged-upsert";
import { ident } from "./sql-ident";

/**
 * The staged upsert (staged-upsert.ts) for databases that are ONE session (PGlite): there, the one
 * long import transaction stopped every other query of the server until it ended (a 300k-row import
 * kept /healthz waiting 20 s). Here each chunk is COPYed into a session-lived temporary stage in a
 * short transaction of its own, with a turn of the event loop between chunks, so the server's requests
 * run in between; the merge into the table — all rows in one statement — happens in the caller's final
 * transaction. A kill before that commit leaves the table untouched (a temporary table dies with the
 * session). Costs: the stage holds the whole file's accepted rows (on disk, as text) until the merge.
 */
export interface DeferredUpsert {
  /** Buffers a row; true when the chunk is full and the caller should `await flush()`. */
  add(row: Record<string, unknown>): boolean;
  /** COPYs the buffered chunk into the stage, in a short transaction of its own, then yields. */
  flush(): Promise<void>;
  /** Merges every staged row into the table inside `tx`; returns the number of rows. */
  merge(tx: Tx): Promise<number>;
  /** Drops the stage (after the merge's commit, or when the import is abandoned). */
  discard(): Promise<void>;
}

let stageCounter = 0;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function openDeferredUpsert(
  db: Db,
  table: PgTable,
  opts: { conflict: string; chunkRows?: number },
): DeferredUpsert {
  const chunkRows = opts.chunkRows ?? 5_000;
  const tableName = getTableName(table);
  const drizzleColumns = getTableColumns(table) as Record<string, { name: string }>;
  const stage = `import_stage_deferred_${process.pid}_${++stageCounter}`;
  let keys: string[] | null = null;
  let names: string[] = [];
  let created = false;
  let staged = 0;
  const chunk = new CopyChunk();

  return {
    add(row) {
      if (!keys) {
        keys = Object.keys(row);
        names = keys.map((k) => {
          const column = drizzleColumns[k];
          if (!column) throw new Error(`deferred upsert: ${k} is not a column of ${tableName}`);
          return column.name;
        });
        if (!names.includes(opts.conflict))
          throw new Error(`deferred upsert: rows must set the key column ${opts.conflict}`);
      }
      if (Object.keys(row).length !== keys.length)
        throw new Error(`deferred upsert: rows set different columns (${Object.keys(row).join(", ")})`);
      const values = new Array<unknown>(keys.length);
      for (let i = 0; i < keys.length; i++) values[i] = row[keys[i]!];
      chunk.push(values);
      return chunk.rows >= chunkRows;
    },
    async flush() {
      if (!chunk.rows) return;
      const rows = chunk.rows,
        text = chunk.take();
      await db.transaction(async (tx) => {
        if (!created) {
          // Text columns: COPY cannot fail on a value; the merge's casts report a bad one.
          await tx.execute(
            sql.raw(`create temp table ${ident(stage)} (${names.map((n) => `${ident(n)} text`).join(", ")})`),
          );
          created = true;
        }
        await copyRows(tx, stage, names, text);
      });
      staged += rows;
      await yieldToEventLoop();
    },
    async merge(tx) {
      if (!created) return 0;
      const types = await columnTypes(tx, tableName);
      const casts = names.map((n) => {
        const type = types.get(n);
        if (!type) throw new Error(`deferred upsert: ${tableName} has no column ${n}`);
        return `${ident(n)}::${type}`;
      });
      const set = names.filter((n) => n !== opts.conflict).map((n) => `${ident(n)} = excluded.${ident(n)}`);
      await tx.execute(
        sql.raw(
          `insert into ${ident(tableName)} (${names.map(ident).join(", ")}) select ${casts.join(", ")} from ${ident(stage)} ` +
            `on conflict (${ident(opts.conflict)}) do ${set.length ? `update set ${set.join(", ")}` : "nothing"}`,
        ),
      );
      return staged;
    },
    async discard() {
      if (created) await db.execute(sql.raw(`drop table if exists ${ident(stage)}`));
      created = false;
    },
  };
}
