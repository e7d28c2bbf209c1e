import { asc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { copyRows } from "#db/copy-rows";
import { openStagedUpsert } from "#db/staged-upsert";
import { accounts, supportTickets } from "#db/schema/index";
import { useTestDatabase } from "../../support/test-db";

const NASTY = [
  "comma, inside",
  'double "quotes"',
  "tab\there",
  "new\nline",
  "crlf\r\nline",
  "back\\slash",
  "\\N",
  "\\.",
  "{braces}",
  "ünïcödé 日本語 🚀",
  "",
];

describe("staged upsert (COPY into a staging table, one merge per chunk)", () => {
  const handle = useTestDatabase();

  it("writes every type the writers use, nasty text exactly, across several chunks, then updates on conflict", async () => {
    const rows = NASTY.map((name, i) => ({
      externalId: `SU-${i}`,
      name,
      emailDomains: [name, "b.example"],
      signupDate: "2024-02-29",
      seats: i,
      isTrial: i % 2 === 0,
      churnDate: null,
      status: "active",
    }));
    const written: number[] = [];
    const count = await handle.db.transaction(async (tx) => {
      const stage = openStagedUpsert(tx, accounts, {
        conflict: "external_id",
        chunkRows: 3,
        onWritten: (n) => written.push(n),
      });
      for (const r of rows) if (stage.add(r)) await stage.flush();
      return stage.finish();
    });
    expect(count).toBe(NASTY.length);
    expect(written.at(-1)).toBe(NASTY.length);
    const back = await handle.db
      .select()
      .from(accounts)
      .where(sql`external_id like 'SU-%'`)
      .orderBy(asc(accounts.seats));
    expect(
      back.map((a) => [a.externalId, a.name, a.emailDomains, a.signupDate, a.seats, a.isTrial, a.churnDate]),
    ).toEqual(rows.map((r) => [r.externalId, r.name, r.emailDomains, "2024-02-29", r.seats, r.isTrial, null]));
    // Same keys again with changed values: updated in place, nothing duplicated.
    await handle.db.transaction(async (tx) => {
      const stage = openStagedUpsert(tx, accounts, { conflict: "external_id" });
      for (const r of rows) stage.add({ ...r, name: `${r.name}!`, seats: r.seats + 100 });
      await stage.finish();
    });
    const again = await handle.db
      .select()
      .from(accounts)
      .where(sql`external_id like 'SU-%'`)
      .orderBy(asc(accounts.seats));
    expect(again.map((a) => [a.name, a.seats])).toEqual(rows.map((r) => [`${r.name}!`, r.seats + 100]));
  });

  it("writes timestamps and numerics; a value the column refuses fails the transaction with PostgreSQL's message", async () => {
    const [acc] = await handle.db.select({ id: accounts.id }).from(accounts).limit(1);
    await handle.db.transaction(async (tx) => {
      const stage = openStagedUpsert(tx, supportTickets, { conflict: "external_id" });
      stage.add({
        accountId: acc!.id,
        externalId: "SU-T1",
        openedAt: new Date("2025-03-01T08:30:00.123Z"),
        closedAt: null,
        resolutionHours: 1.25,
        satisfaction: 4.5,
        escalated: true,
      });
      await stage.finish();
    });
    const [t] = await handle.db
      .select()
      .from(supportTickets)
      .where(sql`external_id = 'SU-T1'`);
    expect([t!.openedAt.toISOString(), t!.closedAt, t!.resolutionHours, t!.satisfaction, t!.escalated]).toEqual([
      "2025-03-01T08:30:00.123Z",
      null,
      1.25,
      4.5,
      true,
    ]);
    const before = await handle.db.select().from(supportTickets);
    await expect(
      handle.db.transaction(async (tx) => {
        const stage = openStagedUpsert(tx, supportTickets, { conflict: "external_id", chunkRows: 1 });
        stage.add({
          accountId: acc!.id,
          externalId: "SU-T2",
          openedAt: new Date("2025-03-02T00:00:00Z"),
          closedAt: null,
          resolutionHours: 2,
          satisfaction: 1,
          escalated: false,
        });
        stage.add({
          accountId: acc!.id,
          externalId: "SU-T3",
          openedAt: new Date("2025-03-02T00:00:00Z"),
          closedAt: null,
          resolutionHours: 2,
          satisfaction: 123456,
          escalated: false,
        });
        await stage.finish();
      }),
    ).rejects.toSatisfy((err: Error) =>
      /overflow/i.test(`${err.message} ${(err.cause as Error | undefined)?.message}`),
    );
    expect(await handle.db.select().from(supportTickets)).toEqual(before);
  });

  it("a COPY the server rejects fails and rolls back instead of hanging (postgres.js#1173), and the database stays usable", async () => {
    for (const rows of [1, 50_000]) {
      const started = Date.now();
      await expect(
        handle.db.transaction(async (tx) => {
          await tx.execute(sql`create temp table copy_fail (n int not null) on commit drop`);
          await copyRows(tx, "copy_fail", ["n"], "1\n".repeat(rows) + "not a number\n");
        }),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(30_000);
    }
    const ok = await handle.db.execute(sql`select 1 as ok`);
    expect(JSON.stringify(ok)).toContain("ok");
  });

  it("refuses rows whose columns differ from the first row's", async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        const stage = openStagedUpsert(tx, accounts, { conflict: "external_id" });
        stage.add({ externalId: "SU-X1", name: "one" });
        stage.add({ externalId: "SU-X2", name: "two", seats: 3 });
        await stage.finish();
      }),
    ).rejects.toThrow(/different columns/);
  });
});
