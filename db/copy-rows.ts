import type { Writable } from "node:stream";
import type { Tx } from "./client";
import { ident } from "./sql-ident";

/**
 * `COPY table (columns) FROM STDIN` inside a drizzle transaction, on either driver. Drizzle has no
 * COPY, so this reaches the driver's own transaction handle, which drizzle keeps on `tx.session.client`
 * (postgres.js: the reserved TransactionSql; PGlite: its Transaction). That is not public API, so the
 * shape is checked and anything unexpected fails loudly instead of writing outside the transaction.
 */

interface PostgresJsTx {
  unsafe(query: string): { writable(): Promise<Writable> } & PromiseLike<unknown>;
}
interface PgliteTx {
  query(query: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

function driverOf(tx: Tx): { kind: "postgres"; client: PostgresJsTx } | { kind: "pglite"; client: PgliteTx } {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  const has = (name: string) => typeof (client as Record<string, unknown> | undefined)?.[name] === "function";
  if (typeof client === "function" && has("unsafe"))
    return { kind: "postgres", client: client as unknown as PostgresJsTx };
  if (typeof client === "object" && has("query") && has("rollback"))
    return { kind: "pglite", client: client as unknown as PgliteTx };
  throw new Error("copyRows: not a postgres.js or PGlite drizzle transaction");
}

/** Appends COPY text lines (see copy-text.ts; a string or its UTF-8 bytes) to a table, in the transaction `tx`. */
export async function copyRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  text: string | Buffer,
): Promise<void> {
  if (!text.length) return;
  const target = `${ident(table)} (${columns.map(ident).join(", ")})`;
  const driver = driverOf(tx);
  if (driver.kind === "pglite") {
    // PGlite reads COPY data from the query's blob, exposed to the server as /dev/blob.
    await driver.client.query(`copy ${target} from '/dev/blob'`, [], {
      blob: new Blob([text as string | Uint8Array<ArrayBuffer>]),
    });
    return;
  }
  const stream = await driver.client.unsafe(`copy ${target} from stdin`).writable();
  const finished = new Promise<void>((resolve, reject) => {
    stream.once("error", reject);
    stream.once("finish", () => resolve());
  });
  finished.catch(() => {}); // awaited below, or superseded by the follow-up query's error
  // postgres.js 3.4 never settles the stream when the server rejects the COPY after the stream has
  // ended (porsager/postgres#1173): the transaction would hang instead of rolling back. So once
  // postgres.js has sent CopyDone (its _final), queue a trivial query behind the COPY on the same
  // connection: it always settles, and fails if the COPY aborted the transaction. A rejection that
  // arrives while data is still being sent destroys the stream and rejects `finished` directly.
  const internal = stream as Writable & { _final?: (callback: (err?: Error | null) => void) => void };
  const postgresFinal = internal._final;
  if (typeof postgresFinal !== "function") throw new Error("copyRows: unexpected postgres.js COPY stream");
  const copyDoneSent = new Promise<void>((resolve) => {
    internal._final = (callback) => {
      postgresFinal.call(stream, callback);
      resolve();
    };
  });
  stream.end(text);
  await Promise.race([copyDoneSent, finished]);
  try {
    await driver.client.unsafe("select 1");
  } catch (err) {
    // 25P02 "transaction is aborted": the COPY failed and postgres.js dropped the server's reason.
    if ((err as { code?: string }).code === "25P02")
      throw new Error(
        `COPY into ${table} was rejected by the server (postgres.js does not report why: porsager/postgres#1173)`,
        { cause: err },
      );
    throw err;
  }
  await finished;
}
