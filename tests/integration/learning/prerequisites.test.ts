import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { certificates, learningEvents, lessonProgress } from "#db/schema/index";
import { action as lessonAction, loader as lessonLoader } from "#app/routes/courses.$courseId.$lessonId/route";
import { loader as courseLoader } from "#app/routes/courses.$courseId._index";
import { loader as catalogLoader } from "#app/routes/_index";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { createCourse, markCompleted } from "../../support/learning";
import { get, post, run, sessionCookieFor } from "../../support/requests";

type CatalogBody = { stages: { courses: { id: string; lockedBy: { id: string; title: string }[] }[] }[] };

describe("prerequisites", () => {
  const handle = useTestDatabase();

  async function setup() {
    const basics = await createCourse(handle.db, { title: "Basics", stage: "onboarding" });
    const advanced = await createCourse(handle.db, {
      title: "Advanced",
      stage: "adoption",
      prerequisites: [basics.course.id],
    });
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    return { basics, advanced, learner, cookie: await sessionCookieFor(learner) };
  }
  const complete = (cookie: string, courseId: string, lessonId: string) =>
    run(() =>
      lessonAction({
        request: post(`/courses/${courseId}/${lessonId}`, { intent: "complete" }, cookie),
        params: { courseId, lessonId },
        context: {},
      }),
    );

  it("a crafted POST cannot complete a lesson of a locked course: 403 and nothing written", async () => {
    const { advanced, learner, cookie } = await setup();
    const res = await complete(cookie, advanced.course.id, advanced.lessons[0]!.id);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/locked: complete Basics first/);
    expect(await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id))).toHaveLength(0);
    expect(await handle.db.select().from(learningEvents).where(eq(learningEvents.userId, learner.id))).toHaveLength(0);
  });

  it("the catalog, course and lesson pages say which course unlocks it; the locked lesson body is withheld", async () => {
    const { basics, advanced, learner, cookie } = await setup();
    const catalog = (await (
      await run(() => catalogLoader({ request: get("/", cookie), params: {}, context: {} }))
    ).json()) as CatalogBody;
    const card = catalog.stages.flatMap((s) => s.courses).find((c) => c.id === advanced.course.id);
    expect(card?.lockedBy).toEqual([{ id: basics.course.id, title: "Basics" }]);
    const course = (await (
      await run(() =>
        courseLoader({ request: get("/x", cookie), params: { courseId: advanced.course.id }, context: {} }),
      )
    ).json()) as { lockedBy: unknown[] };
    expect(course.lockedBy).toEqual([{ id: basics.course.id, title: "Basics" }]);
    const lessonRes = await run(() =>
      lessonLoader({
        request: get("/x", cookie),
        params: { courseId: advanced.course.id, lessonId: advanced.lessons[0]!.id },
        context: {},
      }),
    );
    const lesson = (await lessonRes.json()) as { lockedBy: unknown[]; lesson: { body: unknown }; canTrack: boolean };
    expect(lesson.lockedBy).toHaveLength(1);
    expect(lesson.lesson.body).toBeNull();
    expect(lesson.canTrack).toBe(false);
    // Viewing a locked lesson does not start it either.
    expect(await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id))).toHaveLength(0);
  });

  it("completing the prerequisite unlocks the course", async () => {
    const { basics, advanced, learner, cookie } = await setup();
    for (const l of basics.lessons) expect((await complete(cookie, basics.course.id, l.id)).status).toBe(200);
    const res = await complete(cookie, advanced.course.id, advanced.lessons[0]!.id);
    expect(res.status).toBe(200);
    const rows = await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id));
    expect(rows.filter((r) => r.status === "completed")).toHaveLength(3);
  });

  it("half a prerequisite is not enough", async () => {
    const { basics, advanced, learner, cookie } = await setup();
    await markCompleted(handle.db, learner, [basics.lessons[0]!]);
    expect((await complete(cookie, advanced.course.id, advanced.lessons[0]!.id)).status).toBe(403);
  });

  it("draft or archived prerequisites never lock a course (a learner could not take them)", async () => {
    const draft = await createCourse(handle.db, { status: "draft" });
    const archived = await createCourse(handle.db, { archived: true });
    const course = await createCourse(handle.db, { prerequisites: [draft.course.id, archived.course.id] });
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const res = await complete(cookie, course.course.id, course.lessons[0]!.id);
    expect(res.status).toBe(200);
  });

  it("a course only one learner unlocked stays locked for their teammate", async () => {
    const { basics, advanced, learner } = await setup();
    await markCompleted(handle.db, learner, basics.lessons);
    const teammate = await createUser(handle.db, { accountId: learner.accountId });
    const res = await complete(await sessionCookieFor(teammate), advanced.course.id, advanced.lessons[0]!.id);
    expect(res.status).toBe(403);
    expect(await handle.db.select().from(certificates).where(eq(certificates.userId, teammate.id))).toHaveLength(0);
  });
});
