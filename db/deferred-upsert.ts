import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { queryRows, type Db, type Tx } from "./client";
import { CopyChunk } from "./copy-text";
import { copyRows } from "./copy-rows";
import { createStageSql, mergeSql, rowShape } from "./stage-merge";
import { ident } from "./sql-ident";

/**
 * The staged upsert (staged-upsert.ts) for databases that are ONE session (PGlite): there, the one
 * long import transaction stopped every other query of the server until it ended (a 300k-row import
 * kept /healthz waiting 20 s). Here each chunk is COPYed into a session-lived temporary stage in a
 * short transaction of its own, with a turn of the event loop between chunks, so the server's requests
 * run in between; the merge into the table happens in the caller's final transaction, by slices of the
 * stage (`mergeRows` rows, one statement each, read by a TID range scan) with the caller's `pause()`
 * between them (pausing-transaction.ts): one statement for 300k rows held the thread 8 s. A kill before
 * that commit leaves the table untouched (a temporary table dies with the session). Costs: the stage
 * holds the whole file's accepted rows (on disk, as text) until the merge.
 */
export interface DeferredUpsert {
  /** Buffers a row; true when the chunk is full and the caller should `await flush()`. */
  add(row: Record<string, unknown>): boolean;
  /** COPYs the buffered chunk into the stage, in a short transaction of its own, then yields. */
  flush(): Promise<void>;
  /** Merges every staged row into the table inside `tx`, pausing between slices; returns the number of rows. */
  merge(tx: Tx, pause?: () => Promise<void>): Promise<number>;
  /** Drops the stage (after the merge's commit, or when the import is abandoned). */
  discard(): Promise<void>;
}

let stageCounter = 0;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function openDeferredUpsert(
  db: Db,
  table: PgTable,
  opts: { conflict: string; chunkRows?: number; mergeRows?: number },
): DeferredUpsert {
  const chunkRows = opts.chunkRows ?? 5_000;
  const mergeRows = opts.mergeRows ?? 5_000;
  const shape = rowShape(table, opts.conflict, "deferred upsert");
  const stage = `import_stage_deferred_${process.pid}_${++stageCounter}`;
  let created = false;
  let staged = 0;
  const chunk = new CopyChunk();

  return {
    add(row) {
      chunk.pushRow(row, shape.keysOf(row));
      return chunk.rows >= chunkRows;
    },
    async flush() {
      if (!chunk.rows) return;
      const rows = chunk.rows,
        text = chunk.take();
      await db.transaction(async (tx) => {
        if (!created) {
          await tx.execute(createStageSql(stage, shape.names, { dropOnCommit: false }));
          created = true;
        }
        await copyRows(tx, stage, shape.names, text);
      });
      staged += rows;
      await yieldToEventLoop();
    },
    async merge(tx, pause = async () => {}) {
      if (!created) return 0;
      // Slices by page: nothing writes the stage any more, and the last slice is open-ended, so every row is merged once.
      const [size] = await queryRows<{ pages: number }>(
        tx,
        sql.raw(`select (pg_relation_size('${ident(stage)}') / current_setting('block_size')::int)::int as pages`),
      );
      const pages = Math.max(1, size?.pages ?? 1);
      const step = Math.max(1, Math.ceil((pages * mergeRows) / Math.max(1, staged)));
      for (let first = 0; first < pages; first += step) {
        const range =
          `ctid >= '(${first},0)'::tid` + (first + step < pages ? ` and ctid < '(${first + step},0)'::tid` : "");
        await tx.execute(await mergeSql(tx, shape, stage, opts.conflict, "deferred upsert", range));
        await pause();
      }
      return staged;
    },
    async discard() {
      if (created) await db.execute(sql.raw(`drop table if exists ${ident(stage)}`));
      created = false;
    },
  };
}
