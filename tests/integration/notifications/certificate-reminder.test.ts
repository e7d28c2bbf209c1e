import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { certificates, jobs } from "#db/schema/index";
import { runScheduledWork } from "#app/notifications/jobs/scheduler.server";
import { planNotifications } from "#app/notifications/plan.server";
import { createMemoryMailAdapter, setMailAdapter } from "#app/utils/mail.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { insertCourses } from "../../support/customer-data";

/**
 * Recertification reminders (issue 20, credentials): 30 days before a certificate expires its learner gets
 * one email; a renewed, revoked or far-off certificate gets none; repeated scheduler runs send it once.
 */
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);

describe("certificate expiry reminders", () => {
  const handle = useTestDatabase();
  const mail = createMemoryMailAdapter();
  let soon: Awaited<ReturnType<typeof createUser>>;
  let later: Awaited<ReturnType<typeof createUser>>;
  let revoked: Awaited<ReturnType<typeof createUser>>;
  const sentTo = (email: string) => mail.sent.filter((m) => m.to === email);

  beforeAll(async () => {
    setMailAdapter(mail);
    const db = handle.db;
    await insertCourses(db, [{ id: "cr-a", stage: "onboarding", features: [], title: "Certified admin" }]);
    const acme = await createAccount(db, { name: "Acme" });
    [soon, later, revoked] = await Promise.all([1, 2, 3].map(() => createUser(db, { accountId: acme.id })));
    const cert = (userId: string, code: string, expiresAt: Date, revokedAt: Date | null = null) => ({
      userId,
      accountId: acme.id,
      courseId: "cr-a",
      code,
      issuedAt: inDays(-700),
      expiresAt,
      revokedAt,
    });
    await db
      .insert(certificates)
      .values([
        cert(soon!.id, "CR-SOON", inDays(10)),
        cert(later!.id, "CR-LATER", inDays(90)),
        cert(revoked!.id, "CR-REVOKED", inDays(5), inDays(-1)),
      ]);
  });

  it("queues one reminder per expiring certificate and sends it once, however often the scheduler runs", async () => {
    for (let i = 0; i < 3; i++) await runScheduledWork(handle.db, { now: new Date(), worker: `w${i}` });
    const reminders = sentTo(soon!.email);
    expect(reminders.map((m) => m.subject)).toEqual([
      `Your certificate expires ${inDays(10).toISOString().slice(0, 10)}: Certified admin`,
    ]);
    expect(reminders[0]!.text).toContain("/certificates/CR-SOON");
    expect(reminders[0]!.headers!["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(sentTo(later!.email)).toEqual([]); // 90 days away: not yet
    expect(sentTo(revoked!.email)).toEqual([]); // revoked: never
  });

  it("a certificate renewed after the reminder was planned gets no reminder for its old expiry", async () => {
    // Move a far-off certificate into the reminder window, plan, then renew it before the job runs.
    await handle.db
      .update(certificates)
      .set({ expiresAt: inDays(15) })
      .where(eq(certificates.code, "CR-LATER"));
    expect(await planNotifications(handle.db, new Date())).toBeGreaterThan(0);
    await handle.db
      .update(certificates)
      .set({ expiresAt: inDays(730) })
      .where(eq(certificates.code, "CR-LATER"));
    await runScheduledWork(handle.db, { now: new Date(), plan: false, worker: "send" });
    expect(sentTo(later!.email)).toEqual([]);
    const rows = await handle.db.execute(
      sql`select key, status, result from jobs where key like 'reminder:certificate-expiring:CR-LATER:%'`,
    );
    expect(JSON.stringify(rows)).toContain("renewed or revoked");
    expect(await handle.db.select().from(jobs).where(eq(jobs.status, "failed"))).toEqual([]);
  });
});
