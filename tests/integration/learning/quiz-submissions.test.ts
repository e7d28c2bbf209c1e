import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningEvents, lessonProgress, lessons, quizAttempts, webhookDeliveries, webhooks } from "#db/schema/index";
import { submitQuiz } from "#app/learning/quiz.server";
import { syncContent } from "#app/content/sync.server";
import { action as lessonAction } from "#app/routes/courses.$courseId.$lessonId/route";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { markCompleted } from "../../support/learning";
import { post, run, sessionCookieFor } from "../../support/requests";

// Issue 15 items 10 and 11: quiz submissions honour the lesson page's prerequisite gate, and parallel
// submissions by one learner are numbered safely (never a 500 from the attempt-number unique key).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-quiz-gate-"));
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(tmp, "content", rel)), { recursive: true });
  fs.writeFileSync(path.join(tmp, "content", rel), text);
};
const course = (id: string, prerequisites: string[] = []) =>
  `---\nid: ${id}\ntitle: Course ${id}\nsummary: A course for the quiz gate tests.\nstage: onboarding\nestimatedMinutes: 10\nprerequisites: [${prerequisites.join(", ")}]\n---\n\nOverview.\n`;
const lesson = (id: string, body = "Body.") =>
  `---\nid: ${id}\ntitle: Lesson ${id}\nestimatedMinutes: 5\n---\n\n## Section\n\n${body}\n`;
const QUIZ = `<Quiz>
  <Question id="where" prompt="Where is the time zone set?" explanation="Settings → General holds it.">
    <Option>Settings → Security</Option>
    <Option correct>Settings → General</Option>
  </Question>
</Quiz>`;
const PASS = { intent: "quiz", "answer.where": "where-o2" };
const FAIL = { intent: "quiz", "answer.where": "where-o1" };

describe("quiz submissions", () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    write("courses/first/course.mdx", course("qg-first"));
    write("courses/first/01-intro.mdx", lesson("qg-intro"));
    write("courses/locked/course.mdx", course("qg-locked", ["qg-first"]));
    write("courses/locked/01-quiz.mdx", lesson("qg-quiz", QUIZ));
    const r = await syncContent(handle.db, {
      contentDir: path.join(tmp, "content"),
      cacheDir: path.join(tmp, "cache"),
    });
    expect(r.problems).toEqual([]);
    // A webhook subscribed to quiz.submitted (never delivered here: only the queue is looked at).
    await handle.db
      .insert(webhooks)
      .values({ url: "https://hooks.example.com/uplift", events: ["quiz.submitted"], secret: "whsec_test" });
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function learner() {
    const account = await createAccount(handle.db);
    const user = await createUser(handle.db, { accountId: account.id });
    return { user, cookie: await sessionCookieFor(user) };
  }
  const submit = (cookie: string, fields: Record<string, string>) =>
    run(() =>
      lessonAction({
        request: post("/courses/qg-locked/qg-quiz", fields, cookie),
        params: { courseId: "qg-locked", lessonId: "qg-quiz" },
        context: {},
      }),
    );
  const quizDeliveriesFor = async (userId: string) =>
    (await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.event, "quiz.submitted"))).filter(
      (d) => (d.payload as { data: { learnerId: string } }).data.learnerId === userId,
    );

  it("refuses a submission while the course is locked by a prerequisite: nothing stored, no webhook", async () => {
    const { user, cookie } = await learner();
    const res = await submit(cookie, PASS);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/locked.*Course qg-first/);
    expect(await handle.db.select().from(quizAttempts).where(eq(quizAttempts.userId, user.id))).toHaveLength(0);
    expect(await handle.db.select().from(learningEvents).where(eq(learningEvents.userId, user.id))).toHaveLength(0);
    expect(await quizDeliveriesFor(user.id)).toHaveLength(0);
  });

  it("accepts the submission once the prerequisite is complete", async () => {
    const { user, cookie } = await learner();
    const prerequisite = await handle.db.select().from(lessons).where(eq(lessons.courseId, "qg-first"));
    await markCompleted(handle.db, user, prerequisite);
    expect((await submit(cookie, PASS)).status).toBe(200);
    expect(await handle.db.select().from(quizAttempts).where(eq(quizAttempts.userId, user.id))).toHaveLength(1);
    expect(await quizDeliveriesFor(user.id)).toHaveLength(1);
  });

  it("numbers 20 parallel submissions by one learner 1..20 and never answers 500", async () => {
    const { user, cookie } = await learner();
    await markCompleted(
      handle.db,
      user,
      await handle.db.select().from(lessons).where(eq(lessons.courseId, "qg-first")),
    );
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(cookie, i % 5 === 4 ? PASS : FAIL)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s >= 200 && s < 500)).toBe(true);
    const stored = await handle.db
      .select()
      .from(quizAttempts)
      .where(eq(quizAttempts.userId, user.id))
      .orderBy(quizAttempts.attemptNumber);
    const accepted = statuses.filter((s) => s === 200).length;
    expect(stored).toHaveLength(accepted);
    expect(stored.map((a) => a.attemptNumber)).toEqual(Array.from({ length: accepted }, (_, i) => i + 1));
    expect(accepted).toBe(20); // the learner row lock queues them: every one is stored
    expect(await quizDeliveriesFor(user.id)).toHaveLength(20);
  });

  it("stores a passing attempt and the completion it carries in one transaction: a failing completion leaves neither", async () => {
    const { user } = await learner();
    const prerequisite = await handle.db.select().from(lessons).where(eq(lessons.courseId, "qg-first"));
    await markCompleted(handle.db, user, prerequisite);
    // A failure injected into the completion's write (after the attempt's rows), for this learner only.
    await handle.db.execute(
      sql.raw(`create or replace function qg_fail_completion() returns trigger language plpgsql as $$
        begin
          if new.user_id = '${user.id}'::uuid and new.lesson_id = 'qg-quiz' then
            raise exception 'injected completion failure';
          end if;
          return new;
        end $$`),
    );
    await handle.db.execute(
      sql`create trigger qg_fail_completion before insert or update on lesson_progress
          for each row execute function qg_fail_completion()`,
    );
    const form = new FormData();
    form.set("answer.where", "where-o2");
    try {
      const failure = await submitQuiz(
        handle.db,
        { id: user.id, accountId: user.accountId! },
        "qg-locked",
        "qg-quiz",
        form,
      ).then(
        () => null,
        (e: unknown) => e as Error & { cause?: unknown },
      );
      expect(String(failure?.cause ?? failure)).toMatch(/injected completion failure/);
    } finally {
      await handle.db.execute(sql`drop trigger qg_fail_completion on lesson_progress`);
      await handle.db.execute(sql`drop function qg_fail_completion()`);
    }
    expect(await handle.db.select().from(quizAttempts).where(eq(quizAttempts.userId, user.id))).toHaveLength(0);
    expect(
      await handle.db
        .select()
        .from(learningEvents)
        .where(and(eq(learningEvents.userId, user.id), eq(learningEvents.objectId, "qg-quiz"))),
    ).toHaveLength(0);
    expect(await quizDeliveriesFor(user.id)).toHaveLength(0);
    // Without the failure the same submission stores both.
    const ok = await submitQuiz(handle.db, { id: user.id, accountId: user.accountId! }, "qg-locked", "qg-quiz", form);
    expect(ok).toMatchObject({ ok: true, passed: true, completion: { status: "completed", newlyCompleted: true } });
    expect(await handle.db.select().from(quizAttempts).where(eq(quizAttempts.userId, user.id))).toHaveLength(1);
    const [progress] = await handle.db
      .select()
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, user.id), eq(lessonProgress.lessonId, "qg-quiz")));
    expect(progress?.status).toBe("completed");
  });

  it("the lesson action answers one reply shape: a survey before the course is complete is refused (409)", async () => {
    const { cookie } = await learner();
    const res = await run(() =>
      lessonAction({
        request: post("/courses/qg-first/qg-intro", { intent: "survey", recommend: "9" }, cookie),
        params: { courseId: "qg-first", lessonId: "qg-intro" },
        context: {},
      }),
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      intent: "survey",
      status: "refused",
      error: "Finish the course before rating it.",
    });
    const invalid = await run(() =>
      lessonAction({
        request: post("/courses/qg-first/qg-intro", { intent: "rate", comment: "no score" }, cookie),
        params: { courseId: "qg-first", lessonId: "qg-intro" },
        context: {},
      }),
    );
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      intent: "rate",
      status: "invalid",
      error: "Choose a rating from 1 to 5.",
      result: { error: { rating: ["Choose a rating from 1 to 5."] } },
    });
  });
});
