import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "#db/schema/index";
import { JOB_HANDLERS } from "#app/notifications/jobs/scheduler.server";
import { drainJobs, enqueueJob } from "#app/notifications/jobs/queue.server";
import { createMemoryMailAdapter, setMailAdapter } from "#app/utils/mail.server";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";
import { buildReportFixture } from "../analytics/report-fixture";

/**
 * The CS leader digest lists the impact report's own accounts (report-fixture: Acme ready for expansion,
 * Fox at risk; Sam owns Acme/Beta/Echo, Riley owns Gamma/Delta/Fox), per owner, "newly" against the
 * leader's previous weekly digest.
 */
describe("weekly accounts digest for CS leaders", () => {
  const handle = useTestDatabase();
  const mail = createMemoryMailAdapter();
  let sam: { id: string; email: string }, lead: { id: string; email: string };
  const digest = async (who: { id: string; email: string }, week: string) => {
    await enqueueJob(handle.db, {
      name: "notification.send",
      key: `digest:csm:${who.id}:${week}`,
      payload: { kind: "csm-digest", userId: who.id, week },
    });
    await drainJobs(handle.db, JOB_HANDLERS);
    return mail.sent.filter((m) => m.to === who.email).at(-1)!;
  };

  beforeAll(async () => {
    setMailAdapter(mail);
    await buildReportFixture(handle.db);
    sam = await createUser(handle.db, { role: "cs_leader" });
    await handle.db.update(users).set({ name: "Sam" }).where(eq(users.id, sam.id));
    lead = await createUser(handle.db, { role: "cs_leader" });
  }, 120_000);

  it("an owner sees their own accounts; a leader who owns none sees all", async () => {
    const mine = await digest(sam, "2026-W40");
    expect(mine.subject).toMatch(/^Accounts digest, week 2026-W40: \d+ newly at risk, 1 newly ready for expansion$/);
    expect(mine.text).toContain("Newly ready for expansion (1):\n\n• Acme — Health");
    expect(mine.text).not.toContain("Fox");
    expect(mine.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const all = await digest(lead, "2026-W40");
    expect(all.text).toMatch(/Newly at risk \(\d+\):\n\n(• .*\n\n)*• Fox — Health \d+(\.\d+)? \(red\)/);
    expect(all.text).toContain("• Acme — Health");
  });

  it("the next week lists only what is new since the previous digest", async () => {
    const next = await digest(sam, "2026-W41");
    expect(next.subject).toBe("Accounts digest, week 2026-W41: 0 newly at risk, 0 newly ready for expansion");
    expect(next.text).toContain("Newly ready for expansion: none.");
    // A week without a previous digest (W43 follows W42, never sent) lists everything as new again.
    expect((await digest(sam, "2026-W43")).text).toContain("Newly ready for expansion (1):");
  });
});
