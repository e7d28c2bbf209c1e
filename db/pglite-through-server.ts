import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { DbHandle } from "./client";
import * as schema from "./schema/index";
import { isAlive, readLock, type OpenerRecord } from "./pglite-lock";
import { usePreparedStatements } from "./prepared-statements";

/**
 * A PGlite directory that another live process holds. A command (report, import, content:sync …)
 * works through the academy server's database over the PostgreSQL protocol on loopback; a second
 * server, or anything while a command holds the directory, stops with a message saying who holds it.
 *
 * The connection is postgres.js with ONE connection and no named prepared statements: the server's
 * PGlite is a single session shared by the server and every client (pglite-serve.ts), so clients
 * take turns a transaction at a time and must leave no session state (prepared statements) behind.
 */
/** The server released the directory while a command was reaching it (it was stopping): open it again. */
export class ServerWentAway extends Error {
  constructor() {
    super("the academy server stopped");
  }
}

/** The directory as messages name it: relative to the working directory when inside it. */
function shownDir(dir: string) {
  const relative = path.relative(process.cwd(), path.resolve(dir));
  return relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(dir) : `./${relative || "."}`;
}

/** Why a process cannot open `dir`: another command holds it (and held it longer than PGLITE_WAIT_MS). */
export function heldByCommand(dir: string, holder: OpenerRecord): Error {
  return new Error(
    `${holder.command} (pid ${holder.pid}) is using ${shownDir(dir)}; wait for it to finish, or use another PGLITE_DIR`,
  );
}

export async function throughTheServer(dir: string, holder: OpenerRecord, asServer: boolean): Promise<DbHandle> {
  const where = shownDir(dir);
  if (holder.role === "server" && asServer) {
    throw new Error(`the academy server is using ${where} (pid ${holder.pid}); stop it or use another PGLITE_DIR`);
  }
  if (holder.role !== "server") throw heldByCommand(dir, holder);
  // The server publishes its endpoint once it has migrated; while it starts, wait for it.
  let record: OpenerRecord | null = holder;
  for (let waited = 0; !record?.endpoint; waited += 250) {
    if (!record || !isAlive(record))
      throw new Error(`the academy server (pid ${holder.pid}) stopped while starting; run the command again`);
    if (waited === 1000)
      console.error(`[uplift] waiting for the academy server (pid ${holder.pid}) to finish starting…`);
    if (waited > 600_000)
      throw new Error(`the academy server (pid ${holder.pid}) holds ${where} but has not finished starting`);
    await sleep(250);
    record = readLock(dir);
  }
  const { host, port, password } = record.endpoint;
  usePreparedStatements(false);
  const client = postgres({
    host,
    port,
    user: "postgres",
    password,
    database: "postgres",
    max: 1,
    prepare: false,
    onnotice: () => {},
    // A connection waits its turn while the server runs a transaction (e.g. its own import).
    connect_timeout: 600,
  });
  try {
    await client`select 1`;
  } catch (err) {
    await client.end({ timeout: 0 });
    // A server that is stopping closes its endpoint before it releases the directory: wait for that.
    for (let waited = 0; waited < 30_000; waited += 250) {
      const now = readLock(dir);
      if (!now || now.nonce !== record.nonce || !isAlive(now)) throw new ServerWentAway();
      await sleep(250);
    }
    throw new Error(
      `the academy server (pid ${record.pid}) is using ${where} but does not answer on ${host}:${port}: ${err instanceof Error ? err.message : err}`,
    );
  }
  // The server's own view worker (a thread of the same process) connects the same way; it needs no notice.
  if (record.pid !== process.pid)
    console.error(
      `[uplift] the academy server (pid ${record.pid}) is using ${where}: working through it (${host}:${port})`,
    );
  return {
    db: drizzlePostgres(client, { schema }),
    kind: "pglite",
    migrate: async () => {}, // the server migrated before it published the endpoint
    close: () => client.end(),
  };
}
