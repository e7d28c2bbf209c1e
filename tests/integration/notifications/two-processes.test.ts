import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments } from "#db/schema/index";
import type { DbHandle } from "#db/client";
import { mondayOf } from "#app/notifications/plan.server";
import { createProcessDatabase } from "../../support/process-db";
import { startSmtpServer } from "../../support/smtp";
import { createAccount, createUser } from "../../support/factories";
import { insertCourses } from "../../support/customer-data";

/**
 * Several processes running the scheduler against one PostgreSQL database (two at once, twice — a
 * restart) send each notification once: the planner's idempotency keys and the SKIP LOCKED claim.
 * PGlite allows one process per database, so this runs in the postgres project only.
 */
const onPostgres = process.env.TEST_DB_KIND === "postgres";
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

function runScheduler(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/jobs-run.ts"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe.skipIf(!onPostgres)("two scheduler processes on one PostgreSQL database", () => {
  let procDb: Awaited<ReturnType<typeof createProcessDatabase>>;
  let handle: DbHandle;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const learners: string[] = [];
  let adminEmail = "",
    leaderEmail = "";

  beforeAll(async () => {
    procDb = await createProcessDatabase();
    handle = await procDb.open();
    await handle.migrate();
    const db = handle.db;
    await insertCourses(db, [{ id: "tp-course", stage: "onboarding", features: [], title: "Two processes" }]);
    const account = await createAccount(db, { name: "Twin" });
    for (let i = 0; i < 40; i++) {
      const u = await createUser(db, { accountId: account.id });
      learners.push(u.email);
      await db
        .insert(assignments)
        .values({ accountId: account.id, userId: u.id, courseId: "tp-course", dueOn: i % 2 ? day(2) : day(-2) });
    }
    adminEmail = (await createUser(db, { accountId: account.id, isAccountAdmin: true })).email;
    leaderEmail = (await createUser(db, { role: "cs_leader" })).email;
    smtp = await startSmtpServer();
  }, 120_000);
  afterAll(async () => {
    await smtp?.close();
    await handle?.close();
    await procDb?.drop();
  });

  it("sends every reminder and digest exactly once", async () => {
    const env = {
      ...procDb.env,
      SMTP_URL: smtp.url,
      SESSION_SECRET: "two-processes-test-secret-0123456789",
      NODE_ENV: "test",
      PUBLIC_URL: "http://academy.test",
    };
    for (let round = 0; round < 2; round++) {
      const runs = await Promise.all([runScheduler(env), runScheduler(env)]);
      for (const r of runs) expect(r.code, r.out).toBe(0);
    }
    const count = (to: string) => smtp.received.filter((m) => m.to.includes(to)).length;
    for (const email of learners) expect(count(email), email).toBe(1);
    // Digests wait for Monday 08:00 UTC of the current week.
    const digests = Date.now() >= mondayOf(new Date()).getTime() ? 1 : 0;
    expect(count(adminEmail)).toBe(digests);
    expect(count(leaderEmail)).toBe(digests);
    expect(smtp.received.length).toBe(40 + 2 * digests);
    const sample = smtp.received.find((m) => m.to.includes(learners[1]!))!.raw.replace(/\r\n[ \t]+/g, " "); // unfold headers
    expect(sample).toMatch(/^List-Unsubscribe: <http:\/\/academy\.test\/unsubscribe\/[^>]+>/m);
    expect(sample).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
  }, 180_000);
});
