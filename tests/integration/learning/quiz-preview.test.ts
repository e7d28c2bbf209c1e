import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  certificates,
  learningEvents,
  lessonProgress,
  quizAttempts,
  quizPreviewAttempts,
  webhookDeliveries,
  webhooks,
} from "#db/schema/index";
import { queryRows, type Db } from "#db/index";
import { syncContent } from "#app/content/sync.server";
import { action as lessonAction, loader as lessonLoader } from "#app/routes/courses.$courseId.$lessonId/route";
import { loader as courseLoader } from "#app/routes/courses.$courseId._index";
import { loader as catalogLoader } from "#app/routes/_index";
import { loader as searchLoader } from "#app/routes/search";
import { questionInsights, lessonFunnel } from "#app/analytics/insights/lesson-insights.server";
import { courseInsights } from "#app/analytics/insights/course-insights.server";
import { insightsDataVersion } from "#app/analytics/insights/cache.server";
import { dataVersion } from "#app/analytics/report/cache.server";
import { listStatements } from "#app/learning/xapi.server";
import { createTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { get, post, run, sessionCookieFor } from "../../support/requests";

/**
 * Issue 21 item 1: authors and admins preview drafts and try their quizzes. Preview attempts are
 * stored (quiz_preview_attempts) and never reach progress, completions, insights, webhooks, xAPI or
 * the impact report; a learner's attempt on the same quiz does reach them (the control).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-preview-"));
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(tmp, "content", rel)), { recursive: true });
  fs.writeFileSync(path.join(tmp, "content", rel), text);
};
const QUIZ = `<Quiz>
  <Question id="where" prompt="Where is the time zone set?" explanation="Settings → General holds it.">
    <Option>Settings → Security</Option>
    <Option correct>Settings → General</Option>
  </Question>
</Quiz>`;
const PASS = { intent: "quiz", "answer.where": "where-o2" };
const FAIL = { intent: "quiz", "answer.where": "where-o1" };

async function counts(db: Db) {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select
    (select count(*)::int from learning_events) as events, (select count(*)::int from lesson_progress) as progress,
    (select count(*)::int from quiz_attempts) as attempts, (select count(*)::int from certificates) as certificates,
    (select count(*)::int from webhook_deliveries) as deliveries, (select count(*)::int from account_month) as account_months,
    (select count(*)::int from account_course) as account_courses`,
  );
  return row!;
}

describe("previewing drafts and their quizzes", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  const users = {} as Record<
    "author" | "admin" | "cs" | "learner",
    { id: string; cookie: string; accountId: string | null }
  >;
  beforeAll(async () => {
    handle = await createTestDatabase();
    write(
      "courses/basics/course.mdx",
      "---\nid: pv-basics\ntitle: Preview basics\nsummary: The published course the draft builds on.\nstage: onboarding\nestimatedMinutes: 5\n---\n\nOverview.\n",
    );
    write(
      "courses/basics/01-intro.mdx",
      "---\nid: pv-intro\ntitle: Intro lesson\nestimatedMinutes: 5\n---\n\n## Intro\n\nHello.\n",
    );
    write(
      "courses/draft/course.mdx",
      "---\nid: pv-draft\ntitle: Wombat wrangling (draft)\nsummary: A draft course only authors and admins see.\nstage: adoption\nestimatedMinutes: 5\nprerequisites: [pv-basics]\nstatus: draft\n---\n\nDraft overview.\n",
    );
    write(
      "courses/draft/01-quiz.mdx",
      `---\nid: pv-quiz\ntitle: Wombat quiz lesson\nestimatedMinutes: 5\n---\n\n## Wombats\n\nWombats dig burrows.\n\n${QUIZ}\n`,
    );
    const r = await syncContent(handle.db, {
      contentDir: path.join(tmp, "content"),
      cacheDir: path.join(tmp, "cache"),
    });
    expect(r.problems).toEqual([]);
    await handle.db.insert(webhooks).values({
      url: "https://hooks.example.com/uplift",
      events: ["quiz.submitted", "lesson.completed", "course.completed"],
      secret: "whsec_test",
    });
    const account = await createAccount(handle.db);
    for (const [name, role, accountId] of [
      ["author", "author", null],
      ["admin", "admin", null],
      ["cs", "cs_leader", null],
      ["learner", "learner", account.id],
    ] as const) {
      const user = await createUser(handle.db, { role, accountId });
      users[name] = { id: user.id, accountId, cookie: await sessionCookieFor(user) };
    }
  });
  afterAll(async () => {
    await handle.dropDatabase();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const params = { courseId: "pv-draft", lessonId: "pv-quiz" };
  const submit = (cookie: string, fields: Record<string, string>) =>
    run(() => lessonAction({ request: post("/courses/pv-draft/pv-quiz", fields, cookie), params, context: {} }));
  const lessonPage = async (cookie: string) =>
    await run(() => lessonLoader({ request: get("/courses/pv-draft/pv-quiz", cookie), params, context: {} }));

  it("shows authors and admins the draft with the preview flag; learners and CS leaders get 404", async () => {
    for (const who of ["author", "admin"] as const) {
      const page = await (await lessonPage(users[who].cookie)).json();
      expect(page.course.draft).toBe(true);
      expect(page.quiz.canSubmit).toBe(true);
      expect(page.quiz.preview).toBe(true);
      expect(page.lockedBy).toEqual([]);
      const course = await (
        await run(() =>
          courseLoader({
            request: get("/courses/pv-draft", users[who].cookie),
            params: { courseId: "pv-draft" },
            context: {},
          }),
        )
      ).json();
      expect(course.course.status).toBe("draft");
    }
    for (const who of ["learner", "cs"] as const) expect((await lessonPage(users[who].cookie)).status).toBe(404);
  });

  it("grades an author's and an admin's attempts as preview attempts that nothing counts", async () => {
    const before = {
      counts: await counts(handle.db),
      report: await dataVersion(handle.db),
      insights: await insightsDataVersion(handle.db),
    };
    expect((await submit(users.author.cookie, FAIL)).status).toBe(200);
    expect((await submit(users.author.cookie, PASS)).status).toBe(200);
    expect((await submit(users.admin.cookie, PASS)).status).toBe(200);
    // An unanswered preview is refused with the reason and stores nothing.
    const refused = await submit(users.author.cookie, { intent: "quiz" });
    expect(refused.status).toBe(400);

    const stored = await handle.db.select().from(quizPreviewAttempts).orderBy(quizPreviewAttempts.id);
    expect(stored.map((a) => [a.userId, a.attemptNumber, a.passed])).toEqual([
      [users.author.id, 1, false],
      [users.author.id, 2, true],
      [users.admin.id, 1, true],
    ]);
    // The page shows the author their latest preview attempt, with explanations.
    const page = await (await lessonPage(users.author.cookie)).json();
    expect(page.quiz.feedback).toMatchObject({ attempt: 2, passed: true, score: 100 });
    expect(page.quiz.feedback.questions.where.explanation).toBe("Settings → General holds it.");
    expect(page.completed).toBe(false);

    // Progress, completions, certificates, learning events, webhooks, rollups: untouched.
    expect(await counts(handle.db)).toEqual(before.counts);
    for (const who of [users.author, users.admin]) {
      expect(await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, who.id))).toEqual([]);
      expect(await handle.db.select().from(learningEvents).where(eq(learningEvents.userId, who.id))).toEqual([]);
      expect(await handle.db.select().from(certificates).where(eq(certificates.userId, who.id))).toEqual([]);
    }
    // The report's and the insights' data versions did not move: their caches and figures stay as they were.
    expect(await dataVersion(handle.db)).toEqual(before.report);
    expect(await insightsDataVersion(handle.db)).toEqual(before.insights);
    // Insights: no question attempt, nobody reached or completed the lesson.
    expect(await questionInsights(handle.db, { courseId: "pv-draft" })).toEqual([]);
    expect((await lessonFunnel(handle.db, "pv-draft", {})).map((s) => [s.reached, s.completed])).toEqual([[0, 0]]);
    const course = (await courseInsights(handle.db, {})).find((c) => c.id === "pv-draft");
    expect(course === undefined || (course.enrolled === 0 && course.completed === 0)).toBe(true);
    // xAPI: no statement.
    expect((await listStatements(handle.db, { baseUrl: "http://x", limit: 100 })).statements).toEqual([]);
  });

  it("staff may only try quizzes: completing, rating or a CS leader's quiz is refused", async () => {
    expect((await submit(users.author.cookie, { intent: "complete" })).status).toBe(403);
    expect((await submit(users.admin.cookie, { intent: "rate", rating: "5" })).status).toBe(403);
    expect((await submit(users.cs.cookie, PASS)).status).toBe(403);
    expect(
      await handle.db.select().from(quizPreviewAttempts).where(eq(quizPreviewAttempts.userId, users.cs.id)),
    ).toEqual([]);
  });

  it("the control: once published, a learner's passing attempt is counted everywhere the preview was not", async () => {
    write(
      "courses/draft/course.mdx",
      fs
        .readFileSync(path.join(tmp, "content/courses/draft/course.mdx"), "utf8")
        .replace("status: draft", "status: published")
        .replace("prerequisites: [pv-basics]", "prerequisites: []"),
    );
    expect(
      (await syncContent(handle.db, { contentDir: path.join(tmp, "content"), cacheDir: path.join(tmp, "cache") }))
        .problems,
    ).toEqual([]);
    const before = await counts(handle.db);
    await run(() =>
      lessonLoader({ request: get("/courses/pv-draft/pv-quiz", users.learner.cookie), params, context: {} }),
    );
    expect((await submit(users.learner.cookie, PASS)).status).toBe(200);
    const after = await counts(handle.db);
    expect(after.attempts).toBe(before.attempts + 1);
    expect(after.events).toBeGreaterThan(before.events);
    expect(after.deliveries).toBeGreaterThan(before.deliveries);
    expect(await handle.db.select().from(quizAttempts).where(eq(quizAttempts.userId, users.learner.id))).toHaveLength(
      1,
    );
    expect((await questionInsights(handle.db, { courseId: "pv-draft" })).map((q) => q.firstTries)).toEqual([1]);
    expect((await listStatements(handle.db, { baseUrl: "http://x", limit: 100 })).statements.length).toBeGreaterThan(0);
    expect((await handle.db.select().from(webhookDeliveries)).length).toBe(after.deliveries);
  });
});

describe("staff see drafts in search and never see Locked", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    write(
      "courses/basics/course.mdx",
      "---\nid: pv-basics\ntitle: Preview basics\nsummary: The published course the draft builds on.\nstage: onboarding\nestimatedMinutes: 5\n---\n\nOverview.\n",
    );
    write(
      "courses/draft/course.mdx",
      "---\nid: pv-draft\ntitle: Wombat wrangling (draft)\nsummary: A draft course only authors and admins see.\nstage: adoption\nestimatedMinutes: 5\nprerequisites: [pv-basics]\nstatus: draft\n---\n\nDraft overview.\n",
    );
    write(
      "courses/draft/01-quiz.mdx",
      `---\nid: pv-quiz\ntitle: Wombat quiz lesson\nestimatedMinutes: 5\n---\n\n## Wombats\n\nWombats dig burrows.\n\n${QUIZ}\n`,
    );
    write(
      "courses/locked/course.mdx",
      "---\nid: pv-locked\ntitle: Locked for learners\nsummary: A published course that needs the basics first.\nstage: adoption\nestimatedMinutes: 5\nprerequisites: [pv-basics]\n---\n\nOverview.\n",
    );
    write(
      "courses/locked/01-next.mdx",
      "---\nid: pv-next\ntitle: Next lesson\nestimatedMinutes: 5\n---\n\n## Next\n\nMore.\n",
    );
    expect(
      (await syncContent(handle.db, { contentDir: path.join(tmp, "content"), cacheDir: path.join(tmp, "cache") }))
        .problems,
    ).toEqual([]);
  });
  afterAll(async () => {
    await handle.dropDatabase();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const search = async (cookie: string, q: string) =>
    (
      await (
        await run(() =>
          searchLoader({ request: get(`/search?q=${encodeURIComponent(q)}`, cookie), params: {}, context: {} }),
        )
      ).json()
    ).hits as { lessonId: string | null; courseId: string; draft: boolean }[];
  const catalog = async (cookie: string) =>
    (
      await (await run(() => catalogLoader({ request: get("/", cookie), params: {}, context: {} }))).json()
    ).stages.flatMap((s: { courses: { id: string; lockedBy: unknown[] }[] }) => s.courses) as {
      id: string;
      lockedBy: unknown[];
    }[];

  it("finds draft lessons for authors and admins, never for learners or CS leaders", async () => {
    const author = await sessionCookieFor(await createUser(handle.db, { role: "author" }));
    const admin = await sessionCookieFor(await createUser(handle.db, { role: "admin" }));
    const cs = await sessionCookieFor(await createUser(handle.db, { role: "cs_leader" }));
    const learner = await sessionCookieFor(
      await createUser(handle.db, { accountId: (await createAccount(handle.db)).id }),
    );
    for (const cookie of [author, admin]) {
      const hits = await search(cookie, "wombats burrows");
      expect(hits.find((h) => h.lessonId === "pv-quiz")).toMatchObject({ courseId: "pv-draft", draft: true });
    }
    for (const cookie of [learner, cs])
      expect((await search(cookie, "wombats burrows")).map((h) => h.courseId)).not.toContain("pv-draft");
  });

  it("shows learners the lock and staff none", async () => {
    const learner = await sessionCookieFor(
      await createUser(handle.db, { accountId: (await createAccount(handle.db)).id }),
    );
    expect((await catalog(learner)).find((c) => c.id === "pv-locked")!.lockedBy).toHaveLength(1);
    for (const role of ["author", "admin", "cs_leader"] as const) {
      const cookie = await sessionCookieFor(await createUser(handle.db, { role }));
      expect((await catalog(cookie)).every((c) => c.lockedBy.length === 0)).toBe(true);
    }
  });
});
