import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "./client";
import { CopyChunk } from "./copy-text";
import { copyRows } from "./copy-rows";
import { ident } from "./sql-ident";
import { createStageSql, mergeSql, rowShape } from "./stage-merge";

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

export function openStagedUpsert(tx: Tx, table: PgTable, opts: StagedUpsertOptions): StagedUpsert {
  const chunkRows = opts.chunkRows ?? 20_000;
  const shape = rowShape(table, opts.conflict, "staged upsert");
  const stage = `import_stage_${++stageCounter}`;
  let merge: SQL | null = null;
  let ready: Promise<void> | null = null;
  const chunk = new CopyChunk();
  let written = 0;
  let inFlight: Promise<void> = Promise.resolve();

  // Created on the first chunk, when the row shape is known.
  const prepare = async () => {
    merge = await mergeSql(tx, shape, stage, opts.conflict, "staged upsert");
    await tx.execute(createStageSql(stage, shape.names, { dropOnCommit: true }));
  };

  const write = async (text: Buffer, rows: number) => {
    await (ready ??= prepare());
    await copyRows(tx, stage, shape.names, text);
    await tx.execute(merge!);
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
      chunk.pushRow(row, shape.keysOf(row));
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
