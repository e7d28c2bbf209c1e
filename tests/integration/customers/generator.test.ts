import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db } from "#db/index";
import { generateCustomerData, lastCompleteMonthEnd } from "#app/customers/generator/index.server";
import { createDb } from "#db/client";
import { syncFixtureContent } from "../../support/content";

/** A content-independent fingerprint of every generated row (ids included). */
async function fingerprint(db: Db) {
  const parts: string[] = [];
  for (const [table, order] of [
    ["accounts", "external_id"],
    ["users", "email"],
    ["lesson_progress", "user_id, lesson_id"],
    ["subscription_lines", "external_id"],
    ["revenue_movements", "external_id"],
    ["feature_usage", "external_id"],
    ["support_tickets", "external_id"],
    ["feedback_responses", "external_id"],
  ] as const) {
    const rows = await queryRows(db, sql.raw(`select * from ${table} order by ${order}`));
    parts.push(
      JSON.stringify(
        rows.map((r) => {
          const { created_at: _c, updated_at: _u, id: _id, ...rest } = r as Record<string, unknown>;
          return table === "accounts" || table === "users" ? { ...rest, id: _id } : rest;
        }),
      ),
    );
  }
  return crypto.createHash("sha256").update(parts.join("\n")).digest("hex");
}

async function freshDb() {
  const h = await createDb({ kind: "pglite" });
  await h.migrate();
  await syncFixtureContent(h.db);
  return h;
}

const END = "2026-10-31";

describe("customer data generator", () => {
  const handles: Awaited<ReturnType<typeof freshDb>>[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) handles.push(await freshDb());
  });
  afterAll(async () => {
    for (const h of handles) await h.close();
  });

  it("is deterministic: the same seed gives identical data, another seed different data", async () => {
    const [a, b, c] = handles as [
      Awaited<ReturnType<typeof freshDb>>,
      Awaited<ReturnType<typeof freshDb>>,
      Awaited<ReturnType<typeof freshDb>>,
    ];
    const ra = await generateCustomerData(a.db, { accounts: 30, months: 12, seed: 7, endDate: END });
    const rb = await generateCustomerData(b.db, { accounts: 30, months: 12, seed: 7, endDate: END });
    await generateCustomerData(c.db, { accounts: 30, months: 12, seed: 8, endDate: END });
    expect(ra).toEqual(rb);
    expect(await fingerprint(a.db)).toBe(await fingerprint(b.db));
    expect(await fingerprint(a.db)).not.toBe(await fingerprint(c.db));
  });

  it("keeps revenue lines and movements consistent: net movements equal revenue at the end of the window", async () => {
    const db = handles[0]!.db;
    const [row] = await queryRows<{ movements: string; revenue: string }>(
      db,
      sql`
      select (select coalesce(sum(amount), 0) from revenue_movements) as movements,
             (select coalesce(sum(mrr), 0) from subscription_lines where start_date <= '2026-10-31' and (end_date is null or end_date > '2026-10-31')) as revenue`,
    );
    expect(Number(row!.movements)).toBeCloseTo(Number(row!.revenue), 0);
  });

  it("plants the training effect: trained accounts complete courses, untrained ones never do", async () => {
    const db = handles[0]!.db;
    const rows = await queryRows<{ trained: boolean; n: number }>(
      db,
      sql`
      select exists(select 1 from certificates ce where ce.account_id = a.id) as trained, count(*)::int as n
      from accounts a group by 1`,
    );
    const trained = rows.find((r) => r.trained)?.n ?? 0;
    const untrained = rows.find((r) => !r.trained)?.n ?? 0;
    expect(trained).toBeGreaterThan(0);
    expect(untrained).toBeGreaterThan(0);
    // Adoption: average active users ÷ seats is higher in trained accounts in the last month.
    const [adoption] = await queryRows<{ trained: number; untrained: number }>(
      db,
      sql`
      with last as (select a.id, a.seats, exists(select 1 from certificates ce where ce.account_id = a.id) as trained,
                      (select avg(u.active_users) from feature_usage u where u.account_id = a.id and u.usage_date = '2026-10-01') as users
                    from accounts a)
      select avg(users / seats) filter (where trained)::float as trained, avg(users / seats) filter (where not trained)::float as untrained from last where users is not null`,
    );
    expect(adoption!.trained).toBeGreaterThan(adoption!.untrained);
  });

  it("names companies and people realistically, with emails that match the name and the account's domain", async () => {
    const db = handles[0]!.db;
    const accounts = await queryRows<{ name: string; domains: string[] }>(
      db,
      sql`select name, email_domains as domains from accounts`,
    );
    expect(
      accounts.every((a) => !/\d$/.test(a.name) && a.domains.length === 1 && a.domains[0]!.endsWith(".example")),
    ).toBe(true);
    expect(new Set(accounts.map((a) => a.domains[0])).size).toBe(accounts.length);
    const learners = await queryRows<{ name: string; email: string; domain: string }>(
      db,
      sql`
      select u.name, u.email, a.email_domains[1] as domain from users u join accounts a on a.id = u.account_id`,
    );
    expect(learners.length).toBeGreaterThan(10);
    for (const l of learners) {
      expect(l.name).not.toMatch(/Learner/);
      const [local, domain] = l.email.split("@");
      expect(domain).toBe(l.domain);
      const [first, last] = l.name
        .toLowerCase()
        .normalize("NFKD")
        .replace(/[^a-z ]/g, "")
        .split(" ");
      expect(local!.replace(/\d+$/, "")).toBe(`${first}.${last}`);
    }
  });

  it("records drop-off inside courses, time near the lessons' minutes, ratings and surveys", async () => {
    const db = handles[0]!.db;
    const [r] = await queryRows<{
      started_only: number;
      completed: number;
      ratings: number;
      surveys: number;
      median_ratio: number;
      rated_events: number;
    }>(
      db,
      sql`
      select (select count(*)::int from lesson_progress where status = 'started') as started_only,
             (select count(*)::int from lesson_progress where status = 'completed') as completed,
             (select count(*)::int from lesson_feedback) as ratings, (select count(*)::int from course_surveys) as surveys,
             (select count(*)::int from learning_events where verb = 'rated') as rated_events,
             (select percentile_cont(0.5) within group (order by p.time_spent_seconds / (60.0 * l.estimated_minutes))
                from lesson_progress p join lessons l on l.id = p.lesson_id where p.status = 'completed') as median_ratio`,
    );
    expect(r!.started_only).toBeGreaterThan(0);
    expect(r!.completed).toBeGreaterThan(r!.started_only);
    expect(r!.ratings).toBeGreaterThan(0);
    expect(r!.rated_events).toBe(r!.ratings);
    expect(r!.surveys).toBeGreaterThan(0);
    expect(Number(r!.median_ratio)).toBeGreaterThan(0.8);
    expect(Number(r!.median_ratio)).toBeLessThan(1.25);
  });

  it("ends with the last complete month before today unless told otherwise", async () => {
    expect(lastCompleteMonthEnd(new Date("2026-12-04T10:00:00Z"))).toBe("2026-11-30");
    expect(lastCompleteMonthEnd(new Date("2027-01-01T00:00:00Z"))).toBe("2026-12-31");
    expect(lastCompleteMonthEnd(new Date("2026-03-15T00:00:00Z"))).toBe("2026-02-28");
    const h = await freshDb();
    try {
      const result = await generateCustomerData(h.db, { accounts: 5, months: 6, seed: 3 });
      expect(result.planted.endDate).toBe(lastCompleteMonthEnd(new Date()));
      const [last] = await queryRows<{ month: string }>(
        h.db,
        sql`select max(usage_date)::text as month from feature_usage`,
      );
      expect(last!.month).toBe(`${result.planted.endDate.slice(0, 7)}-01`);
    } finally {
      await h.close();
    }
  }, 600_000);
});
