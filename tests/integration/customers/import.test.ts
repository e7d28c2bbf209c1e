import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { accounts, featureUsageMonthly, imports, subscriptionLines } from "#db/schema/index";
import { runImport } from "#app/customers/import/engine.server";
import { createTestDatabase, useTestDatabase } from "../../support/test-db";
import { referenceData } from "../../support/reference-data";

const RAVEN = referenceData("ravenstack");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-import-"));
const file = (name: string, text: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
};

describe("CSV import engine", () => {
  const handle = useTestDatabase();
  const count = async (table: string) =>
    Number((await queryRows<{ n: number }>(handle.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);
  beforeAll(async () => {
    await runImport(handle.db, {
      kind: "accounts",
      filePath: file("base-accounts.csv", "account_id,account_name\nA-1,Alpha\nA-2,Beta\n"),
    });
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("handles quoted fields, embedded newlines, a BOM and CRLF line endings", async () => {
    const csv =
      '\uFEFFaccount_id,account_name,industry\r\nA-3,"Gamma, Inc.","Fin\r\nTech"\r\nA-4,"The ""Delta"" Co",Retail\r\n';
    const r = await runImport(handle.db, { kind: "accounts", filePath: file("quoted.csv", csv) });
    expect(r).toMatchObject({ status: "committed", rowsAccepted: 2 });
    const rows = await handle.db
      .select()
      .from(accounts)
      .where(sql`external_id in ('A-3', 'A-4')`)
      .orderBy(accounts.externalId);
    expect(rows.map((a) => [a.name, a.industry])).toEqual([
      ["Gamma, Inc.", "Fin\r\nTech"],
      ['The "Delta" Co', "Retail"],
    ]);
  });

  it("reports every bad row with its row number and writes nothing (all-or-nothing)", async () => {
    const before = await count("subscription_lines");
    const csv = [
      "subscription_id,account_id,start_date,mrr_amount",
      "S-1,A-1,2024-01-01,100",
      "S-2,A-1,2024-13-45,100", // bad date
      "S-3,A-2,2024-01-01,-5", // negative MRR
      "S-4,A-404,2024-01-01,10", // unknown account
      "S-5,A-2,2024-01-01", // wrong column count
    ].join("\n");
    const r = await runImport(handle.db, { kind: "subscriptions", filePath: file("bad-subs.csv", csv) });
    expect(r.status).toBe("rejected");
    expect([...new Set(r.errors.map((e) => e.row))]).toEqual([3, 4, 5, 6]);
    expect(r.errors.find((e) => e.row === 3)!.message).toMatch(/not a valid date/);
    expect(r.errors.find((e) => e.row === 4)!.message).toMatch(/must not be negative/);
    expect(r.errors.find((e) => e.row === 5)!.message).toMatch(/unknown account "A-404"/);
    expect(r.errors.find((e) => e.row === 6 && !e.field)!.message).toMatch(/has 3 columns, expected 4/);
    expect(await count("subscription_lines")).toBe(before);
    const [rec] = await handle.db
      .select()
      .from(imports)
      .where(sql`id = ${r.importId}`);
    expect(rec).toMatchObject({ status: "rejected", rowsAccepted: 0 });
  });

  it("imports the valid rows only when asked to skip invalid ones, keeping the reasons", async () => {
    const csv =
      "subscription_id,account_id,start_date,mrr_amount\nS-10,A-1,2024-01-01,100\nS-11,A-1,01/02/2024,50\nS-12,A-9,2024-01-01,5\n";
    const r = await runImport(handle.db, { kind: "subscriptions", filePath: file("skip.csv", csv), skipInvalid: true });
    expect(r).toMatchObject({ status: "committed", rowsAccepted: 1, rowsRejected: 2 });
    expect(r.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(r.errors[1]!.values).toEqual(["S-12", "A-9", "2024-01-01", "5"]);
  });

  it("parses the chosen date format", async () => {
    const csv = "subscription_id,account_id,start_date,mrr_amount\nS-20,A-2,31/01/2024,70\n";
    expect((await runImport(handle.db, { kind: "subscriptions", filePath: file("uk.csv", csv) })).status).toBe(
      "rejected",
    );
    expect(
      (await runImport(handle.db, { kind: "subscriptions", filePath: file("uk.csv", csv), dateFormat: "dd/MM/yyyy" }))
        .status,
    ).toBe("committed");
    const [line] = await handle.db
      .select()
      .from(subscriptionLines)
      .where(sql`external_id = 'S-20'`);
    expect(line?.startDate).toBe("2024-01-31");
  });

  it("is idempotent: re-importing the same file changes nothing", async () => {
    const csv =
      "subscription_id,account_id,start_date,mrr_amount,seats\nS-30,A-1,2024-02-01,300,10\nS-31,A-2,2024-02-01,200,5\n";
    const f = file("again.csv", csv);
    await runImport(handle.db, { kind: "subscriptions", filePath: f });
    const snapshot = JSON.stringify(
      await handle.db.select().from(subscriptionLines).orderBy(subscriptionLines.externalId),
    );
    await runImport(handle.db, { kind: "subscriptions", filePath: f });
    expect(JSON.stringify(await handle.db.select().from(subscriptionLines).orderBy(subscriptionLines.externalId))).toBe(
      snapshot,
    );
  });

  it("resolves usage rows through their subscription and keeps the monthly rollup", async () => {
    const csv =
      "usage_id,subscription_id,usage_date,feature_name,usage_count\nU-1,S-30,2024-03-01,alerts,5\nU-2,S-30,2024-03-15,alerts,7\nU-3,S-31,2024-03-02,api,1\n";
    const r = await runImport(handle.db, { kind: "feature_usage", filePath: file("usage.csv", csv) });
    expect(r.status).toBe("committed");
    const rollup = await handle.db.select().from(featureUsageMonthly).orderBy(featureUsageMonthly.featureKey);
    expect(rollup.map((m) => [m.featureKey, m.month, m.events])).toEqual([
      ["alerts", "2024-03-01", 12],
      ["api", "2024-03-01", 1],
    ]);
  });

  it("never crashes or writes partially on random CSV input", async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("A-1", "2024-01-01", "-1", "", '"', "\n", "1e309", "true"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        async (rows) => {
          const text = ["subscription_id,account_id,start_date,mrr_amount", ...rows.map((r) => r.join(","))].join("\n");
          const before = await count("subscription_lines");
          let result;
          try {
            result = await runImport(handle.db, { kind: "subscriptions", filePath: file("random.csv", text) });
          } catch (err) {
            // Malformed CSV (e.g. an unclosed quote) is refused with a parser message, never half-written.
            expect(String(err)).toMatch(/quote|CSV|Invalid|record/i);
            expect(await count("subscription_lines")).toBe(before);
            return;
          }
          if (result.status === "rejected") expect(await count("subscription_lines")).toBe(before);
          else expect(await count("subscription_lines")).toBeGreaterThanOrEqual(before);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("imports all five RavenStack files without editing them, row counts matching", async () => {
    const second = await createTestDatabase();
    const db = second.db;
    const kinds = [
      ["accounts", "accounts", 500],
      ["subscriptions", "subscriptions", 5000],
      ["feature_usage", "feature_usage", 25000],
      ["support_tickets", "support_tickets", 2000],
      ["churn_events", "churn_events", 600],
    ] as const;
    for (const [kind, name, rows] of kinds) {
      const r = await runImport(db, {
        kind,
        filePath: path.join(RAVEN, `ravenstack_${name}.csv`),
        source: "ravenstack",
      });
      expect(r, `${kind}: ${JSON.stringify(r.errors.slice(0, 3))}`).toMatchObject({
        status: "committed",
        rowsAccepted: rows,
        rowsRejected: 0,
      });
    }
    const n = async (t: string) =>
      Number((await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${t}`)))[0]!.n);
    expect([
      await n("accounts"),
      await n("subscription_lines"),
      await n("feature_usage"),
      await n("support_tickets"),
      await n("churn_events"),
    ]).toEqual([500, 5000, 25000, 2000, 600]);
    await second.dropDatabase();
  }, 900_000);
});
