import { isSingleSession, type Db, type Executor, type Tx } from "./client";

/**
 * A long transaction that leaves the rest of the process running, on databases that are ONE session
 * (PGlite). There, while a transaction is open every other query of the process waits for its COMMIT,
 * and each statement runs synchronously on the process's only thread: the import's final merge and
 * rollup refresh (seconds on 300k rows) kept /healthz and the import's own progress page waiting 9 s.
 *
 * So the work runs as short statements with `pause()` between them. A pause gives the event loop a
 * share of the time the work just held it (below): requests are read, routed and answered from memory,
 * and the reads that asked to run beside the open transaction (`readBesideTransaction`) run inside it,
 * one after the other, each in a savepoint (a reader's error never aborts the transaction). They are
 * meant for reads of things the transaction does not write (select 1, the session lookup): inside it
 * they see exactly the committed state. Everything else still waits for the COMMIT: the transaction
 * stays one transaction, all-or-nothing, and a kill at any moment leaves nothing of it.
 *
 * On PostgreSQL (a pool of sessions) this is a plain `db.transaction` and `pause()` does nothing.
 */
type Reader = (executor: Executor) => Promise<void>;
interface Open {
  /** Reads waiting for the next pause. */
  waiting: Reader[];
  /** Set while the work is paused: reads then start at once. */
  admit?: (read: Reader) => void;
}
const openOn = new WeakMap<Db, Open>();

/**
 * Each pause lasts a share of the time the work held the thread since the last one (bounded): long
 * enough for the event loop to take several turns — accepting a connection, parsing, routing and
 * answering a request take a few — so the requests that queued meanwhile are answered in one pause.
 */
const PAUSE_SHARE = 0.25;
const PAUSE_MIN_MS = 5;
const PAUSE_MAX_MS = 100;

export async function pausingTransaction<T>(
  db: Db,
  work: (tx: Tx, pause: () => Promise<void>) => Promise<T>,
): Promise<T> {
  if (!isSingleSession(db)) return db.transaction((tx) => work(tx, async () => {}));
  const open: Open = { waiting: [] };
  try {
    return await db.transaction(async (tx) => {
      openOn.set(db, open);
      let resumed = performance.now();
      return work(tx, async () => {
        const held = performance.now() - resumed;
        // Reads run one after the other, each in a savepoint (its error never aborts the transaction).
        let reads = Promise.resolve();
        open.admit = (read) => {
          reads = reads.then(() => tx.transaction((savepoint) => read(savepoint)).catch(() => {}));
        };
        for (const read of open.waiting.splice(0)) open.admit(read);
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(PAUSE_MAX_MS, Math.max(PAUSE_MIN_MS, held * PAUSE_SHARE))),
        );
        open.admit = undefined;
        await reads; // the work's next statement never interleaves with a read's savepoint
        resumed = performance.now();
      });
    });
  } finally {
    if (openOn.get(db) === open) openOn.delete(db);
    // Reads still waiting run on the database itself now that the transaction has ended.
    for (const read of open.waiting.splice(0)) void read(db).catch(() => {});
  }
}

/**
 * Runs `read` on the database; while a pausing transaction is open on it (PGlite), inside that
 * transaction during its current or next pause instead of after its COMMIT. Only for reads of tables
 * that transaction does not write. `read` receives the executor to use (the database, or a savepoint).
 */
export function readBesideTransaction<T>(db: Db, read: (executor: Executor) => Promise<T>): Promise<T> {
  const open = openOn.get(db);
  if (!open) return read(db);
  return new Promise<T>((resolve, reject) => {
    const reader: Reader = async (executor) => {
      try {
        resolve(await read(executor));
      } catch (err) {
        reject(err);
        throw err; // rolls the reader's savepoint back
      }
    };
    if (open.admit) open.admit(reader);
    else open.waiting.push(reader);
  });
}
