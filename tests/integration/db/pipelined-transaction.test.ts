import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { isPipelined, pipelinedTransaction } from "#db/pipelined-transaction";
import { useTestDatabase } from "../../support/test-db";

describe("pipelinedTransaction (BEGIN with the first statement, COMMIT with the last)", () => {
  const handle = useTestDatabase();
  const names = async () =>
    (await queryRows<{ name: string }>(handle.db, sql`select name from pipe_probe order by name`)).map((r) => r.name);
  const insert = (name: string) => sql`insert into pipe_probe (name) values (${name})`;

  beforeAll(async () => {
    await handle.db.execute(sql`create table pipe_probe (name text primary key check (name <> 'bad'))`);
  });

  it("runs the first, middle and last statements in one transaction and commits them", async () => {
    const result = await pipelinedTransaction(handle.db, async ({ tx, begin, commit }) => {
      const [first] = await begin<{ xid: string }>(sql`select txid_current()::text as xid`);
      await tx.execute(insert("a"));
      const [middle] = await queryRows<{ xid: string }>(tx as never, sql`select txid_current()::text as xid`);
      await commit([insert("b"), insert("c")]);
      return { first: first!.xid, middle: middle!.xid };
    });
    expect(result.middle).toBe(result.first); // BEGIN went before the first statement, not after it
    expect(await names()).toEqual(["a", "b", "c"]);
    expect(isPipelined(handle.db)).toBe(handle.kind === "postgres");
  });

  it("a failing last statement rolls back everything before it, and the error reaches the caller", async () => {
    await expect(
      pipelinedTransaction(handle.db, async ({ tx, begin, commit }) => {
        await begin(insert("d"));
        await tx.execute(insert("e"));
        await commit([insert("f"), insert("bad"), insert("g")]);
      }),
    ).rejects.toThrow(/pipe_probe/);
    expect(await names()).toEqual(["a", "b", "c"]);
  });

  it("an error thrown between begin and commit rolls back", async () => {
    await expect(
      pipelinedTransaction(handle.db, async ({ begin }) => {
        await begin(insert("h"));
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await names()).toEqual(["a", "b", "c"]);
  });

  it("a last statement with an undefined parameter is refused before anything is sent", async () => {
    await expect(
      pipelinedTransaction(handle.db, async ({ begin, commit }) => {
        await begin(insert("i"));
        await commit([insert("j"), insert(undefined as unknown as string)]);
      }),
    ).rejects.toThrow();
    expect(await names()).toEqual(["a", "b", "c"]);
  });

  it("returning without commit() commits; commit() before begin() is a programming error", async () => {
    await pipelinedTransaction(handle.db, async ({ begin }) => {
      await begin(insert("k"));
    });
    expect(await names()).toEqual(["a", "b", "c", "k"]);
    if (isPipelined(handle.db)) {
      await expect(pipelinedTransaction(handle.db, async ({ commit }) => commit([insert("l")]))).rejects.toThrow(
        /before begin/,
      );
      expect(await names()).toEqual(["a", "b", "c", "k"]);
    }
  });

  it("leaves the pool usable: many transactions at once each commit their own rows", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        pipelinedTransaction(handle.db, async ({ begin, commit }) => {
          await begin(insert(`p${String(i).padStart(2, "0")}`));
          await commit([insert(`q${String(i).padStart(2, "0")}`)]);
        }),
      ),
    );
    const all = await names();
    expect(all.filter((n) => /^[pq]\d\d$/.test(n))).toHaveLength(80);
  });
});
