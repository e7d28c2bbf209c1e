import vm from "node:vm";
import * as React from "react";
import * as ReactDOM from "react-dom";
import * as jsxRuntime from "react/jsx-runtime";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as lessonLoader } from "#app/routes/courses.$courseId.$lessonId/route";
import { loader as courseLoader } from "#app/routes/courses.$courseId._index";
import { loader as lessonScript } from "#app/routes/courses.$courseId.$lessonId_.body[.]js";
import { loader as overviewScript } from "#app/routes/courses.$courseId.overview[.]js";
import { mdxComponents } from "#app/components/mdx/index";
import type { MdxFactory, MdxRef } from "#app/components/mdx/compiled-mdx";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { createCourse } from "../../support/learning";
import { syncFixtureContent } from "../../support/content";
import { get, run, sessionCookieFor } from "../../support/requests";

/** Runs a content script the way a browser would (no eval anywhere) and renders what it registered. */
function renderScript(source: string, key: string): string {
  const self: { __upliftMdx?: Record<string, MdxFactory> } = {};
  vm.runInNewContext(source, { self });
  const factory = self.__upliftMdx?.[key];
  expect(factory).toBeTypeOf("function");
  const Component = factory!(React, ReactDOM, jsxRuntime).default;
  return renderToStaticMarkup(React.createElement(Component, { components: mdxComponents }));
}

describe("lesson content scripts (CSP without 'unsafe-eval')", () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    await syncFixtureContent(handle.db);
  });

  const lessonParams = { courseId: "fixture-basics", lessonId: "fixture-first" };
  async function learnerCookie() {
    const account = await createAccount(handle.db);
    return sessionCookieFor(await createUser(handle.db, { accountId: account.id }));
  }

  it("the lesson page names its content script, which renders the lesson and is cached for good", async () => {
    const cookie = await learnerCookie();
    const page = (await (await run(() => lessonLoader({ request: get("/courses/fixture-basics/fixture-first", cookie), params: lessonParams, context: {} }))).json()) as { lesson: Record<string, unknown> & { body: MdxRef } };
    expect(page.lesson).not.toHaveProperty("code"); // the code travels once, in the cacheable script
    const res = await run(() => lessonScript({ request: get(page.lesson.body.src, cookie), params: lessonParams, context: {} }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const html = renderScript(await res.text(), page.lesson.body.key);
    expect(html).toContain(">Hello<");
    expect(html).toContain("Fixture tip.");
  });

  it("a URL naming another version gets the current content, revalidated every time", async () => {
    const cookie = await learnerCookie();
    const res = await run(() => lessonScript({ request: get("/courses/fixture-basics/fixture-first/body.js?v=stale", cookie), params: lessonParams, context: {} }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(await res.text()).toMatch(/__upliftMdx/);
  });

  it("is refused to the signed-out, to learners of a locked course, and (for drafts) to everyone but authors", async () => {
    const anonymous = await run(() => lessonScript({ request: get("/courses/fixture-basics/fixture-first/body.js"), params: lessonParams, context: {} }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);

    const basics = await createCourse(handle.db, { title: "Basics" });
    const advanced = await createCourse(handle.db, { title: "Advanced", prerequisites: [basics.course.id] });
    const cookie = await learnerCookie();
    const lockedParams = { courseId: advanced.course.id, lessonId: advanced.lessons[0]!.id };
    const locked = await run(() => lessonScript({ request: get("/x", cookie), params: lockedParams, context: {} }));
    expect(locked.status).toBe(403);
    expect(await locked.text()).not.toMatch(/__upliftMdx/);

    const draft = await createCourse(handle.db, { status: "draft" });
    const draftParams = { courseId: draft.course.id, lessonId: draft.lessons[0]!.id };
    expect((await run(() => lessonScript({ request: get("/x", cookie), params: draftParams, context: {} }))).status).toBe(404);
    const author = await sessionCookieFor(await createUser(handle.db, { role: "author" }));
    expect((await run(() => lessonScript({ request: get("/x", author), params: draftParams, context: {} }))).status).toBe(200);
  });

  it("the course page names its overview script, which renders the overview", async () => {
    const cookie = await learnerCookie();
    const params = { courseId: "fixture-basics" };
    const page = (await (await run(() => courseLoader({ request: get("/courses/fixture-basics", cookie), params, context: {} }))).json()) as { course: { overview: MdxRef } };
    expect(page.course.overview.src).toBe(`/courses/fixture-basics/overview.js?v=${page.course.overview.key}`);
    const res = await run(() => overviewScript({ request: get(page.course.overview.src, cookie), params, context: {} }));
    expect(res.status).toBe(200);
    expect(renderScript(await res.text(), page.course.overview.key)).toContain("Overview of the fixture course.");
    const none = await createCourse(handle.db); // no overview text
    expect((await run(() => overviewScript({ request: get("/x", cookie), params: { courseId: none.course.id }, context: {} }))).status).toBe(404);
  });
});
