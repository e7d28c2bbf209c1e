import crypto from "node:crypto";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";

/**
 * Serves the server's own PGlite over the PostgreSQL wire protocol on 127.0.0.1, so CLI commands
 * (import, report, content:sync …) can use the running server's database instead of opening its
 * directory a second time (two PGlite openers of one directory can leave it unstartable).
 *
 * PGlite is ONE PostgreSQL session. @electric-sql/pglite-socket frames messages and queues them, but
 * its queue takes only PGlite's query lock per message: the server's own queries (drizzle → PGlite)
 * could then run between a client's Parse and Sync, or inside a client's open transaction, and the
 * client's statements inside the server's. So this queue, the SessionArbiter, gives a client the
 * session the way PGlite's own `transaction()` does: it takes PGlite's transaction lock at the client's
 * first message and keeps it until the backend answers ReadyForQuery "idle" (Z/I): the end of an
 * extended-query sequence, a COPY, or a transaction. Clients therefore take turns with each other and
 * with the server's own queries, a whole transaction at a time — like connections waiting on a lock.
 *
 * Access: loopback only, and a password (a random token the server writes into the lock file, mode
 * 0600): another local user cannot read the database through the socket any more than its files.
 */

type QueryQueue = PGLiteSocketHandlerOptions["queryQueue"];
interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
}

const msg = (type: string, body: Buffer = Buffer.alloc(0)) => {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const SYNC = msg("S");
const ROLLBACK = msg("Q", Buffer.from("rollback\0"));
const COPY_FROM_STDIN = /^\s*copy\s+([\s\S]+?)\s+from\s+stdin\b([\s\S]*?);?\s*$/i;
const COPY_FROM_STDIN_ANYWHERE = /\bcopy\b[\s\S]*\bfrom\s+stdin\b/i;
const cString = (bytes: Uint8Array, from: number) => {
  const end = bytes.indexOf(0, from);
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, (end < 0 ? bytes.length : end) - from).toString("utf8");
};
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;
const errorResponse = (code: string, message: string) =>
  msg("E", Buffer.from(`SERROR\0VERROR\0C${code}\0M${message}\0\0`));

export class SessionArbiter {
  private queue: Pending[] = [];
  private processing = false;
  /** The client that holds the session (PGlite's transaction lock), and how to give it back. */
  private owner: number | null = null;
  private release: (() => void) | null = null;
  /** Clients in an emulated COPY FROM STDIN: the statement to run on CopyDone, and the data so far. */
  private copyIn = new Map<number, { query: string; parts: Uint8Array[] }>();
  /** Clients whose refused extended-protocol message is followed by messages to skip until Sync. */
  private skipToSync = new Set<number>();
  /** Clients that disconnected while process() may still be running (or waiting to run) their message. */
  private gone = new Set<number>();

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  private async acquire(handlerId: number) {
    await new Promise<void>((acquired) => {
      void this.db._runExclusiveTransaction(
        () =>
          new Promise<void>((release) => {
            this.release = release;
            acquired();
          }),
      );
    });
    this.owner = handlerId;
  }

  private giveBack() {
    this.owner = null;
    const release = this.release;
    this.release = null;
    release?.();
  }

  private async process() {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length) {
        // While a client holds the session only its messages run; the others wait their turn.
        const i = this.owner === null ? 0 : this.queue.findIndex((p) => p.handlerId === this.owner);
        if (i < 0) break; // the owner's next message will restart processing
        const item = this.queue.splice(i, 1)[0]!;
        if (item.message[0] === 0x58) {
          // Terminate: PGlite's session outlives every client, so it never sees one. A client that
          // leaves inside its transaction or extended-query sequence gives the session back rolled back.
          if (this.owner === item.handlerId) await this.endSession(item.handlerId);
          item.resolve(0);
          continue;
        }
        if (this.owner === null) await this.acquire(item.handlerId);
        try {
          const tail = await this.execute(item);
          // ReadyForQuery "idle": the client has no statement, COPY or transaction open.
          if (tail.length === 6 && tail[0] === 0x5a && tail.readInt32BE(1) === 5 && tail[5] === 0x49) this.giveBack();
        } catch (err) {
          item.reject(err);
        }
        // The client disconnected while its message waited for or held the session: nobody will end it.
        if (this.owner === item.handlerId && this.gone.has(item.handlerId)) await this.endSession(item.handlerId);
      }
    } finally {
      this.processing = false;
      this.gone.clear(); // none of their messages is left to run
    }
  }

  /** Ends what a departed client left open (extended-query sequence, COPY, transaction) and frees the session. */
  private async endSession(handlerId: number) {
    this.copyIn.delete(handlerId);
    this.skipToSync.delete(handlerId);
    try {
      await this.db.runExclusive(async () => {
        await this.db.execProtocolRaw(SYNC, { syncToFs: false }); // ends an unfinished extended-query sequence
        if (this.db.isInTransaction()) await this.db.execProtocolRaw(ROLLBACK);
      });
    } catch {
      // PGlite is closing (the server stops): there is no session left to clean.
    } finally {
      if (this.owner === handlerId) this.giveBack();
    }
  }

  /** Runs one client message; returns the last 6 bytes of the answer (where a ReadyForQuery would be). */
  private async execute(item: Pending): Promise<Buffer> {
    const { handlerId, message } = item;
    const type = String.fromCharCode(message[0]!);
    const copy = this.copyIn.get(handlerId);
    if (copy) {
      // COPY FROM STDIN, emulated: PGlite aborts the whole process on it, but reads COPY data from a blob.
      if (type === "d") copy.parts.push(message.slice(5));
      if (type === "c" || type === "f") {
        this.copyIn.delete(handlerId);
        const query =
          type === "c"
            ? copy.query
            : `do $$ begin raise exception 'COPY from stdin failed: %', ${quoteLiteral(cString(message, 5))}; end $$`;
        return this.run(
          item,
          msg("Q", Buffer.from(`${query}\0`)),
          type === "c" ? new Blob(copy.parts as BlobPart[]) : undefined,
        );
      }
      item.resolve(0); // CopyData, or Flush/Sync, which the backend ignores during COPY too
      return Buffer.alloc(0);
    }
    if (this.skipToSync.has(handlerId)) {
      if (type !== "S") {
        item.resolve(0);
        return Buffer.alloc(0);
      }
      this.skipToSync.delete(handlerId);
    }
    if (type === "Q") {
      const m = COPY_FROM_STDIN.exec(cString(message, 5));
      if (m) {
        this.copyIn.set(handlerId, { query: `copy ${m[1]} from '/dev/blob'${m[2] ?? ""}`, parts: [] });
        item.onData(msg("G", Buffer.from([0, 0, 0]))); // CopyInResponse: text format
        item.resolve(0);
        return Buffer.alloc(0);
      }
    }
    if (type === "P" && COPY_FROM_STDIN_ANYWHERE.test(cString(message, 5))) {
      // Parse of a COPY FROM STDIN (extended protocol): refuse it and skip to the client's Sync.
      this.skipToSync.add(handlerId);
      item.onData(errorResponse("0A000", "COPY FROM STDIN through the academy server needs the simple query protocol"));
      item.resolve(0);
      return Buffer.alloc(0);
    }
    return this.run(item, message);
  }

  private async run(item: Pending, message: Uint8Array, blob?: Blob): Promise<Buffer> {
    let bytes = 0;
    let tail = Buffer.alloc(0);
    await this.db.runExclusive(async () => {
      if (blob) await this.db._handleBlob(blob);
      try {
        await this.db.execProtocolRawStream(message, {
          onRawData: (data) => {
            bytes += data.length;
            tail = Buffer.concat([tail, Buffer.from(data)]).subarray(-6);
            item.onData(data);
          },
        });
      } finally {
        if (blob) await this.db._cleanupBlob();
      }
    });
    item.resolve(bytes);
    return tail;
  }

  clearQueueForHandler(handlerId: number) {
    this.gone.add(handlerId);
    this.queue = this.queue.filter((p) => {
      if (p.handlerId !== handlerId) return true;
      p.reject(new Error("client disconnected"));
      return false;
    });
  }

  /**
   * A client that disconnects: if it holds the session, end its COPY, query and transaction now; if its
   * message is still being run or waits for PGlite's lock, process() ends the session after it.
   */
  async clearTransactionIfNeeded(handlerId: number) {
    if (this.processing) return;
    this.gone.delete(handlerId);
    if (this.owner === handlerId) {
      await this.endSession(handlerId);
      void this.process();
    }
  }
}

export interface PgliteEndpoint {
  host: string;
  port: number;
  password: string;
  close(): Promise<void>;
}

/** Reads one startup packet (after an SSLRequest, answered "no"), asks for the password and checks it. */
function authenticate(socket: net.Socket, password: string): Promise<Buffer | null> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let startup: Buffer | null = null;
    const done = (result: Buffer | null) => {
      socket.off("data", onData);
      clearTimeout(timer);
      if (!result) socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(null), 10_000);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!startup) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (length < 8 || length > 10_000) return done(null);
          if (buffer.length < length) return;
          const packet = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (packet.readInt32BE(4) === 80877103) {
            socket.write("N");
            continue;
          } // SSLRequest
          startup = Buffer.from(packet);
          socket.write(msg("R", Buffer.from([0, 0, 0, 3]))); // AuthenticationCleartextPassword
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1) + 1;
        if (buffer[0] !== 0x70 || length > 10_000) return done(null);
        if (buffer.length < length) return;
        const given = buffer.subarray(5, length - 1);
        const ok = given.length === Buffer.byteLength(password) && crypto.timingSafeEqual(given, Buffer.from(password));
        if (!ok) {
          const fields = Buffer.from("SFATAL\0C28P01\0Mpassword authentication failed\0\0");
          socket.end(msg("E", fields));
          return done(null);
        }
        if (buffer.length > length) return done(null); // nothing may follow before the server answers
        return done(startup);
      }
    };
    socket.on("data", onData);
  });
}

/** Starts serving `db` on 127.0.0.1 (a free port); connections need the returned password. */
export async function servePglite(
  db: PGlite,
  opts: { maxConnections?: number; idleTimeoutMs?: number } = {},
): Promise<PgliteEndpoint> {
  const arbiter = new SessionArbiter(db);
  const password = crypto.randomBytes(24).toString("base64url");
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    void authenticate(socket, password).then(async (startup) => {
      if (!startup) return;
      const handler = new PGLiteSocketHandler({
        queryQueue: arbiter as unknown as QueryQueue,
        closeOnDetach: true,
        idleTimeout: opts.idleTimeoutMs ?? 300_000,
      });
      await handler.attach(socket);
      socket.emit("data", startup); // the startup packet, now for PGlite: it answers AuthenticationOk … ReadyForQuery
    });
  });
  server.maxConnections = opts.maxConnections ?? 16;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    host: "127.0.0.1",
    port,
    password,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
