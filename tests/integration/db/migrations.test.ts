import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { createTestDatabase } from "../../support/test-db";

describe("migrations", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => { handle = await createTestDatabase(); });
  afterAll(async () => { await handle.dropDatabase(); });

  it("create every core table on an empty database", async () => {
    const rows = await queryRows<{ table_name: string }>(handle.db, sql`select table_name from information_schema.tables where table_schema = 'public'`);
    const names = rows.map((r) => r.table_name);
    for (const t of ["accounts", "users", "sessions", "courses", "lessons", "lesson_progress", "learning_events"]) {
      expect(names).toContain(t);
    }
  });

  it("are idempotent: applying them again changes nothing", async () => {
    await expect(handle.migrate()).resolves.toBeUndefined();
  });

  it("put account_id on every fact table", async () => {
    const rows = await queryRows<{ table_name: string }>(handle.db, sql`select table_name from information_schema.columns where table_schema='public' and column_name='account_id'`);
    const names = rows.map((r) => r.table_name);
    for (const t of ["lesson_progress", "learning_events", "quiz_attempts", "certificates", "subscription_lines", "feature_usage", "support_tickets"]) {
      expect(names).toContain(t);
    }
  });
});
