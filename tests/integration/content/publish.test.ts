import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, courses, lessons } from "#db/schema/index";
import { action as publishAction, loader as publishLoader } from "#app/routes/admin.content";
import { loader as lessonLoader } from "#app/routes/courses.$courseId.$lessonId/route";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { FIXTURE_CONTENT } from "../../support/content";
import { get, post, run, sessionCookieFor } from "../../support/requests";

/**
 * Issue 21 item 2: "Publish content" runs the full check and the sync inside the server. Any problem
 * publishes nothing and comes back as path:line:col; a clean publish says what changed, is
 * audit-logged, and the next page view serves the new version (no restart, caches keyed by hash).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-publish-"));
const contentDir = path.join(tmp, "content");
fs.cpSync(FIXTURE_CONTENT, contentDir, { recursive: true });
// The route reads CONTENT_DIR through getEnv(), first called after this line.
process.env.CONTENT_DIR = contentDir;
const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(contentDir, rel)), { recursive: true }); fs.writeFileSync(path.join(contentDir, rel), text); };

/** The action's one reply (conform's result, the problems, what was published). */
type PublishReply = {
  result: { status: string; error?: Record<string, string[] | null> };
  problems: { at: string; message: string }[];
  published: { courses: number; lessons: number; changes: { kind: string; id: string; change: string; text: string }[] } | null;
};

describe("Publish content (/admin/content)", () => {
  const handle = useTestDatabase();
  const cookies = {} as Record<"author" | "admin" | "cs" | "learner", string>;
  const ids = {} as Record<"author" | "admin", string>;
  beforeAll(async () => {
    for (const [name, role] of [["author", "author"], ["admin", "admin"], ["cs", "cs_leader"]] as const) {
      const user = await createUser(handle.db, { role });
      cookies[name] = await sessionCookieFor(user);
      if (name !== "cs") ids[name] = user.id;
    }
    cookies.learner = await sessionCookieFor(await createUser(handle.db, { accountId: (await createAccount(handle.db)).id }));
  });
  afterAll(async () => { fs.rmSync(tmp, { recursive: true, force: true }); });

  const publish = async (cookie: string, intent = "publish") => {
    const res = await run(() => publishAction({ request: post("/admin/content", { intent }, cookie), params: {}, context: {} }));
    return { status: res.status, body: res.status === 403 ? null : await res.json() as PublishReply };
  };
  const publishedCourseIds = async () => (await handle.db.select({ id: courses.id }).from(courses)).map((c) => c.id).sort();

  it("publishes the content folder and lists what it added", async () => {
    const { status, body } = await publish(cookies.admin);
    expect(status).toBe(200);
    expect(body!.published!.changes.map((c) => c.text)).toEqual(expect.arrayContaining(["course added: Fixture basics (fixture-basics)", "lesson added: First fixture lesson (fixture-first)"]));
    expect(await publishedCourseIds()).toEqual(["fixture-basics"]);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "content.published"));
    expect(entry).toMatchObject({ actorUserId: ids.admin, details: expect.objectContaining({ source: "admin page", courses: 1, lessons: 2 }) });
  });

  it("publishes nothing when a file has a problem and shows each problem as path:line:col", async () => {
    write("courses/new-course/course.mdx", "---\nid: new-course\ntitle: New course\nsummary: A course added while the server runs.\nstage: somewhere\nestimatedMinutes: 5\n---\n\nOverview.\n");
    write("courses/new-course/01-start.mdx", "---\nid: new-start\ntitle: Start here\nestimatedMinutes: 5\n---\n\n## Start\n\n<Calout>typo</Calout>\n");
    // A valid edit elsewhere must not go out either: all or nothing.
    write("courses/fixture-basics/02-second.mdx", "---\nid: fixture-second\ntitle: Second fixture lesson, edited\nestimatedMinutes: 5\n---\n\n## Second\n");
    const before = await handle.db.select().from(lessons).where(eq(lessons.id, "fixture-second"));
    const { status, body } = await publish(cookies.author);
    expect(status).toBe(422);
    expect(body!.published).toBeNull();
    expect(body!.result.error?.[""]).toEqual([`Nothing was published: ${body!.problems.length} problem${body!.problems.length === 1 ? "" : "s"} to fix first`]);
    const rel = path.relative(process.cwd(), path.join(contentDir, "courses/new-course/course.mdx"));
    expect(body!.problems).toContainEqual({ at: `${rel}:5:1`, message: expect.stringContaining("frontmatter stage") });
    expect(body!.problems.every((p) => /^\S+\.mdx:\d+:\d+$/.test(p.at))).toBe(true);
    expect(await publishedCourseIds()).toEqual(["fixture-basics"]);
    expect(await handle.db.select().from(lessons).where(eq(lessons.id, "fixture-second"))).toEqual(before);
    const refused = await handle.db.select().from(auditLog).where(eq(auditLog.action, "content.publish_refused"));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ actorUserId: ids.author });
  });

  it("once fixed, publishes and says what changed; the lesson page serves the new version at once", async () => {
    const params = { courseId: "fixture-basics", lessonId: "fixture-second" };
    const view = async () => (await (await run(() => lessonLoader({ request: get("/courses/fixture-basics/fixture-second", cookies.author), params, context: {} }))).json()) as { lesson: { title: string; body: { key: string } } };
    const old = await view();
    expect(old.lesson.title).toBe("Second fixture lesson");
    write("courses/new-course/course.mdx", "---\nid: new-course\ntitle: New course\nsummary: A course added while the server runs.\nstage: adoption\nestimatedMinutes: 5\n---\n\nOverview.\n");
    write("courses/new-course/01-start.mdx", "---\nid: new-start\ntitle: Start here\nestimatedMinutes: 5\n---\n\n## Start\n\n<Callout>fixed</Callout>\n");
    const { status, body } = await publish(cookies.author);
    expect(status).toBe(200);
    expect(body!.published!.changes.map((c) => c.text).sort()).toEqual([
      "course added: New course (new-course)", "lesson added: Start here (new-start)", "lesson updated: Second fixture lesson, edited (fixture-second)",
    ]);
    expect(await publishedCourseIds()).toEqual(["fixture-basics", "new-course"]);
    const fresh = await view();
    expect(fresh.lesson.title).toBe("Second fixture lesson, edited");
    expect(fresh.lesson.body.key).not.toBe(old.lesson.body.key);
    // Publishing again changes nothing, and says so (still audit-logged: someone pressed the button).
    const again = await publish(cookies.admin);
    expect(again.body!.published!.changes).toEqual([]);
    const published = await handle.db.select().from(auditLog).where(inArray(auditLog.action, ["content.published"]));
    expect(published).toHaveLength(3);
  });

  it("archives a removed course (learners' progress kept) and lists it", async () => {
    fs.rmSync(path.join(contentDir, "courses/new-course"), { recursive: true });
    const { body } = await publish(cookies.admin);
    expect(body!.published!.changes.map((c) => c.text)).toEqual(["course archived: New course (new-course)", "lesson archived: Start here (new-start)"]);
    const [row] = await handle.db.select().from(courses).where(eq(courses.id, "new-course"));
    expect(row!.archivedAt).not.toBeNull();
  });

  it("is for authors and admins only; the page lists what is published and the latest publishes", async () => {
    for (const who of ["cs", "learner"] as const) {
      expect((await publish(cookies[who])).status).toBe(403);
      expect((await run(() => publishLoader({ request: get("/admin/content", cookies[who]), params: {}, context: {} }))).status).toBe(403);
    }
    // Anything but the page's button is refused with a form error, publishing and logging nothing.
    const audit = (await handle.db.select().from(auditLog)).length;
    const courseRows = await handle.db.select().from(courses);
    for (const intent of ["delete-everything", ""]) {
      const refused = await publish(cookies.admin, intent);
      expect(refused.status).toBe(400);
      expect(refused.body!.result.error?.intent).toEqual(["This form only publishes content: reload the page and press Publish content."]);
      expect(refused.body!.published).toBeNull();
    }
    expect((await handle.db.select().from(auditLog)).length).toBe(audit);
    expect(await handle.db.select().from(courses)).toEqual(courseRows);
    const page = await (await run(() => publishLoader({ request: get("/admin/content", cookies.author), params: {}, context: {} }))).json();
    expect(page.published.map((c: { id: string }) => c.id)).toEqual(["fixture-basics"]);
    expect(page.history[0]).toMatchObject({ action: "content.published", changes: 2 });
    expect(page.history.some((h: { action: string; problems: number }) => h.action === "content.publish_refused" && h.problems >= 1)).toBe(true);
  });
});
