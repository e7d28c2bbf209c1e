import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { copyRows } from "#db/copy-rows";
import type { Tx } from "#db/client";
import { servePglite, type PgliteEndpoint } from "#db/pglite-serve";

/**
 * The server's PGlite served to CLI commands: one PostgreSQL session shared by the server's own
 * queries and every client, so a client's transaction and the server's must never interleave.
 */
describe("PGlite over the PostgreSQL protocol (pglite-serve)", () => {
  let db: PGlite;
  let endpoint: PgliteEndpoint;
  const clients: postgres.Sql[] = [];
  const connect = (password = endpoint.password) => {
    const sql = postgres({
      host: endpoint.host,
      port: endpoint.port,
      user: "postgres",
      password,
      max: 1,
      prepare: false,
      onnotice: () => {},
    });
    clients.push(sql);
    return sql;
  };
  const count = async () => (await db.query<{ n: number }>("select count(*)::int as n from t")).rows[0]!.n;

  beforeAll(async () => {
    db = new PGlite();
    await db.exec("create table t (id int primary key, v text)");
    endpoint = await servePglite(db);
  });
  beforeEach(async () => {
    await db.exec("truncate t");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.end({ timeout: 0 });
  });
  afterAll(async () => {
    await endpoint.close();
    await db.close();
  });

  it("listens on loopback only and refuses a wrong password", async () => {
    expect(endpoint.host).toBe("127.0.0.1");
    await expect(connect("wrong")`select 1`).rejects.toThrow(/password authentication failed/);
    expect((await connect()`select 41 + 1 as n`)[0]!.n).toBe(42);
  });

  it("a server query issued during a client's transaction waits for it (and never runs inside it)", async () => {
    const sql = connect();
    let serverSaw: Promise<number> | undefined;
    await sql
      .begin(async (tx) => {
        await tx`insert into t values (1, 'client, rolled back')`;
        serverSaw = count(); // inside the client's transaction this would see the row
        await tx`select pg_sleep(0.2)`;
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(await serverSaw).toBe(0);
  });

  it("a client statement issued during a server transaction waits for it (and is not rolled back with it)", async () => {
    const sql = connect();
    let clientInsert: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      await tx.query("insert into t values (1, 'server, rolled back')");
      clientInsert = sql`insert into t values (2, 'client')`;
      await new Promise((r) => setTimeout(r, 200));
      await tx.rollback();
    });
    await clientInsert;
    expect((await db.query<{ id: number }>("select id from t")).rows).toEqual([{ id: 2 }]);
  });

  it("two clients' transactions take turns", async () => {
    const [a, b] = [connect(), connect()];
    await Promise.all(
      [0, 1].map((k) =>
        (k ? b : a).begin(async (tx) => {
          for (let i = 0; i < 5; i++) {
            const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from t`;
            await tx`insert into t values (${k * 100 + i}, ${String(n)})`;
          }
        }),
      ),
    );
    // Each transaction saw only its own rows growing: 0…4 in both, never the other's.
    expect((await db.query<{ v: string }>("select v from t order by id")).rows.map((r) => r.v)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
    ]);
  });

  it("COPY FROM STDIN works (PGlite itself aborts on it) and a failing COPY reports its error", async () => {
    const orm = drizzle(connect());
    const copy = (text: string) => orm.transaction((tx) => copyRows(tx as unknown as Tx, "t", ["id", "v"], text));
    await copy("1\tone\n2\ttwo\n");
    expect(await count()).toBe(2);
    await expect(copy("3\tthree\n2\tagain\n")).rejects.toThrow(/COPY into t was rejected/);
    expect(await count()).toBe(2);
    await copy("3\tthree\n"); // the connection and the session are usable again
    expect(await count()).toBe(3);
  });

  it("a client that disconnects inside a transaction is rolled back and frees the session", async () => {
    const sql = connect();
    const reserved = await sql.reserve();
    await reserved`begin`;
    await reserved`insert into t values (9, 'lost')`;
    reserved.release();
    await sql.end({ timeout: 0 });
    expect(await count()).toBe(0);
    expect(db.isInTransaction()).toBe(false);
  });

  it("a client's Terminate (connection end) never keeps the session from the next client or the server", async () => {
    // Each client ends with Terminate right after its statement; before the fix the arbiter could give
    // the session to that Terminate, which PGlite never answers, and every later statement waited forever.
    const within = <T>(p: Promise<T>, what: string) =>
      Promise.race([
        p,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} still waiting after 5 s`)), 5000)),
      ]);
    for (let i = 0; i < 25; i++) {
      const sql = connect();
      let clientInsert: Promise<unknown> | undefined;
      await within(
        db.transaction(async (tx) => {
          await tx.query("select 1");
          clientInsert = sql`insert into t values (${i}, 'client')`;
          await new Promise((r) => setTimeout(r, 10 + (i % 5) * 10));
        }),
        `server transaction ${i}`,
      );
      await within(clientInsert!, `client ${i}'s insert`);
      await sql.end({ timeout: 0 }); // Terminate
      await within(db.query("select 1"), `server query after client ${i} ended`);
    }
    expect(await count()).toBe(25);
  });
});
