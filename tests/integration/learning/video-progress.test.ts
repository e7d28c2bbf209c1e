import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lessons, videoProgress } from "#db/schema/index";
import type { LessonVideo } from "#db/schema/learning";
import { action as videoAction } from "#app/routes/resources.video-progress";
import { action as lessonAction, loader as lessonLoader } from "#app/routes/courses.$courseId.$lessonId/route";
import { computeCourseInsightsPage } from "#app/analytics/insights/index.server";
import { createTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { createCourse } from "../../support/learning";
import { get, post, run, sessionCookieFor } from "../../support/requests";

const CLIP: LessonVideo = { key: "src:/media/clip.webm", title: "The clip", durationSeconds: null };
const TALK: LessonVideo = { key: "youtube:abc123", title: "The talk", durationSeconds: 60 };

describe("video progress", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let fixture: Awaited<ReturnType<typeof createCourse>>;
  let required: { id: string; courseId: string };
  let optional: { id: string; courseId: string };
  beforeAll(async () => {
    handle = await createTestDatabase();
    fixture = await createCourse(handle.db, {
      title: "Watching",
      lessons: [{ title: "Watch this" }, { title: "Optional viewing" }, { title: "Last" }],
    });
    required = fixture.lessons[0]!;
    optional = fixture.lessons[1]!;
    await handle.db
      .update(lessons)
      .set({ videos: [CLIP, TALK], requireWatch: 80 })
      .where(eq(lessons.id, required.id));
    await handle.db
      .update(lessons)
      .set({ videos: [CLIP] })
      .where(eq(lessons.id, optional.id));
  });
  afterAll(async () => {
    await handle.dropDatabase();
  });

  async function learnerWithOpenLesson(lesson = required, accountId?: string) {
    const account = accountId ? { id: accountId } : await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    await run(() =>
      lessonLoader({
        request: get("/x", cookie),
        params: { courseId: fixture.course.id, lessonId: lesson.id },
        context: {},
      }),
    );
    return { learner, cookie, accountId: account.id };
  }
  const report = (
    cookie: string | undefined,
    fields: { lessonId?: string; videoKey?: string; duration?: number; intervals: [number, number][]; userId?: string },
  ) =>
    run(() =>
      videoAction({
        request: post(
          "/resources/video-progress",
          {
            lessonId: fields.lessonId ?? required.id,
            videoKey: fields.videoKey ?? CLIP.key,
            duration: String(fields.duration ?? 100),
            intervals: JSON.stringify(fields.intervals),
            ...(fields.userId ? { userId: fields.userId } : {}),
          },
          cookie,
        ),
        params: {},
        context: {},
      }),
    );
  /** Pretend the last accepted report was `seconds` ago: the server bounds new watching by the clock since then. */
  const lastReportAgo = (userId: string, seconds: number) =>
    handle.db
      .update(videoProgress)
      .set({ updatedAt: sql`now() - make_interval(secs => ${seconds})` })
      .where(eq(videoProgress.userId, userId));
  const rowOf = async (userId: string, lessonId: string, key: string) =>
    (
      await handle.db
        .select()
        .from(videoProgress)
        .where(
          and(eq(videoProgress.userId, userId), eq(videoProgress.lessonId, lessonId), eq(videoProgress.videoKey, key)),
        )
    )[0];
  const complete = (cookie: string, lessonId = required.id) =>
    run(() =>
      lessonAction({
        request: post("/x", { intent: "complete" }, cookie),
        params: { courseId: fixture.course.id, lessonId },
        context: {},
      }),
    );
  /** Watches `seconds` of a video in honest steps (each report after the clock has moved on). */
  async function watch(userId: string, cookie: string, key: string, duration: number, from: number, to: number) {
    for (let s = from; s < to; s += 10) {
      await lastReportAgo(userId, 10);
      const res = await report(cookie, { videoKey: key, duration, intervals: [[s, Math.min(to, s + 10)]] });
      expect(res.status).toBe(200);
    }
  }

  it("merges the intervals played, counting each second once, in the learner's one row", async () => {
    const { learner, cookie } = await learnerWithOpenLesson();
    expect(await (await report(cookie, { intervals: [[0, 10]] })).json()).toEqual({
      percent: 10,
      watchedSeconds: 10,
      durationSeconds: 100,
    });
    await lastReportAgo(learner.id, 30);
    const res = await report(cookie, {
      intervals: [
        [0, 10],
        [5, 20],
        [50, 60],
      ],
    });
    expect(await res.json()).toMatchObject({ percent: 30, watchedSeconds: 30 });
    await lastReportAgo(learner.id, 30);
    await report(cookie, {
      intervals: [
        [55, 58],
        [19, 21],
      ],
    }); // overlaps: one more second
    expect(await rowOf(learner.id, required.id, CLIP.key)).toMatchObject({
      watched: [
        [0, 21],
        [50, 60],
      ],
      watchedSeconds: 31,
      durationSeconds: 100,
    });
  });

  it("never lets a client claim more than the video's duration", async () => {
    const { learner, cookie } = await learnerWithOpenLesson();
    await report(cookie, { intervals: [[0, 5]] }); // the first report fixes an undeclared duration: 100 s
    await lastReportAgo(learner.id, 3600);
    const past = await report(cookie, { duration: 1000, intervals: [[0, 500]] });
    expect(past.status).toBe(422);
    expect(await rowOf(learner.id, required.id, CLIP.key)).toMatchObject({ watchedSeconds: 5, durationSeconds: 100 });
    // A declared duration (<Video duration={60}>) wins over whatever the player claims.
    const declared = await report(cookie, { videoKey: TALK.key, duration: 3600, intervals: [[0, 5]] });
    expect(await declared.json()).toMatchObject({ durationSeconds: 60, percent: 8 });
    await lastReportAgo(learner.id, 3600);
    expect((await report(cookie, { videoKey: TALK.key, duration: 3600, intervals: [[0, 120]] })).status).toBe(422);
    // Malformed reports are refused outright.
    expect((await report(cookie, { intervals: [[-1, 5]] })).status).toBe(400);
    expect(
      (
        await run(() =>
          videoAction({
            request: post(
              "/r",
              { lessonId: required.id, videoKey: CLIP.key, duration: "100", intervals: "[[0," },
              cookie,
            ),
            params: {},
            context: {},
          }),
        )
      ).status,
    ).toBe(400);
  });

  it("refuses more watching than the wall clock allows since the last accepted report (a crafted request)", async () => {
    const { learner, cookie } = await learnerWithOpenLesson();
    const greedy = await report(cookie, { intervals: [[0, 90]] });
    expect(greedy.status).toBe(429);
    expect(await rowOf(learner.id, required.id, CLIP.key)).toMatchObject({ watchedSeconds: 0 });
    await lastReportAgo(learner.id, 60); // a minute later, at up to 2× speed
    expect((await report(cookie, { intervals: [[0, 90]] })).status).toBe(200);
  });

  it("refuses the completion below the share with the rule and the learner's share, allows it above", async () => {
    const { learner, cookie } = await learnerWithOpenLesson();
    await watch(learner.id, cookie, CLIP.key, 100, 0, 90);
    await watch(learner.id, cookie, TALK.key, 60, 0, 30);
    const refused = await complete(cookie);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      intent: "complete",
      status: "refused",
      error: "Watch at least 80% of each video to complete this lesson: you have watched 50%.",
    });
    const page = await (
      await run(() =>
        lessonLoader({
          request: get("/x", cookie),
          params: { courseId: fixture.course.id, lessonId: required.id },
          context: {},
        }),
      )
    ).json();
    expect(page).toMatchObject({
      completed: false,
      videoShares: { [CLIP.key]: 90, [TALK.key]: 50 },
      watchRule: { required: 80, percent: 50, met: false, videoCount: 2 },
    });
    await watch(learner.id, cookie, TALK.key, 60, 30, 48);
    const allowed = await complete(cookie);
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ intent: "complete", status: "completed" });
  });

  it("without a requireWatch a lesson with a video completes plainly (the no-JavaScript form)", async () => {
    const { cookie } = await learnerWithOpenLesson(optional);
    expect((await complete(cookie, optional.id)).status).toBe(200);
  });

  it("records only the signed-in learner's own watching, of a lesson they opened; staff are refused", async () => {
    const a = await learnerWithOpenLesson();
    const b = await learnerWithOpenLesson(fixture.lessons[2]!); // opened another lesson only
    expect((await report(b.cookie, { intervals: [[0, 5]] })).status).toBe(404);
    expect((await report(a.cookie, { intervals: [[0, 5]], userId: b.learner.id })).status).toBe(403);
    expect(
      (await report(a.cookie, { videoKey: "src:/media/not-in-this-lesson.webm", intervals: [[0, 5]] })).status,
    ).toBe(404);
    expect((await report(a.cookie, { lessonId: fixture.lessons[2]!.id, intervals: [[0, 5]] })).status).toBe(404);
    expect(await rowOf(b.learner.id, required.id, CLIP.key)).toBeUndefined();
    const author = await createUser(handle.db, { role: "author", accountId: null });
    const authorCookie = await sessionCookieFor(author);
    await run(() =>
      lessonLoader({
        request: get("/x", authorCookie),
        params: { courseId: fixture.course.id, lessonId: required.id },
        context: {},
      }),
    );
    expect((await report(authorCookie, { intervals: [[0, 5]] })).status).toBe(403);
    expect((await report(undefined, { intervals: [[0, 5]] })).status).toBe(302);
    expect(await handle.db.select().from(videoProgress).where(eq(videoProgress.userId, author.id))).toEqual([]);
  });

  it("insights show watch-through per video: learners started, median share, share reaching the requirement, n", async () => {
    const fresh = await createCourse(handle.db, { title: "Insight videos", lessons: [{ title: "Two videos" }] });
    const lesson = fresh.lessons[0]!;
    await handle.db
      .update(lessons)
      .set({ videos: [CLIP, TALK], requireWatch: 50 })
      .where(eq(lessons.id, lesson.id));
    const account = await createAccount(handle.db);
    const shares = [20, 50, 60, 90]; // of CLIP (100 s); nobody has started TALK
    for (const watched of shares) {
      const learner = await createUser(handle.db, { accountId: account.id });
      await handle.db.insert(videoProgress).values({
        userId: learner.id,
        accountId: account.id,
        lessonId: lesson.id,
        courseId: fresh.course.id,
        videoKey: CLIP.key,
        durationSeconds: 100,
        watched: [[0, watched]],
        watchedSeconds: watched,
      });
    }
    const page = await computeCourseInsightsPage(handle.db, fresh.course.id, {});
    expect(page!.videos).toEqual([
      expect.objectContaining({
        lessonId: lesson.id,
        videoKey: CLIP.key,
        videoTitle: "The clip",
        started: 4,
        medianShare: 0.55,
        requireWatch: 50,
        reachedRequirementRate: 0.75,
      }),
      expect.objectContaining({ videoKey: TALK.key, started: 0, medianShare: null, reachedRequirementRate: null }),
    ]);
    const other = await computeCourseInsightsPage(handle.db, fresh.course.id, { segment: "no-such-segment" });
    expect(other!.videos[0]).toMatchObject({ started: 0 });
  });
});
