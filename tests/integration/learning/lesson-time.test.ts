import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { lessonProgress } from "#db/schema/index";
import { action as heartbeatAction } from "#app/routes/resources.lesson-time";
import { action as lessonAction, loader as lessonLoader } from "#app/routes/courses.$courseId.$lessonId/route";
import { loader as catalogLoader } from "#app/routes/_index";
import { MAX_HEARTBEAT_SECONDS } from "#app/learning/progress.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { createCourse } from "../../support/learning";
import { get, post, run, sessionCookieFor } from "../../support/requests";

const HEADINGS = [
  { depth: 2, text: "Why alerts", slug: "why-alerts" },
  { depth: 2, text: "Set a threshold", slug: "set-a-threshold" },
];

describe("time on lesson and resume position", () => {
  const handle = useTestDatabase();
  let fixture: Awaited<ReturnType<typeof createCourse>>;
  beforeAll(async () => {
    fixture = await createCourse(handle.db, {
      title: "Timing",
      lessons: [{ title: "One", headings: HEADINGS }, { title: "Two" }],
    });
  });

  async function learnerWithOpenLesson(lessonIndex = 0) {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const lesson = fixture.lessons[lessonIndex]!;
    await run(() =>
      lessonLoader({
        request: get("/x", cookie),
        params: { courseId: fixture.course.id, lessonId: lesson.id },
        context: {},
      }),
    );
    return { learner, cookie, lesson };
  }
  /** Pretend the lesson was opened (or last beat) `seconds` ago: the server bounds time by the clock since then. */
  const openedAgo = (userId: string, lessonId: string, seconds: number) =>
    handle.db
      .update(lessonProgress)
      .set({ updatedAt: sql`now() - make_interval(secs => ${seconds})` })
      .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)));
  const progressOf = async (userId: string, lessonId: string) =>
    (
      await handle.db
        .select()
        .from(lessonProgress)
        .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)))
    )[0];
  const beat = (cookie: string, fields: Record<string, string>) =>
    run(() => heartbeatAction({ request: post("/resources/lesson-time", fields, cookie), params: {}, context: {} }));

  it("a heartbeat adds the seconds since the last beat and stores the last heading reached", async () => {
    const { learner, cookie, lesson } = await learnerWithOpenLesson();
    await openedAgo(learner.id, lesson.id, 30);
    const res = await beat(cookie, { lessonId: lesson.id, seconds: "30", position: "set-a-threshold" });
    expect(res.status).toBe(204);
    expect(await progressOf(learner.id, lesson.id)).toMatchObject({
      timeSpentSeconds: 30,
      resumePosition: "set-a-threshold",
      status: "started",
    });
  });

  it("is bounded per request and by the wall clock: crafted or replayed beats cannot inflate time", async () => {
    const { learner, cookie, lesson } = await learnerWithOpenLesson();
    await openedAgo(learner.id, lesson.id, 3600);
    await beat(cookie, { lessonId: lesson.id, seconds: "86400" });
    expect((await progressOf(learner.id, lesson.id))!.timeSpentSeconds).toBe(MAX_HEARTBEAT_SECONDS);
    await openedAgo(learner.id, lesson.id, 10);
    await beat(cookie, { lessonId: lesson.id, seconds: "60" });
    const after = (await progressOf(learner.id, lesson.id))!.timeSpentSeconds;
    expect(after).toBeGreaterThanOrEqual(MAX_HEARTBEAT_SECONDS + 10);
    expect(after).toBeLessThanOrEqual(MAX_HEARTBEAT_SECONDS + 11);
  });

  it("refuses malformed beats and writes nothing for lessons the learner never opened", async () => {
    const { learner, cookie, lesson } = await learnerWithOpenLesson();
    expect((await beat(cookie, { lessonId: lesson.id, seconds: "-5" })).status).toBe(400);
    expect((await beat(cookie, { lessonId: lesson.id, seconds: "10", position: "<img src=x>" })).status).toBe(400);
    expect((await beat(cookie, { lessonId: "../../etc", seconds: "10" })).status).toBe(400);
    const other = fixture.lessons[1]!;
    expect((await beat(cookie, { lessonId: other.id, seconds: "10" })).status).toBe(204);
    expect(await progressOf(learner.id, other.id)).toBeUndefined();
    const anonymous = await run(() =>
      heartbeatAction({
        request: post("/resources/lesson-time", { lessonId: lesson.id, seconds: "10" }),
        params: {},
        context: {},
      }),
    );
    expect(anonymous.status).toBe(302);
  });

  it("without JavaScript, completing records the time since the page was rendered (bounded)", async () => {
    const { learner, cookie, lesson } = await learnerWithOpenLesson();
    await openedAgo(learner.id, lesson.id, 120);
    const openedAt = String(Date.now() - 120_000);
    const res = await run(() =>
      lessonAction({
        request: post("/x", { intent: "complete", openedAt }, cookie),
        params: { courseId: fixture.course.id, lessonId: lesson.id },
        context: {},
      }),
    );
    expect(res.status).toBe(200);
    const row = (await progressOf(learner.id, lesson.id))!;
    expect(row.status).toBe("completed");
    expect(row.timeSpentSeconds).toBeGreaterThanOrEqual(119);
    expect(row.timeSpentSeconds).toBeLessThanOrEqual(121);

    // A forged "opened a year ago" is cut to the real time since the lesson was opened.
    const second = await learnerWithOpenLesson();
    await openedAgo(second.learner.id, lesson.id, 45);
    await run(() =>
      lessonAction({
        request: post("/x", { intent: "complete", openedAt: "1" }, second.cookie),
        params: { courseId: fixture.course.id, lessonId: lesson.id },
        context: {},
      }),
    );
    const forged = (await progressOf(second.learner.id, lesson.id))!.timeSpentSeconds;
    expect(forged).toBeGreaterThanOrEqual(45);
    expect(forged).toBeLessThanOrEqual(46);
  });

  it("'continue where you left off' returns to the last lesson and heading reached", async () => {
    const { cookie, lesson } = await learnerWithOpenLesson();
    await beat(cookie, { lessonId: lesson.id, seconds: "5", position: "set-a-threshold" });
    const body = (await (
      await run(() => catalogLoader({ request: get("/", cookie), params: {}, context: {} }))
    ).json()) as { resume: Record<string, unknown> };
    expect(body.resume).toMatchObject({
      courseId: fixture.course.id,
      lessonId: lesson.id,
      position: "set-a-threshold",
      positionLabel: "Set a threshold",
      lessonNumber: 1,
      lessonCount: 2,
    });
    const page = (await (
      await run(() =>
        lessonLoader({
          request: get("/x", cookie),
          params: { courseId: fixture.course.id, lessonId: lesson.id },
          context: {},
        }),
      )
    ).json()) as { resumePosition: string };
    expect(page.resumePosition).toBe("set-a-threshold");
  });

  it("after completing a lesson, resume moves on to the next lesson of the course", async () => {
    const { cookie, lesson } = await learnerWithOpenLesson();
    await run(() =>
      lessonAction({
        request: post("/x", { intent: "complete" }, cookie),
        params: { courseId: fixture.course.id, lessonId: lesson.id },
        context: {},
      }),
    );
    const body = (await (
      await run(() => catalogLoader({ request: get("/", cookie), params: {}, context: {} }))
    ).json()) as { resume: Record<string, unknown> };
    expect(body.resume).toMatchObject({
      lessonId: fixture.lessons[1]!.id,
      lessonNumber: 2,
      completedCount: 1,
      position: null,
    });
  });
});
