import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, users, webhookDeliveries } from "#db/schema/index";
import { createWebhook } from "#app/learning/webhooks/admin.server";
import { refreshAccountMonths, rebuildRollups } from "#app/analytics/rollups/refresh.server";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { createTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";
import { addMovement, completeCourseAt } from "../../support/customer-data";
import { buildReportFixture } from "./report-fixture";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- payloads in assertions

describe("account signal webhooks: stage reached, ready for expansion, at risk — once per change", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let fixture: Awaited<ReturnType<typeof buildReportFixture>>;
  const deliveries = async () =>
    (await handle.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id))
      .filter((d) => d.event.startsWith("account."))
      .map((d) => ({ event: d.event, data: (d.payload as Json).data as Json }));
  const allIds = () => Object.values(fixture).map((a) => a.id);

  beforeAll(async () => {
    handle = await createTestDatabase();
    const admin = await createUser(handle.db, { role: "admin" });
    const created = await createWebhook(handle.db, {
      url: "https://hooks.example.com/uplift",
      events: ["account.stage_reached", "account.ready_for_expansion", "account.at_risk"],
      actorId: admin.id,
    });
    if (!created.ok) throw new Error(created.error);
    fixture = await buildReportFixture(handle.db); // its rollup refresh evaluates every account for the first time
  });
  afterAll(async () => {
    await handle.dropDatabase();
  });

  it("the first refresh announces each account's stage and the report's ready / at-risk lists", async () => {
    const sent = await deliveries();
    const report = await getImpactReport(handle.db, { trained: "any", coverage: 20, x: "coverage" });
    const named = (event: string) =>
      sent
        .filter((d) => d.event === event)
        .map((d) => d.data.account.name)
        .sort();
    expect(named("account.ready_for_expansion")).toEqual(report.readyForExpansion.map((a) => a.name).sort());
    expect(named("account.ready_for_expansion")).toEqual(["Acme"]);
    expect(named("account.at_risk")).toEqual(report.atRisk.map((a) => a.name).sort());
    expect(named("account.at_risk")).toContain("Fox");
    const fox = sent.find((d) => d.event === "account.at_risk" && d.data.account.name === "Fox")!;
    expect(fox.data).toMatchObject({
      atRisk: true,
      asOf: "2025-12-31",
      reasons: expect.arrayContaining(["No lessons completed in 3 months"]),
    });
    const stages = Object.fromEntries(
      sent.filter((d) => d.event === "account.stage_reached").map((d) => [d.data.account.name, d.data.stageReached]),
    );
    // Accounts still at "none" (Gamma, Delta, Fox) have nothing to announce.
    expect(stages).toEqual({ Acme: "adoption", Beta: "onboarding", Echo: "expansion" });
  });

  it("a second refresh (or a full rebuild) with nothing changed emits nothing", async () => {
    const before = (await deliveries()).length;
    await refreshAccountMonths(handle.db, allIds());
    await rebuildRollups(handle.db);
    expect((await deliveries()).length).toBe(before);
  });

  it("a change is announced once: Acme expands (no longer ready); Beta trains again (reaches adoption, no longer at risk)", async () => {
    const before = (await deliveries()).length;
    await addMovement(handle.db, fixture.acme.id, "upsell", 1_000, "2025-11-01");
    const [betaLearner] = await handle.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.accountId, fixture.beta.id))
      .limit(1);
    await completeCourseAt(handle.db, { id: betaLearner!.id, accountId: fixture.beta.id }, "adp", "2025-11-20");
    await refreshAccountMonths(handle.db, [fixture.acme.id, fixture.beta.id]);
    const fresh = (await deliveries()).slice(before);
    expect(fresh).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: "account.ready_for_expansion",
          data: expect.objectContaining({
            account: expect.objectContaining({ name: "Acme" }),
            readyForExpansion: false,
          }),
        }),
        expect.objectContaining({
          event: "account.stage_reached",
          data: expect.objectContaining({
            account: expect.objectContaining({ name: "Beta" }),
            stageReached: "adoption",
            previous: "onboarding",
          }),
        }),
        // Beta was at risk partly for "no lessons completed in 3 months": the November completion ends that.
        expect.objectContaining({
          event: "account.at_risk",
          data: expect.objectContaining({
            account: expect.objectContaining({ name: "Beta" }),
            atRisk: false,
            reasons: [],
          }),
        }),
      ]),
    );
    expect(fresh, JSON.stringify(fresh)).toHaveLength(3);
    await refreshAccountMonths(handle.db, [fixture.acme.id, fixture.beta.id]);
    expect((await deliveries()).length).toBe(before + 3);
    const [acme] = await handle.db
      .select({ externalId: accounts.externalId })
      .from(accounts)
      .where(eq(accounts.id, fixture.acme.id));
    expect(fresh.find((d) => d.event === "account.ready_for_expansion")!.data.account.externalId).toBe(
      acme!.externalId,
    );
  });
});
