import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db } from "#db/index";
import { generateCustomerData } from "#app/customers/generator/index.server";
import { createDb } from "#db/client";
import { syncFixtureContent } from "../../support/content";

/** A content-independent fingerprint of every generated row (ids included). */
async function fingerprint(db: Db) {
  const parts: string[] = [];
  for (const [table, order] of [["accounts", "external_id"], ["users", "email"], ["lesson_progress", "user_id, lesson_id"], ["subscription_lines", "external_id"], ["revenue_movements", "external_id"], ["feature_usage", "external_id"], ["support_tickets", "external_id"], ["feedback_responses", "external_id"]] as const) {
    const rows = await queryRows(db, sql.raw(`select * from ${table} order by ${order}`));
    parts.push(JSON.stringify(rows.map((r) => { const { created_at: _c, updated_at: _u, id: _id, ...rest } = r as Record<string, unknown>; return table === "accounts" || table === "users" ? { ...rest, id: _id } : rest; })));
  }
  return crypto.createHash("sha256").update(parts.join("\n")).digest("hex");
}

async function freshDb() {
  const h = await createDb({ kind: "pglite" });
  await h.migrate();
  await syncFixtureContent(h.db);
  return h;
}

describe("customer data generator", () => {
  const handles: Awaited<ReturnType<typeof freshDb>>[] = [];
  beforeAll(async () => { for (let i = 0; i < 3; i++) handles.push(await freshDb()); });
  afterAll(async () => { for (const h of handles) await h.close(); });

  it("is deterministic: the same seed gives identical data, another seed different data", async () => {
    const [a, b, c] = handles as [Awaited<ReturnType<typeof freshDb>>, Awaited<ReturnType<typeof freshDb>>, Awaited<ReturnType<typeof freshDb>>];
    const ra = await generateCustomerData(a.db, { accounts: 30, months: 12, seed: 7 });
    const rb = await generateCustomerData(b.db, { accounts: 30, months: 12, seed: 7 });
    await generateCustomerData(c.db, { accounts: 30, months: 12, seed: 8 });
    expect(ra).toEqual(rb);
    expect(await fingerprint(a.db)).toBe(await fingerprint(b.db));
    expect(await fingerprint(a.db)).not.toBe(await fingerprint(c.db));
  });

  it("keeps revenue lines and movements consistent: net movements equal revenue at the end of the window", async () => {
    const db = handles[0]!.db;
    const [row] = await queryRows<{ movements: string; revenue: string }>(db, sql`
      select (select coalesce(sum(amount), 0) from revenue_movements) as movements,
             (select coalesce(sum(mrr), 0) from subscription_lines where start_date <= '2026-10-31' and (end_date is null or end_date > '2026-10-31')) as revenue`);
    expect(Number(row!.movements)).toBeCloseTo(Number(row!.revenue), 0);
  });

  it("plants the training effect: trained accounts complete courses, untrained ones never do", async () => {
    const db = handles[0]!.db;
    const rows = await queryRows<{ trained: boolean; n: number }>(db, sql`
      select exists(select 1 from lesson_progress p where p.account_id = a.id and p.status = 'completed') as trained, count(*)::int as n
      from accounts a group by 1`);
    const trained = rows.find((r) => r.trained)?.n ?? 0;
    const untrained = rows.find((r) => !r.trained)?.n ?? 0;
    expect(trained).toBeGreaterThan(0);
    expect(untrained).toBeGreaterThan(0);
    // Adoption: average active users ÷ seats is higher in trained accounts in the last month.
    const [adoption] = await queryRows<{ trained: number; untrained: number }>(db, sql`
      with last as (select a.id, a.seats, exists(select 1 from lesson_progress p where p.account_id = a.id and p.status = 'completed') as trained,
                      (select avg(u.active_users) from feature_usage u where u.account_id = a.id and u.usage_date = '2026-10-01') as users
                    from accounts a)
      select avg(users / seats) filter (where trained)::float as trained, avg(users / seats) filter (where not trained)::float as untrained from last where users is not null`);
    expect(adoption!.trained).toBeGreaterThan(adoption!.untrained);
  });
});
