import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { lessonProgress } from "#db/schema/index";
import { action as lessonAction, loader as lessonLoader } from "#app/routes/courses.$courseId.$lessonId/route";
import { loader as courseLoader } from "#app/routes/courses.$courseId._index";
import { loader as catalogLoader } from "#app/routes/_index";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { syncFixtureContent } from "../../support/content";
import { get, post, run, sessionCookieFor } from "../../support/requests";

describe("learner pages authorization", () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    await syncFixtureContent(handle.db);
  });

  it.each([
    ["catalog", "/", () => catalogLoader({ request: get("/"), params: {}, context: {} })],
    [
      "course",
      "/courses/fixture-basics",
      () =>
        courseLoader({ request: get("/courses/fixture-basics"), params: { courseId: "fixture-basics" }, context: {} }),
    ],
    [
      "lesson",
      "/courses/fixture-basics/fixture-first",
      () =>
        lessonLoader({
          request: get("/courses/fixture-basics/fixture-first"),
          params: { courseId: "fixture-basics", lessonId: "fixture-first" },
          context: {},
        }),
    ],
  ])("anonymous visitors of the %s page are sent to sign-in", async (_name, path, call) => {
    const res = await run(call);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  });

  it("anonymous POST to complete a lesson is refused and writes nothing", async () => {
    const res = await run(() =>
      lessonAction({
        request: post("/courses/fixture-basics/fixture-first", { intent: "complete" }),
        params: { courseId: "fixture-basics", lessonId: "fixture-first" },
        context: {},
      }),
    );
    expect(res.status).toBe(302);
    expect(await handle.db.select().from(lessonProgress)).toHaveLength(0);
  });

  it("a learner cannot write another learner's progress with a crafted user id", async () => {
    const accountA = await createAccount(handle.db);
    const accountB = await createAccount(handle.db);
    const mallory = await createUser(handle.db, { accountId: accountA.id });
    const victim = await createUser(handle.db, { accountId: accountB.id });
    const cookie = await sessionCookieFor(mallory);
    const res = await run(() =>
      lessonAction({
        request: post("/x", { intent: "complete", userId: victim.id }, cookie),
        params: { courseId: "fixture-basics", lessonId: "fixture-first" },
        context: {},
      }),
    );
    expect(res.status).toBe(403);
    expect(await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, victim.id))).toHaveLength(0);
    expect(await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, mallory.id))).toHaveLength(0);
  });

  it("a lesson id that does not belong to the course in the URL is refused", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const res = await run(() =>
      lessonAction({
        request: post("/x", { intent: "complete" }, cookie),
        params: { courseId: "no-such-course", lessonId: "fixture-first" },
        context: {},
      }),
    );
    expect(res.status).toBe(404);
  });

  it("staff without a customer account cannot record learner progress", async () => {
    const cs = await createUser(handle.db, { role: "cs_leader" });
    const cookie = await sessionCookieFor(cs);
    const res = await run(() =>
      lessonAction({
        request: post("/x", { intent: "complete" }, cookie),
        params: { courseId: "fixture-basics", lessonId: "fixture-first" },
        context: {},
      }),
    );
    expect(res.status).toBe(403);
  });
});
