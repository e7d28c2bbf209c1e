import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { startLesson } from "#app/learning/progress.server";
import { completeLesson } from "#app/learning/completion.server";
import { refreshAccountMonths, rebuildRollups } from "#app/analytics/rollups/refresh.server";
import { foldTrainingDeltas } from "#app/analytics/rollups/training-deltas.server";
import { adoption } from "#app/analytics/metrics";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { FIXTURE_CONTENT, syncFixtureContent } from "../../support/content";
import { addLine, addUsage } from "../../support/customer-data";

const TRAINING = `learners, lesson_completions, course_starts, course_completions, onboarding_completions, adoption_completions,
  expansion_completions, onboarding_learners, adoption_learners, expansion_learners`;

describe("account_month rollup", () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    await syncFixtureContent(handle.db);
  });

  const training = (accountId: string) =>
    queryRows(
      handle.db,
      sql.raw(
        `select to_char(month, 'YYYY-MM-DD') as month, ${TRAINING} from account_month where account_id = '${accountId}' order by month`,
      ),
    );
  const courses = (accountId: string) =>
    queryRows(
      handle.db,
      sql.raw(
        `select course_id, learners_completed, first_completed_on::text from account_course where account_id = '${accountId}' order by course_id`,
      ),
    );

  it("the completion hook's counters equal a full recomputation from lesson_progress", async () => {
    const account = await createAccount(handle.db, { seats: 10 });
    const ann = { id: (await createUser(handle.db, { accountId: account.id })).id, accountId: account.id };
    const ben = { id: (await createUser(handle.db, { accountId: account.id })).id, accountId: account.id };
    const cat = { id: (await createUser(handle.db, { accountId: account.id })).id, accountId: account.id };
    const first = { id: "fixture-first", courseId: "fixture-basics", contentHash: "x" };
    // Ann opens, then completes both lessons (course completed); Ben completes one lesson without opening it;
    // Cat only opens the course. Repeats are no-ops.
    await startLesson(handle.db, ann, first);
    await completeLesson(handle.db, ann, "fixture-basics", "fixture-first");
    await completeLesson(handle.db, ann, "fixture-basics", "fixture-first");
    await completeLesson(handle.db, ann, "fixture-basics", "fixture-second");
    await completeLesson(handle.db, ben, "fixture-basics", "fixture-second");
    await startLesson(handle.db, cat, first);
    await startLesson(handle.db, cat, first);

    // Completions append deltas; nothing touches the account's month row until they are folded.
    expect(await training(account.id)).toEqual([]);
    expect(await foldTrainingDeltas(handle.db, [account.id])).toBeGreaterThan(0);
    expect(await foldTrainingDeltas(handle.db, [account.id])).toBe(0);
    const incremental = await training(account.id);
    const incrementalCourses = await courses(account.id);
    expect(incremental).toHaveLength(1);
    expect(incremental[0]).toMatchObject({
      learners: 2,
      lesson_completions: 3,
      course_starts: 3,
      course_completions: 1,
      onboarding_completions: 1,
      onboarding_learners: 1,
    });
    expect(incrementalCourses).toEqual([
      { course_id: "fixture-basics", learners_completed: 1, first_completed_on: expect.any(String) },
    ]);

    await refreshAccountMonths(handle.db, [account.id]);
    expect(await training(account.id)).toEqual(incremental);
    expect(await courses(account.id)).toEqual(incrementalCourses);
  });

  it("many learners of one account completing at once are each counted once, even with folds running alongside", async () => {
    const account = await createAccount(handle.db, { seats: 100 });
    const learners = await Promise.all(
      Array.from({ length: 40 }, async () => ({
        id: (await createUser(handle.db, { accountId: account.id })).id,
        accountId: account.id,
      })),
    );
    const folds: Promise<number>[] = [];
    await Promise.all(
      learners.map(async (l, i) => {
        await completeLesson(handle.db, l, "fixture-basics", "fixture-first");
        if (i % 8 === 0) folds.push(foldTrainingDeltas(handle.db, [account.id]));
      }),
    );
    await Promise.all(folds);
    await foldTrainingDeltas(handle.db);
    const [row] = await training(account.id);
    expect(row).toMatchObject({ learners: 40, lesson_completions: 40, course_starts: 40 });
    const [pending] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int n from account_training_deltas`,
    );
    expect(pending!.n).toBe(0);
  });

  it("a rollup refresh running while learners complete lessons counts every completion exactly once", async () => {
    // The refresh recomputes the account's months from lesson_progress while completions keep appending
    // deltas. A completion that commits between the refresh's fold and its read of lesson_progress must
    // not be counted twice (once by the rewrite, once by the next fold), nor a course completion's
    // account_course count lost.
    const account = await createAccount(handle.db, { seats: 100 });
    const learners = await Promise.all(
      Array.from({ length: 30 }, async () => ({
        id: (await createUser(handle.db, { accountId: account.id })).id,
        accountId: account.id,
      })),
    );
    let completing = true;
    let refreshes = 0;
    const refreshing = (async () => {
      while (completing) {
        await refreshAccountMonths(handle.db, [account.id]);
        refreshes++;
      }
    })();
    await Promise.all(
      learners.map(async (l) => {
        await completeLesson(handle.db, l, "fixture-basics", "fixture-first");
        await completeLesson(handle.db, l, "fixture-basics", "fixture-second");
      }),
    );
    completing = false;
    await refreshing;
    await foldTrainingDeltas(handle.db);
    expect(refreshes).toBeGreaterThan(0);
    const rows = await training(account.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      learners: 30,
      lesson_completions: 60,
      course_starts: 30,
      course_completions: 30,
      onboarding_learners: 30,
    });
    expect(await courses(account.id)).toEqual([
      { course_id: "fixture-basics", learners_completed: 30, first_completed_on: expect.any(String) },
    ]);
  });

  it("a learner finishing a second course of the same stage is one stage learner with two stage completions", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-stage-"));
    fs.cpSync(FIXTURE_CONTENT, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "courses/fixture-more"));
    fs.writeFileSync(
      path.join(dir, "courses/fixture-more/course.mdx"),
      "---\nid: fixture-more\ntitle: More onboarding\nsummary: A second onboarding course.\nstage: onboarding\nestimatedMinutes: 5\n---\n\nMore.\n",
    );
    fs.writeFileSync(
      path.join(dir, "courses/fixture-more/01-only.mdx"),
      "---\nid: fixture-more-only\ntitle: Only lesson\nestimatedMinutes: 5\n---\n\n## Only\n",
    );
    await syncFixtureContent(handle.db, dir);
    const account = await createAccount(handle.db, { seats: 10 });
    const dee = { id: (await createUser(handle.db, { accountId: account.id })).id, accountId: account.id };
    await completeLesson(handle.db, dee, "fixture-basics", "fixture-first");
    await completeLesson(handle.db, dee, "fixture-basics", "fixture-second");
    await completeLesson(handle.db, dee, "fixture-more", "fixture-more-only");
    await foldTrainingDeltas(handle.db, [account.id]);
    const incremental = await training(account.id);
    expect(incremental[0]).toMatchObject({
      learners: 1,
      course_completions: 2,
      onboarding_completions: 2,
      onboarding_learners: 1,
    });
    await refreshAccountMonths(handle.db, [account.id]);
    expect(await training(account.id)).toEqual(incremental);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("state columns come from subscription lines at the first of the month; usage from feature_usage_monthly", async () => {
    const account = await createAccount(handle.db, { planTier: "Basic", seats: 99 });
    await addLine(handle.db, account.id, { mrr: 100, start: "2025-01-15", seats: 10, plan: "Basic" });
    await addLine(handle.db, account.id, { mrr: 50, start: "2025-02-01", end: "2025-04-01", seats: 5, plan: "Pro" });
    await addUsage(handle.db, account.id, "2025-03-01", "dashboards", 6);
    await addUsage(handle.db, account.id, "2025-03-01", "alerts", 9); // a Pro feature: bought via the second line
    await addUsage(handle.db, account.id, "2025-04-01", "alerts", 3); // no longer bought in April
    await refreshAccountMonths(handle.db, [account.id]);
    const rows = await queryRows(
      handle.db,
      sql.raw(
        `select to_char(month, 'YYYY-MM-DD') as month, revenue_mrr::float8 revenue, seats, active_users, features_purchased, features_used from account_month where account_id = '${account.id}' order by month`,
      ),
    );
    expect(rows).toEqual([
      { month: "2025-01-01", revenue: 0, seats: 0, active_users: 0, features_purchased: 0, features_used: 0 },
      { month: "2025-02-01", revenue: 150, seats: 15, active_users: 0, features_purchased: 9, features_used: 0 },
      { month: "2025-03-01", revenue: 150, seats: 15, active_users: 9, features_purchased: 9, features_used: 2 },
      { month: "2025-04-01", revenue: 100, seats: 10, active_users: 3, features_purchased: 5, features_used: 0 },
    ]);
  });

  it("the report's SQL adoption equals adoption() over the same months", async () => {
    const account = await createAccount(handle.db, { planTier: "Basic" });
    await addLine(handle.db, account.id, { mrr: 10, start: "2024-12-01", seats: 8, plan: "Basic" });
    const usage = [
      ["2025-01-01", 2],
      ["2025-02-01", 8],
      ["2025-03-01", 5],
    ] as const;
    for (const [m, n] of usage) await addUsage(handle.db, account.id, m, "dashboards", n);
    await refreshAccountMonths(handle.db, [account.id]);
    const report = await getImpactReport(handle.db, {
      from: "2025-01-01",
      to: "2025-03-31",
      trained: "any",
      coverage: 20,
      x: "coverage",
    });
    const row = report.accountRows.find((a) => a.id === account.id)!;
    expect(row.adoption).toBeCloseTo(adoption(usage.map(([, n]) => ({ activeUsers: n, seats: 8 })))!, 9);
  });

  it("rebuild recomputes every account", async () => {
    const before = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int n from account_month`);
    await handle.db.execute(sql`delete from account_month`);
    const result = await rebuildRollups(handle.db);
    expect(result.accounts).toBeGreaterThanOrEqual(3);
    const after = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int n from account_month`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
