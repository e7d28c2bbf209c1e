import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentTranslations, lessonProgress, users } from "#db/schema/index";
import { queryRows } from "#db/index";
import { syncContent } from "#app/content/sync.server";
import { checkContent } from "#app/content/check.server";
import { sourceHashOf } from "#app/content/translations";
import { courseInsights } from "#app/analytics/insights/course-insights.server";
import { accountWhere } from "#app/analytics/report/load.server";
import { loader as rootLoader } from "#app/root";
import { loader as lessonLoader, action as lessonAction } from "#app/routes/courses.$courseId.$lessonId/route";
import { loader as lessonScript } from "#app/routes/courses.$courseId.$lessonId_.body[.]js";
import { loader as courseLoader } from "#app/routes/courses.$courseId._index";
import { loader as homeLoader } from "#app/routes/_index";
import { action as settingsAction } from "#app/routes/settings._index";
import { createTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { get, post, run, sessionCookieFor } from "../../support/requests";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-i18n-"));
const contentDir = path.join(tmp, "content");
const cacheDir = path.join(tmp, "cache");
const file = (rel: string) => path.join(contentDir, "courses", rel);
const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(file(rel)), { recursive: true }); fs.writeFileSync(file(rel), text); };
const read = (rel: string) => fs.readFileSync(file(rel), "utf8");

const COURSE = "---\nid: intl\ntitle: Time zones\nsummary: Where the workspace time zone lives.\nstage: onboarding\nestimatedMinutes: 10\n---\n\nOverview in English.\n";
const INTRO = "---\nid: intl-intro\ntitle: Introduction\nestimatedMinutes: 5\n---\n\n## Welcome\n\nEnglish words.\n";
const QUIZ = `---\nid: intl-quiz\ntitle: Quiz\nestimatedMinutes: 5\n---\n\n<Quiz>
  <Question id="where" prompt="Where is the time zone set?" explanation="Settings → General holds it.">
    <Option>Settings → Security</Option>
    <Option correct>Settings → General</Option>
  </Question>
</Quiz>\n`;
const deQuiz = (hash: string, correctFirst = false) => `---\ntitle: Quiz auf Deutsch\nsourceHash: ${hash}\n---\n\n<Quiz>
  <Question id="where" prompt="Wo wird die Zeitzone festgelegt?" explanation="Unter Einstellungen → Allgemein.">
    <Option${correctFirst ? " correct" : ""}>Einstellungen → Sicherheit</Option>
    <Option${correctFirst ? "" : " correct"}>Einstellungen → Allgemein</Option>
  </Question>
</Quiz>\n`;

describe("localized courses", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  const check = () => checkContent(contentDir, { cacheDir });
  beforeAll(async () => {
    handle = await createTestDatabase();
    write("intl/course.mdx", COURSE);
    write("intl/01-intro.mdx", INTRO);
    write("intl/02-quiz.mdx", QUIZ);
    write("intl/course.de.mdx", `---\ntitle: Zeitzonen\nsummary: Wo die Zeitzone des Workspace liegt.\nsourceHash: ${sourceHashOf(COURSE)}\n---\n\nÜberblick auf Deutsch.\n`);
    write("intl/02-quiz.de.mdx", deQuiz(sourceHashOf(QUIZ)));
    expect(await check()).toEqual([]);
    expect((await syncContent(handle.db, { contentDir, cacheDir })).problems).toEqual([]);
  });
  afterAll(async () => { await handle.dropDatabase(); fs.rmSync(tmp, { recursive: true, force: true }); });

  it("content:check reports a stale translation at the sourceHash value, with the hash to paste", async () => {
    write("intl/02-quiz.mdx", QUIZ.replace("Where is the time zone set?", "Where do you set the time zone?"));
    try {
      const problems = await check();
      const stale = problems.filter((p) => p.message.startsWith("stale translation"));
      expect(stale).toHaveLength(1);
      const p = stale[0]!;
      expect(p.file).toMatch(/intl\/02-quiz\.de\.mdx$/);
      expect([p.line, p.col]).toEqual([3, 13]); // the value of "sourceHash: …" on line 3
      expect(p.message).toContain(`set sourceHash: ${sourceHashOf(read("intl/02-quiz.mdx"))}`);
    } finally {
      write("intl/02-quiz.mdx", QUIZ);
    }
    expect(await check()).toEqual([]);
  });

  it("content:check reports translations without a source, bad language tags and quizzes shaped unlike the source", async () => {
    write("intl/03-missing.de.mdx", `---\ntitle: Verwaist\nsourceHash: 0123456789abcdef\n---\n\nText.\n`);
    write("intl/01-intro.xx_1.mdx", INTRO);
    write("intl/02-quiz.fr.mdx", deQuiz(sourceHashOf(QUIZ), true));
    write("intl/01-intro.de-ch.mdx", INTRO);
    write("intl/01-intro.zz-1.mdx", INTRO);
    try {
      const messages = (await check()).map((p) => `${path.basename(p.file)}:${p.line}:${p.col} ${p.message}`);
      expect(messages.some((m) => m.startsWith("03-missing.de.mdx:1:1 translation without a source"))).toBe(true);
      expect(messages.some((m) => m.startsWith("01-intro.xx_1.mdx:1:1") && m.includes("lesson file name"))).toBe(true);
      expect(messages.some((m) => m.startsWith("02-quiz.fr.mdx:6:1 question \"where\" must have 2 options"))).toBe(true);
      expect(messages).toContain('01-intro.de-ch.mdx:1:1 write the language tag as "de-CH" (rename the file to 01-intro.de-CH.mdx)');
      expect(messages.some((m) => m.startsWith('01-intro.zz-1.mdx:1:1 "zz-1" in the file name is not a BCP 47 language tag'))).toBe(true);
    } finally {
      for (const f of ["intl/03-missing.de.mdx", "intl/01-intro.xx_1.mdx", "intl/02-quiz.fr.mdx", "intl/01-intro.de-ch.mdx", "intl/01-intro.zz-1.mdx"]) fs.rmSync(file(f));
    }
  });

  it("syncs translations under their source ids", async () => {
    const rows = await handle.db.select({ kind: contentTranslations.kind, id: contentTranslations.id, locale: contentTranslations.locale }).from(contentTranslations).orderBy(contentTranslations.kind);
    expect(rows).toEqual([{ kind: "course", id: "intl", locale: "de" }, { kind: "lesson", id: "intl-quiz", locale: "de" }]);
  });

  it("serves a learner whose profile says de the German course, grades the German quiz against the source and records the language", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    // The language preference, set through the settings form (a bad value is refused, nothing saved).
    const bad = await run(() => settingsAction({ request: post("/settings", { language: "klingon" }, cookie), params: {}, context: {} }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ saved: false, result: { error: { language: [expect.any(String)] } } });
    const ok = await run(() => settingsAction({ request: post("/settings", { language: "de" }, cookie), params: {}, context: {} }));
    expect(ok.status).toBe(200);
    const [saved] = await handle.db.select({ language: users.language }).from(users).where(eq(users.id, learner.id));
    expect(saved!.language).toBe("de");

    const root = (await (await run(() => rootLoader({ request: get("/", cookie), params: {}, context: {} }))).json()) as { locale: string; messages: { nav: { courses: string } } };
    expect(root.locale).toBe("de");
    expect(root.messages.nav.courses).toBe("Kurse");

    const course = (await (await run(() => courseLoader({ request: get("/courses/intl", cookie), params: { courseId: "intl" }, context: {} }))).json()) as { course: { title: string; contentLocale: string } };
    expect(course.course).toMatchObject({ title: "Zeitzonen", contentLocale: "de" });

    const params = { courseId: "intl", lessonId: "intl-quiz" };
    const page = (await (await run(() => lessonLoader({ request: get("/courses/intl/intl-quiz", cookie), params, context: {} }))).json()) as {
      contentLocale: string; fallback: unknown; lesson: { title: string; body: { src: string } }; quiz: { questions: { prompt: string }[] };
    };
    expect(page).toMatchObject({ contentLocale: "de", fallback: null, lesson: { title: "Quiz auf Deutsch" } });
    expect(page.quiz.questions[0]!.prompt).toBe("Wo wird die Zeitzone festgelegt?");
    expect(page.lesson.body.src).toContain("lang=de");
    const script = await (await run(() => lessonScript({ request: get(page.lesson.body.src, cookie), params, context: {} }))).text();
    expect(script).toContain("QuizSlot");
    expect(script).not.toContain("Einstellungen → Allgemein"); // the quiz (answers) never reaches the script

    // The home page's resume card names the open lesson in German.
    const home = (await (await run(() => homeLoader({ request: get("/", cookie), params: {}, context: {} }))).json()) as { resume: { courseTitle: string; lessonTitle: string } | null };
    expect(home.resume).toMatchObject({ courseTitle: "Zeitzonen", lessonTitle: "Quiz auf Deutsch" });
    // A submission with an unanswered question is refused in the learner's language (app/learning/quiz.server.ts).
    const unanswered = await run(() => lessonAction({ request: post("/courses/intl/intl-quiz", { intent: "quiz" }, cookie), params, context: {} }));
    expect(unanswered.status).toBe(400);
    expect(await unanswered.json()).toEqual({ intent: "quiz", status: "refused", error: "Beantworten Sie vor dem Absenden jede Frage (1 offen)." });
    // Option ids are the source's: the second option is right in both languages.
    const graded = await run(() => lessonAction({ request: post("/courses/intl/intl-quiz", { intent: "quiz", "answer.where": "where-o2" }, cookie), params, context: {} }));
    expect(graded.status).toBe(200);
    const [progress] = await handle.db.select().from(lessonProgress).where(and(eq(lessonProgress.userId, learner.id), eq(lessonProgress.lessonId, "intl-quiz")));
    expect(progress).toMatchObject({ status: "completed", locale: "de" });
    const after = await (await run(() => lessonLoader({ request: get("/courses/intl/intl-quiz", cookie), params, context: {} }))).text();
    expect(after).toContain("Unter Einstellungen → Allgemein."); // the explanation, in German

    // An untranslated lesson falls back to English and says so.
    const intro = (await (await run(() => lessonLoader({ request: get("/courses/intl/intl-intro", cookie), params: { courseId: "intl", lessonId: "intl-intro" }, context: {} }))).json()) as { contentLocale: string; fallback: unknown; course: { title: string } };
    expect(intro).toMatchObject({ contentLocale: "en", fallback: { wanted: "de", shown: "en" }, course: { title: "Zeitzonen" } });
  });

  it("without a profile language follows Accept-Language, else English", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    const withHeader = (value: string) => { const r = get("/", cookie); r.headers.set("Accept-Language", value); return r; };
    const localeOf = async (request: Request) => ((await (await run(() => rootLoader({ request, params: {}, context: {} }))).json()) as { locale: string }).locale;
    expect(await localeOf(withHeader("de-CH,de;q=0.9,en;q=0.5"))).toBe("de");
    expect(await localeOf(withHeader("fr-FR,fr;q=0.9"))).toBe("en");
    expect(await localeOf(get("/", cookie))).toBe("en");
    // The profile setting wins over the header.
    await handle.db.update(users).set({ language: "en" }).where(eq(users.id, learner.id));
    const cookie2 = await sessionCookieFor({ ...learner, language: "en" });
    const r = get("/", cookie2); r.headers.set("Accept-Language", "de");
    expect(await localeOf(r)).toBe("en");
  });

  it("insights and the report filter by the language lessons were taken in", async () => {
    const german = await createAccount(handle.db);
    const english = await createAccount(handle.db);
    for (const [account, locale] of [[german, "de"], [english, "en"]] as const) {
      const learner = await createUser(handle.db, { accountId: account.id });
      for (const lessonId of ["intl-intro", "intl-quiz"]) {
        await handle.db.insert(lessonProgress).values({ userId: learner.id, accountId: account.id, lessonId, courseId: "intl", status: "completed", completedAt: new Date(), locale });
      }
    }
    const completedIn = async (language?: string) => (await courseInsights(handle.db, { language })).find((c) => c.id === "intl")!;
    const all = await completedIn();
    const de = await completedIn("de");
    const en = await completedIn("en");
    // The German learner of the test above completed only the quiz (started in German): not a course completion.
    expect([all.completed, de.completed, en.completed]).toEqual([2, 1, 1]);
    expect([all.enrolled, de.enrolled, en.enrolled]).toEqual([3, 2, 1]);
    const accountsIn = async (language: string) => (await queryRows<{ id: string }>(handle.db, sql`
      select a.id from accounts a where ${accountWhere({ language, from: "2020-01-01", to: "2030-01-01", trained: "any", coverage: 20, x: "coverage" })}`)).map((r) => r.id);
    expect(await accountsIn("de")).toContain(german.id);
    expect(await accountsIn("de")).not.toContain(english.id);
    expect(await accountsIn("en")).toEqual([english.id]);
  });
});
