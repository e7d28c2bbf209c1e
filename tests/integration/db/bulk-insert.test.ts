import { asc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkInsert } from "#db/bulk-insert";
import { accounts } from "#db/schema/index";
import { useTestDatabase } from "../../support/test-db";

describe("bulkInsert (one JSON parameter per batch)", () => {
  const handle = useTestDatabase();

  it("writes every type the schema uses, and a key a row leaves out keeps its SQL default", async () => {
    await bulkInsert(handle.db, accounts, [
      {
        externalId: "BI-1",
        name: 'Quote "and" ünïcode',
        emailDomains: ["a.example", "b.example"],
        signupDate: "2024-02-29",
        seats: 12,
        isTrial: true,
      },
      {
        externalId: "BI-2",
        name: "Churned",
        status: "churned",
        churnDate: "2025-01-31",
        updatedAt: new Date("2025-02-01T10:00:00Z"),
      },
    ]);
    const rows = await handle.db
      .select()
      .from(accounts)
      .where(sql`external_id like 'BI-%'`)
      .orderBy(asc(accounts.externalId));
    expect(rows.map((r) => [r.name, r.emailDomains, r.signupDate, r.seats, r.isTrial, r.status, r.churnDate])).toEqual([
      ['Quote "and" ünïcode', ["a.example", "b.example"], "2024-02-29", 12, true, "active", null],
      ["Churned", [], null, null, false, "churned", "2025-01-31"],
    ]);
    expect(rows[1]!.updatedAt.toISOString()).toBe("2025-02-01T10:00:00.000Z");
    expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("hands the written column names to an on-conflict clause (upsert of what was sent)", async () => {
    const seen: string[][] = [];
    await bulkInsert(handle.db, accounts, [{ externalId: "BI-1", name: "Renamed", seats: 20 }], (names) => {
      seen.push(names);
      return sql.raw(
        `on conflict (external_id) do update set ${names
          .filter((n) => n !== "external_id")
          .map((n) => `"${n}" = excluded."${n}"`)
          .join(", ")}`,
      );
    });
    expect(seen).toEqual([["external_id", "name", "seats"]]);
    const [row] = await handle.db
      .select()
      .from(accounts)
      .where(sql`external_id = 'BI-1'`);
    expect([row!.name, row!.seats, row!.emailDomains, row!.isTrial]).toEqual([
      "Renamed",
      20,
      ["a.example", "b.example"],
      true,
    ]);
  });

  it("refuses a key that is not a column instead of dropping it, and writes nothing", async () => {
    await expect(
      bulkInsert(handle.db, accounts, [{ externalId: "BI-3", name: "x", lessonId: "nope" }]),
    ).rejects.toThrow(/lessonId is not a column/);
    expect(
      await handle.db
        .select()
        .from(accounts)
        .where(sql`external_id = 'BI-3'`),
    ).toHaveLength(0);
  });
});
