import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { accounts, featureUsage } from "#db/schema/index";
import { runImport, type ImportProgress } from "#app/customers/import/engine.server";
import { useTestDatabase } from "../../support/test-db";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-import-values-"));
const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** Values that break naive CSV, COPY or JSON handling; each must come back byte for byte. */
const NASTY = [
  "comma, inside",
  'double "quotes"',
  "tab\there",
  "new\nline",
  "crlf\r\nline",
  "back\\slash",
  "\\N",
  "\\.",
  "ends\\",
  "ünïcödé 日本語 🚀",
  "{braces},[brackets]",
  "semi;colon|pipe",
  "'single'",
  "=formula",
];

describe("CSV import keeps every value exactly (COPY staging)", () => {
  const handle = useTestDatabase();
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("round-trips commas, quotes, tabs, newlines, backslashes and unicode, and re-importing changes nothing", async () => {
    const lines = [
      "account_id,account_name,industry,country",
      ...NASTY.map((v, i) => [`V-${i}`, csvCell(v), csvCell(`${v} industry`), csvCell(v.trim())].join(",")),
    ];
    const file = path.join(tmp, "nasty-accounts.csv");
    fs.writeFileSync(file, lines.join("\r\n"));
    const r = await runImport(handle.db, { kind: "accounts", filePath: file });
    expect(r, JSON.stringify(r.errors)).toMatchObject({ status: "committed", rowsAccepted: NASTY.length });
    const read = async () =>
      (
        await handle.db
          .select()
          .from(accounts)
          .where(sql`external_id like 'V-%'`)
      ).sort((a, b) => Number(a.externalId.slice(2)) - Number(b.externalId.slice(2)));
    const back = await read();
    expect(back.map((a) => [a.name, a.industry, a.country])).toEqual(NASTY.map((v) => [v, `${v} industry`, v]));
    await runImport(handle.db, { kind: "accounts", filePath: file });
    expect(await read()).toEqual(back);

    const usage = [
      "usage_id,account_id,usage_date,feature_name,usage_count",
      ...NASTY.map((v, i) => [csvCell(`id ${v}`), `V-${i}`, "2025-01-15", csvCell(`f ${v}`), i].join(",")),
    ];
    const usageFile = path.join(tmp, "nasty-usage.csv");
    fs.writeFileSync(usageFile, usage.join("\n"));
    const u = await runImport(handle.db, { kind: "feature_usage", filePath: usageFile });
    expect(u, JSON.stringify(u.errors)).toMatchObject({ status: "committed", rowsAccepted: NASTY.length });
    const rows = await handle.db.select().from(featureUsage).orderBy(featureUsage.events);
    expect(rows.map((f) => [f.featureKey, f.events, f.usageDate])).toEqual(
      NASTY.map((v, i) => [`f ${v}`, i, "2025-01-15"]),
    );
    expect(rows.every((f, i) => f.externalId.startsWith(`id ${NASTY[i]}|`))).toBe(true);
  });

  it("a file with one bad row at the end writes nothing, even after full chunks went out", async () => {
    const count = async () =>
      (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from feature_usage`))[0]!.n;
    const n0 = await count();
    const lines = ["usage_id,account_id,usage_date,feature_name,usage_count"];
    for (let i = 0; i < 45_000; i++)
      lines.push(`W-${i},V-0,2025-02-${String(1 + (i % 28)).padStart(2, "0")},alerts,${i % 9}`);
    lines.push("W-bad,V-0,2025-02-30,alerts,1");
    const file = path.join(tmp, "late-error.csv");
    fs.writeFileSync(file, lines.join("\n"));
    const r = await runImport(handle.db, { kind: "feature_usage", filePath: file });
    expect(r.status).toBe("rejected");
    expect(r.errors.map((e) => e.row)).toEqual([45_002]);
    expect(await count()).toBe(n0);
    const progress: ImportProgress[] = [];
    const skipped = await runImport(handle.db, {
      kind: "feature_usage",
      filePath: file,
      skipInvalid: true,
      onProgress: (p) => progress.push({ ...p }),
    });
    expect(skipped).toMatchObject({ status: "committed", rowsAccepted: 45_000, rowsRejected: 1 });
    expect(await count()).toBe(n0 + 45_000);
    // The import refreshed the planner's statistics of what it wrote (PGlite never autoanalyzes).
    const stats = await queryRows<{ relname: string; reltuples: number }>(
      handle.db,
      sql`
      select relname, reltuples::float8 as reltuples from pg_class where relname in ('feature_usage', 'feature_usage_monthly') order by relname`,
    );
    expect(stats[0]!.reltuples).toBeGreaterThan((n0 + 45_000) * 0.9);
    expect(stats[0]!.reltuples).toBeLessThan((n0 + 45_000) * 1.1);
    expect(stats[1]!.reltuples).toBeGreaterThan(0);
    // The progress page's figures: rows so far and the share of the file read, then the finishing step.
    expect(progress.map((p) => [p.phase, p.rows])).toEqual([
      ["reading", 0],
      ["reading", 10_000],
      ["reading", 20_000],
      ["reading", 30_000],
      ["reading", 40_000],
      ["finishing", 45_001],
    ]);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[0]).toBe(0);
    expect(fractions[1]).toBeGreaterThan(0);
    expect(fractions[1]).toBeLessThan(1);
    expect(fractions.at(-1)).toBe(1);
  });
});
