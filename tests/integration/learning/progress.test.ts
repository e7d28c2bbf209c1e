import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { learningEvents, lessonProgress } from "#db/schema/index";
import { action as lessonAction, loader as lessonLoader } from "#app/routes/courses.$courseId.$lessonId/route";
import { loader as catalogLoader } from "#app/routes/_index";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { syncFixtureContent } from "../../support/content";
import { get, post, run, sessionCookieFor } from "../../support/requests";

const LESSON = "/courses/fixture-basics/fixture-first";
const args = (request: Request, lessonId = "fixture-first") => ({
  request,
  params: { courseId: "fixture-basics", lessonId },
  context: {},
});

describe("lesson completion", () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    await syncFixtureContent(handle.db);
  });

  async function counts(userId: string) {
    const [p] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(lessonProgress)
      .where(
        and(
          eq(lessonProgress.userId, userId),
          eq(lessonProgress.lessonId, "fixture-first"),
          eq(lessonProgress.status, "completed"),
        ),
      );
    const [e] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(learningEvents)
      .where(
        and(
          eq(learningEvents.userId, userId),
          eq(learningEvents.verb, "completed"),
          eq(learningEvents.objectId, "fixture-first"),
        ),
      );
    return { progress: p!.n, events: e!.n };
  }

  it("records progress per learner and account, shown in the catalog", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const res = await run(() => lessonAction(args(post(LESSON, { intent: "complete" }, cookie))));
    expect(res.status).toBe(200);
    const [row] = await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id));
    expect(row?.accountId).toBe(account.id);
    const catalog = await run(() => catalogLoader({ request: get("/", cookie), params: {}, context: {} }));
    const body = (await catalog.json()) as {
      stages: { courses: { id: string; completedCount: number; lessonCount: number }[] }[];
    };
    const course = body.stages.flatMap((s) => s.courses).find((c) => c.id === "fixture-basics");
    expect(course).toMatchObject({ completedCount: 1, lessonCount: 2 });
  });

  it("completing twice leaves one completion and one progress row", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    await run(() => lessonAction(args(post(LESSON, { intent: "complete" }, cookie))));
    await run(() => lessonAction(args(post(LESSON, { intent: "complete" }, cookie))));
    expect(await counts(learner.id)).toEqual({ progress: 1, events: 1 });
  });

  it("20 concurrent completions by the same learner leave exactly one completion", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => run(() => lessonAction(args(post(LESSON, { intent: "complete" }, cookie))))),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(await counts(learner.id)).toEqual({ progress: 1, events: 1 });
  });

  it("opening a lesson records a start without completing it", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const res = await run(() =>
      lessonLoader(args(get("/courses/fixture-basics/fixture-second", cookie), "fixture-second")),
    );
    expect(res.status).toBe(200);
    const page = (await res.json()) as {
      lesson: { title: string; body: { key: string; src: string } };
      completed: boolean;
    };
    expect(page.lesson.title).toBe("Second fixture lesson");
    expect(page.lesson.body.src).toBe(`/courses/fixture-basics/fixture-second/body.js?v=${page.lesson.body.key}`);
    expect(page.completed).toBe(false);
    const rows = await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id));
    expect(rows.map((r) => r.status)).toEqual(["started"]);
  });
});
