import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses, lessonProgress, lessons, quizAttempts } from "#db/schema/index";
import { syncContent } from "#app/content/sync.server";
import { loader as lessonLoader, action as lessonAction } from "#app/routes/courses.$courseId.$lessonId/route";
import { loader as lessonScript } from "#app/routes/courses.$courseId.$lessonId_.body[.]js";
import { getLearningHistory } from "#app/learning/history.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { post, get, run, sessionCookieFor } from "../../support/requests";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-content-"));
const cache = path.join(tmp, "cache");
const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(tmp, "content", rel)), { recursive: true }); fs.writeFileSync(path.join(tmp, "content", rel), text); };
const course = (id: string) => `---\nid: ${id}\ntitle: Course ${id}\nsummary: A course used by the sync tests.\nstage: onboarding\nestimatedMinutes: 10\n---\n\nOverview.\n`;
const lesson = (id: string, body = "Body.") => `---\nid: ${id}\ntitle: Lesson ${id}\nestimatedMinutes: 5\n---\n\n## Section\n\n${body}\n`;
const QUIZ = `<Quiz>
  <Question id="where" prompt="Where is the time zone set?" explanation="Settings → General holds it.">
    <Option>Settings → Security</Option>
    <Option correct>Settings → General</Option>
  </Question>
  <Question id="who" prompt="Who can delete data sources?" explanation="Only admins.">
    <Option correct>Admins</Option>
    <Option>Viewers</Option>
  </Question>
</Quiz>`;

describe("content sync and quizzes", () => {
  const handle = useTestDatabase();
  const sync = () => syncContent(handle.db, { contentDir: path.join(tmp, "content"), cacheDir: cache });
  beforeAll(async () => {
    write("courses/basics/course.mdx", course("basics"));
    write("courses/basics/01-intro.mdx", lesson("intro"));
    write("courses/basics/02-quiz.mdx", lesson("settings-quiz", QUIZ));
    write("courses/other/course.mdx", course("other"));
    write("courses/other/01-only.mdx", lesson("only"));
    expect((await sync()).problems).toEqual([]);
  });
  afterAll(async () => { fs.rmSync(tmp, { recursive: true, force: true }); });

  it("keeps answers out of the compiled lesson and the loader data", async () => {
    const [row] = await handle.db.select().from(lessons).where(eq(lessons.id, "settings-quiz"));
    expect(row!.compiledCode).not.toContain("Settings → General holds it");
    expect(row!.compiledCode).toContain("QuizSlot");
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const page = await run(() => lessonLoader({ request: get("/courses/basics/settings-quiz", cookie), params: { courseId: "basics", lessonId: "settings-quiz" }, context: {} }));
    const text = await page.text();
    expect(text).toContain("Where is the time zone set?");
    expect(text).not.toContain("holds it");
    expect(text).not.toMatch(/"correct"\s*:\s*true/);
  });

  it("grades on the server, stores attempts, and completes the lesson only after a pass", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const args = (fields: Record<string, string>) => ({ request: post("/courses/basics/settings-quiz", fields, cookie), params: { courseId: "basics", lessonId: "settings-quiz" }, context: {} });
    expect((await run(() => lessonAction(args({ intent: "complete" })))).status).toBe(409);
    await run(() => lessonAction(args({ intent: "quiz", "answer.where": "where-o1", "answer.who": "who-o1" }))); // 50%
    const done = () => handle.db.select().from(lessonProgress).where(and(eq(lessonProgress.userId, learner.id), eq(lessonProgress.lessonId, "settings-quiz"), eq(lessonProgress.status, "completed")));
    expect(await done()).toHaveLength(0);
    await run(() => lessonAction(args({ intent: "quiz", "answer.where": "where-o2", "answer.who": "who-o1" }))); // 100%
    const attempts = await handle.db.select().from(quizAttempts).where(eq(quizAttempts.userId, learner.id)).orderBy(quizAttempts.attemptNumber);
    expect(attempts.map((a) => [a.attemptNumber, a.score, a.passed])).toEqual([[1, 50, false], [2, 100, true]]);
    expect(await done()).toHaveLength(1);
    // After submitting, the feedback (with explanations) is shown.
    const page = await (await run(() => lessonLoader({ request: get("/x", cookie), params: { courseId: "basics", lessonId: "settings-quiz" }, context: {} }))).text();
    expect(page).toContain("Settings → General holds it.");
  });

  it("lists one history row per quiz attempt, with its score (two attempts used to show four rows)", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const args = (fields: Record<string, string>) => ({ request: post("/courses/basics/settings-quiz", fields, cookie), params: { courseId: "basics", lessonId: "settings-quiz" }, context: {} });
    await run(() => lessonAction(args({ intent: "quiz", "answer.where": "where-o1", "answer.who": "who-o1" }))); // 50%
    await run(() => lessonAction(args({ intent: "quiz", "answer.where": "where-o2", "answer.who": "who-o1" }))); // 100%
    const quizRows = (await getLearningHistory(handle.db, learner.id)).filter((e) => e.objectType === "quiz");
    expect(quizRows.map((e) => [e.verb, e.score])).toEqual([["passed", 100], ["failed", 50]]);
  });

  it("keeps progress when lessons are renamed and reordered, archives removed courses", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    await handle.db.insert(lessonProgress).values({ userId: learner.id, accountId: account.id, lessonId: "intro", courseId: "basics", status: "completed", completedAt: new Date() });
    fs.renameSync(path.join(tmp, "content/courses/basics/01-intro.mdx"), path.join(tmp, "content/courses/basics/03-welcome.mdx"));
    fs.rmSync(path.join(tmp, "content/courses/other"), { recursive: true });
    const r = await sync();
    expect(r).toMatchObject({ archivedCourses: 1, problems: [] });
    const [intro] = await handle.db.select().from(lessons).where(eq(lessons.id, "intro"));
    expect(intro).toMatchObject({ position: 3, slug: "welcome", archivedAt: null });
    expect(await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id))).toHaveLength(1);
    const [other] = await handle.db.select().from(courses).where(eq(courses.id, "other"));
    expect(other!.archivedAt).not.toBeNull();
  });

  it("the lesson page serves a republished lesson at once and stops serving a removed one", async () => {
    // The page keeps compiled lessons in memory; every view checks them against the content hash.
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const params = (lessonId: string) => ({ courseId: "basics", lessonId });
    const view = (lessonId: string) => run(() => lessonLoader({ request: get(`/courses/basics/${lessonId}`, cookie), params: params(lessonId), context: {} }));
    /** The content the page names: its script (the compiled code, text included) at the URL the page gives. */
    const content = async (lessonId: string) => {
      const page = (await (await view(lessonId)).json()) as { lesson: { body: { src: string } } };
      return (await run(() => lessonScript({ request: get(page.lesson.body.src, cookie), params: params(lessonId), context: {} }))).text();
    };
    write("courses/basics/04-fresh.mdx", lesson("fresh", "First version."));
    expect((await sync()).problems).toEqual([]);
    expect(await content("fresh")).toContain("First version.");
    write("courses/basics/04-fresh.mdx", lesson("fresh", "Second version."));
    expect((await sync()).problems).toEqual([]);
    const second = await content("fresh");
    expect(second).toContain("Second version.");
    expect(second).not.toContain("First version.");
    fs.rmSync(path.join(tmp, "content/courses/basics/04-fresh.mdx"));
    expect((await sync()).problems).toEqual([]);
    expect((await view("fresh")).status).toBe(404);
    expect((await run(() => lessonScript({ request: get("/courses/basics/fresh/body.js", cookie), params: params("fresh"), context: {} }))).status).toBe(404);
  });

  it("a completion checks the lesson it remembered against the published version", async () => {
    // The first completion puts the lesson in the process's memory; then a quiz is added to it.
    const account = await createAccount(handle.db);
    const [first, second] = [await createUser(handle.db, { accountId: account.id }), await createUser(handle.db, { accountId: account.id })];
    const complete = async (user: typeof first) => {
      const cookie = await sessionCookieFor(user);
      return run(() => lessonAction({ request: post("/courses/basics/later", { intent: "complete" }, cookie), params: { courseId: "basics", lessonId: "later" }, context: {} }));
    };
    write("courses/basics/05-later.mdx", lesson("later", "No quiz yet."));
    expect((await sync()).problems).toEqual([]);
    expect((await complete(first)).status).toBe(200);
    write("courses/basics/05-later.mdx", lesson("later", QUIZ));
    expect((await sync()).problems).toEqual([]);
    expect((await complete(second)).status).toBe(409); // the quiz now gates completion
    fs.rmSync(path.join(tmp, "content/courses/basics/05-later.mdx"));
    expect((await sync()).problems).toEqual([]);
    expect((await complete(second)).status).toBe(404);
  });

  it("a broken lesson fails the sync and the published version keeps serving", async () => {
    const [before] = await handle.db.select().from(lessons).where(eq(lessons.id, "intro"));
    write("courses/basics/03-welcome.mdx", lesson("intro", "Changed.\n\n<Callout>\nunclosed"));
    const r = await sync();
    expect(r.problems[0]).toMatchObject({ file: expect.stringContaining("03-welcome.mdx"), message: expect.stringContaining("MDX error") });
    const [after] = await handle.db.select().from(lessons).where(eq(lessons.id, "intro"));
    expect(after!.contentHash).toBe(before!.contentHash);
  });
});
