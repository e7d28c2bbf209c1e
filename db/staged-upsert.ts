import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "./client";
import { CopyChunk } from "./copy-text";
import { copyRows } from "./copy-rows";
import { ident } from "./sql-ident";

/**
 * Upserts a stream of rows through a staging table, inside the caller's transaction:
 * rows are buffered as COPY text, each chunk is COPYed into a temporary all-text staging table
 * and merged with ONE `insert … select … on conflict (key) do update`, then the stage is emptied.
 * COPY is the cheapest way into PostgreSQL (no per-row JSON on either side), and merging per chunk
 * keeps the stage small (it stays in temp buffers) and lets the database work while the caller
 * prepares the next chunk: one chunk is in flight at a time, so memory stays at about two chunks.
 *
 * Rows use drizzle (camelCase) keys and must all set the same keys; keys must be unique across
 * all rows (PostgreSQL refuses to update one row twice in a statement, and across chunks a repeat
 * would silently overwrite). Every column sent is replaced on conflict. The stage is dropped at commit
 * or rollback.
 */
export interface StagedUpsert {
  /** Buffers a row; true when the chunk is full and the caller should `await flush()`. */
  add(row: Record<string, unknown>): boolean;
  /** Sends the buffered chunk (after the previous one has finished; a failed chunk throws here). */
  flush(): Promise<void>;
  /** Sends what is left and waits for every chunk. Returns the number of rows written. */
  finish(): Promise<number>;
  /**
   * Waits for the chunk in flight (its outcome ignored) and drops what is buffered: call it before
   * rolling back, so no COPY is still writing to the connection when the ROLLBACK is sent.
   */
  settle(): Promise<void>;
}

export interface StagedUpsertOptions {
  /** Database column of the unique natural key (e.g. "external_id"). */
  conflict: string;
  chunkRows?: number;
  onWritten?: (rowsWritten: number) => void;
}

let stageCounter = 0;

export async function columnTypes(tx: Tx, table: string): Promise<Map<string, string>> {
  const result = (await tx.execute(sql`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
    where a.attrelid = to_regclass(${ident(table)}) and a.attnum > 0 and not a.attisdropped`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    name: string;
    type: string;
  }[];
  return new Map(rows.map((r) => [r.name, r.type]));
}

export function openStagedUpsert(tx: Tx, table: PgTable, opts: StagedUpsertOptions): StagedUpsert {
  const chunkRows = opts.chunkRows ?? 20_000;
  const tableName = getTableName(table);
  const drizzleColumns = getTableColumns(table) as Record<string, { name: string }>;
  const stage = `import_stage_${++stageCounter}`;
  let keys: string[] | null = null;
  let names: string[] = [];
  let merge = "";
  let ready: Promise<void> | null = null;
  const chunk = new CopyChunk();
  let written = 0;
  let inFlight: Promise<void> = Promise.resolve();

  // Created on the first chunk, when the row shape is known. Text columns: COPY cannot fail on a
  // value, and the casts below report a bad one with PostgreSQL's own message.
  const prepare = async () => {
    const types = await columnTypes(tx, tableName);
    const casts = names.map((n) => {
      const type = types.get(n);
      if (!type) throw new Error(`staged upsert: ${tableName} has no column ${n}`);
      return `${ident(n)}::${type}`;
    });
    await tx.execute(
      sql.raw(`create temp table ${ident(stage)} (${names.map((n) => `${ident(n)} text`).join(", ")}) on commit drop`),
    );
    const list = names.map(ident).join(", ");
    const set = names.filter((n) => n !== opts.conflict).map((n) => `${ident(n)} = excluded.${ident(n)}`);
    merge =
      `insert into ${ident(tableName)} (${list}) select ${casts.join(", ")} from ${ident(stage)} ` +
      `on conflict (${ident(opts.conflict)}) do ${set.length ? `update set ${set.join(", ")}` : "nothing"}`;
  };

  const write = async (text: Buffer, rows: number) => {
    await (ready ??= prepare());
    await copyRows(tx, stage, names, text);
    await tx.execute(sql.raw(merge));
    await tx.execute(sql.raw(`truncate ${ident(stage)}`));
    written += rows;
    opts.onWritten?.(written);
  };

  const flush = async () => {
    if (!chunk.rows) return;
    const rows = chunk.rows,
      text = chunk.take();
    await inFlight; // a failed chunk throws here, and the caller's transaction rolls back
    inFlight = write(text, rows);
    inFlight.catch(() => {}); // awaited by the next flush or finish; never unhandled meanwhile
  };

  return {
    add(row) {
      if (!keys) {
        keys = Object.keys(row);
        names = keys.map((k) => {
          const column = drizzleColumns[k];
          if (!column) throw new Error(`staged upsert: ${k} is not a column of ${tableName}`);
          return column.name;
        });
        if (!names.includes(opts.conflict))
          throw new Error(`staged upsert: rows must set the key column ${opts.conflict}`);
      }
      // One shape for every row: a key this row adds would otherwise be dropped without a word.
      if (Object.keys(row).length !== keys.length)
        throw new Error(`staged upsert: rows set different columns (${Object.keys(row).join(", ")})`);
      const values = new Array<unknown>(keys.length);
      for (let i = 0; i < keys.length; i++) values[i] = row[keys[i]!];
      chunk.push(values);
      return chunk.rows >= chunkRows;
    },
    flush,
    async finish() {
      await flush();
      await inFlight;
      return written;
    },
    async settle() {
      chunk.take();
      await inFlight.catch(() => {});
    },
  };
}
