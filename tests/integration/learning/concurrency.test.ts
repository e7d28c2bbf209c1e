import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { learningEvents, lessonProgress } from "#db/schema/index";
import { completeLesson } from "#app/learning/completion.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { syncFixtureContent } from "../../support/content";

describe("progress under concurrency", () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    await syncFixtureContent(handle.db);
  });

  it("50 simultaneous completions of one lesson by one learner count once", async () => {
    const account = await createAccount(handle.db);
    const learner = { id: (await createUser(handle.db, { accountId: account.id })).id, accountId: account.id };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => completeLesson(handle.db, learner, "fixture-basics", "fixture-first")),
    );
    expect(results.filter((r) => r.status === "completed" && r.newlyCompleted)).toHaveLength(1);
    const [events] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(learningEvents)
      .where(and(eq(learningEvents.userId, learner.id), eq(learningEvents.verb, "completed")));
    expect(events!.n).toBe(1);
  });

  it("1,000 completions from 200 learners in parallel are all counted", async () => {
    const account = await createAccount(handle.db);
    const learners = await Promise.all(
      Array.from({ length: 200 }, async () => ({
        id: (await createUser(handle.db, { accountId: account.id })).id,
        accountId: account.id,
      })),
    );
    // Each learner completes both lessons, and repeats the calls: 200 × 5 = 1,000 completion requests.
    const calls = learners.flatMap((l) => [
      () => completeLesson(handle.db, l, "fixture-basics", "fixture-first"),
      () => completeLesson(handle.db, l, "fixture-basics", "fixture-second"),
      () => completeLesson(handle.db, l, "fixture-basics", "fixture-first"),
      () => completeLesson(handle.db, l, "fixture-basics", "fixture-second"),
      () => completeLesson(handle.db, l, "fixture-basics", "fixture-first"),
    ]);
    expect(calls).toHaveLength(1000);
    const results = await Promise.all(calls.map((c) => c()));
    expect(results.every((r) => r.status === "completed")).toBe(true);
    const [rows] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(lessonProgress)
      .where(and(eq(lessonProgress.accountId, account.id), eq(lessonProgress.status, "completed")));
    expect(rows!.n).toBe(400);
    const [events] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(learningEvents)
      .where(and(eq(learningEvents.accountId, account.id), eq(learningEvents.verb, "completed")));
    expect(events!.n).toBe(400);
  });
});
