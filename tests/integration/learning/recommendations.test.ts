import crypto from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { featureUsageMonthly, subscriptionLines } from "#db/schema/index";
import type { Stage } from "#db/schema/index";
import type { Db } from "#db/index";
import { getCatalogCourses } from "#app/learning/catalog.server";
import { getRecommendations } from "#app/learning/recommendations.server";
import { clearPeerCache, getAccountAdoption } from "#app/learning/feature-adoption.server";
import { loader as catalogLoader } from "#app/routes/_index";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { createCourse, markCompleted } from "../../support/learning";
import { get, run, sessionCookieFor } from "../../support/requests";

/** An account in `segment` using each feature by `usage[feature]` active users per month (Jan–Mar 2025) on `seats` seats. */
async function accountWithUsage(
  db: Db,
  opts: {
    segment: string;
    stage?: Stage;
    seats?: number;
    features?: string[] | null;
    planTier?: string;
    usage: Record<string, number>;
  },
) {
  const account = await createAccount(db, {
    segment: opts.segment,
    lifecycleStage: opts.stage ?? "adoption",
    planTier: opts.planTier ?? "Pro",
    seats: opts.seats ?? 50,
  });
  await db.insert(subscriptionLines).values({
    accountId: account.id,
    externalId: `sub-${crypto.randomBytes(4).toString("hex")}`,
    plan: opts.planTier ?? "Pro",
    seats: opts.seats ?? 50,
    mrr: 1000,
    startDate: "2024-01-01",
    features: opts.features === undefined ? ["dashboards", "alerts", "permissions"] : opts.features,
  });
  for (const month of ["2025-01-01", "2025-02-01", "2025-03-01"]) {
    for (const [featureKey, activeUsers] of Object.entries(opts.usage)) {
      await db
        .insert(featureUsageMonthly)
        .values({ accountId: account.id, month, featureKey, activeUsers, events: activeUsers * 10 });
    }
  }
  return account;
}

describe("recommended next", () => {
  const handle = useTestDatabase();
  let courses: Record<string, Awaited<ReturnType<typeof createCourse>>>;
  beforeAll(async () => {
    const basics = await createCourse(handle.db, {
      id: "basics",
      title: "Basics",
      stage: "onboarding",
      features: ["dashboards"],
    });
    courses = {
      basics,
      alerts: await createCourse(handle.db, {
        id: "alerts",
        title: "Alerts",
        stage: "adoption",
        features: ["alerts"],
        prerequisites: ["basics"],
      }),
      roles: await createCourse(handle.db, {
        id: "roles",
        title: "Roles",
        stage: "adoption",
        features: ["permissions"],
      }),
      workflows: await createCourse(handle.db, {
        id: "workflows",
        title: "Workflows",
        stage: "expansion",
        features: ["workflows"],
      }),
      locked: await createCourse(handle.db, {
        id: "scale",
        title: "Scale",
        stage: "expansion",
        features: ["alerts"],
        prerequisites: ["roles"],
      }),
      draft: await createCourse(handle.db, {
        id: "draft",
        title: "Draft",
        stage: "adoption",
        status: "draft",
        features: ["alerts"],
      }),
    };
  });
  beforeEach(() => clearPeerCache());

  async function recommendFor(user: { id: string; accountId: string | null }, stage: Stage | null = "adoption") {
    const catalog = await getCatalogCourses(handle.db, user.id);
    return getRecommendations(handle.db, { id: user.id, accountId: user.accountId! }, catalog, stage);
  }

  it("ranks the course teaching a bought feature the team under-uses first, and says why", async () => {
    const segment = `seg-${crypto.randomBytes(3).toString("hex")}`;
    for (const alertsUsers of [20, 25, 30])
      await accountWithUsage(handle.db, { segment, usage: { dashboards: 40, alerts: alertsUsers, permissions: 5 } });
    const mine = await accountWithUsage(handle.db, { segment, usage: { dashboards: 45, alerts: 2, permissions: 5 } });
    const learner = await createUser(handle.db, { accountId: mine.id });
    await markCompleted(handle.db, learner, courses.basics!.lessons);

    const adoption = await getAccountAdoption(handle.db, mine.id);
    expect(adoption.bought).toEqual(["alerts", "dashboards", "permissions"]);
    expect(adoption.features.find((f) => f.feature === "alerts")).toMatchObject({
      rate: 2 / 50,
      peerMedian: 25 / 50,
      peerCount: 3,
    });

    const recs = await recommendFor(learner);
    expect(recs[0]?.courseId).toBe("alerts");
    expect(recs[0]?.reasons.map((r) => r.text)).toEqual([
      "Your team uses Alerts less than similar accounts (4% of seats vs 50%)",
      "Your team is in the adoption stage",
    ]);
    const ids = recs.map((r) => r.courseId);
    expect(ids).not.toContain("basics"); // completed
    expect(ids).not.toContain("scale"); // locked (needs Roles), although it teaches Alerts
    expect(ids).not.toContain("draft");
    // Permissions use matches peers: no feature reason for Roles, only the stage.
    expect(recs.find((r) => r.courseId === "roles")?.reasons.map((r) => r.kind)).toEqual(["stage"]);
  });

  it("counts teammates who completed a course, never the learner themself or other accounts", async () => {
    const segment = `seg-${crypto.randomBytes(3).toString("hex")}`;
    const account = await accountWithUsage(handle.db, { segment, usage: {} });
    const other = await accountWithUsage(handle.db, { segment, usage: {} });
    const learner = await createUser(handle.db, { accountId: account.id });
    for (let i = 0; i < 3; i++)
      await markCompleted(
        handle.db,
        await createUser(handle.db, { accountId: account.id }),
        courses.workflows!.lessons,
      );
    const halfway = await createUser(handle.db, { accountId: account.id });
    await markCompleted(handle.db, halfway, courses.roles!.lessons.slice(0, 1));
    for (let i = 0; i < 5; i++)
      await markCompleted(handle.db, await createUser(handle.db, { accountId: other.id }), courses.roles!.lessons);

    const recs = await recommendFor(learner);
    const workflows = recs.find((r) => r.courseId === "workflows");
    expect(workflows?.reasons).toEqual([{ kind: "teammates", text: "3 teammates completed this" }]);
    expect(recs.find((r) => r.courseId === "roles")?.reasons.map((r) => r.kind)).toEqual(["stage"]);
  });

  it("without enough similar accounts, flags bought features used by under 20% of seats; unbought ones never", async () => {
    const segment = `seg-${crypto.randomBytes(3).toString("hex")}`;
    const account = await accountWithUsage(handle.db, {
      segment,
      seats: 40,
      features: null,
      planTier: "Pro",
      usage: { dashboards: 30, permissions: 3 },
    });
    const learner = await createUser(handle.db, { accountId: account.id });
    await markCompleted(handle.db, learner, courses.basics!.lessons);
    const recs = await recommendFor(learner, "onboarding");
    const reasons = recs.flatMap((r) =>
      r.reasons.filter((x) => x.kind === "feature").map((x) => `${r.courseId}: ${x.text}`),
    );
    // Pro includes alerts and permissions (no subscription features listed → plan tier); workflows is Enterprise only.
    expect(reasons).toEqual(
      expect.arrayContaining([
        "alerts: Your plan includes Alerts, but your team hasn't used it yet",
        "roles: Your plan includes Roles & permissions, but only 3 of 40 seats use it",
      ]),
    );
    expect(reasons.some((r) => r.startsWith("workflows"))).toBe(false);
  });

  it("says nothing about adoption when the account has no usage data, and falls back to the learning path", async () => {
    const account = await createAccount(handle.db, { lifecycleStage: "onboarding" });
    const learner = await createUser(handle.db, { accountId: account.id });
    const recs = await recommendFor(learner, null);
    expect(recs).toEqual([
      expect.objectContaining({
        courseId: "basics",
        reasons: [{ kind: "path", text: "Next step on your learning path" }],
      }),
    ]);
  });

  it("appears on the home page for learners, with the account's stage highlighted", async () => {
    const account = await createAccount(handle.db, { lifecycleStage: "expansion" });
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const res = await run(() => catalogLoader({ request: get("/", cookie), params: {}, context: {} }));
    const body = (await res.json()) as {
      accountStage: string;
      recommendations: { courseId: string; reasons: { text: string }[] }[];
    };
    expect(body.accountStage).toBe("expansion");
    expect(body.recommendations[0]).toMatchObject({
      courseId: "workflows",
      reasons: [{ text: "Your team is in the expansion stage" }],
    });
  });
});
