import { createRequire } from "node:module";
import type { AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

/**
 * patches/@remix-run+router+1.23.3.patch (applied by `npm install`'s postinstall): the server's copy of
 * the router keeps flattened, ranked route branches per route array and compiled path patterns, instead
 * of rebuilding them on every matchRoutes call (several per request). These tests load the router the
 * way the Remix server does (require → dist/router.cjs.js).
 */
const router = createRequire(import.meta.url)("@remix-run/router") as typeof import("@remix-run/router");

type Route = { id: string; path?: string; index?: boolean; children?: Route[] };

/** Routes whose `path` reads are counted: flattening reads every path, matching cached branches none. */
function countedRoutes() {
  let reads = 0;
  const counted = (r: Route): Route =>
    new Proxy(
      { ...r, children: r.children?.map(counted) },
      {
        get(target, key, receiver) {
          if (key === "path") reads++;
          return Reflect.get(target, key, receiver);
        },
      },
    );
  const routes = [
    counted({
      id: "root",
      path: "/",
      children: [
        { id: "home", index: true },
        { id: "course", path: "courses/:courseId" },
        { id: "lesson", path: "courses/:courseId/:lessonId" },
        { id: "splat", path: "*" },
      ],
    }),
  ];
  return { routes: routes as unknown as AgnosticRouteObject[], reads: () => reads };
}

const ids = (m: ReturnType<typeof router.matchRoutes>) => m?.map((x) => x.route.id) ?? null;

describe("server route matching (patched @remix-run/router)", () => {
  it("matches as before: ranking, params, index and splat routes", () => {
    const { routes } = countedRoutes();
    expect(ids(router.matchRoutes(routes, "/"))).toEqual(["root", "home"]);
    const lesson = router.matchRoutes(routes, "/courses/intro/welcome");
    expect(ids(lesson)).toEqual(["root", "lesson"]);
    expect(lesson?.at(-1)?.params).toEqual({ courseId: "intro", lessonId: "welcome" });
    expect(ids(router.matchRoutes(routes, "/COURSES/intro"))).toEqual(["root", "course"]);
    expect(ids(router.matchRoutes(routes, "/nowhere/at/all"))).toEqual(["root", "splat"]);
    // Same pattern, other values: the shared compiled pattern carries no state between calls.
    expect(router.matchRoutes(routes, "/courses/a/b")?.at(-1)?.params).toEqual({ courseId: "a", lessonId: "b" });
  });

  it("flattens and ranks a route array once, not on every call", () => {
    const { routes, reads } = countedRoutes();
    router.matchRoutes(routes, "/courses/intro/welcome");
    const afterFirst = reads();
    expect(afterFirst).toBeGreaterThan(0);
    router.matchRoutes(routes, "/courses/intro/welcome");
    router.matchRoutes(routes, "/courses/intro");
    expect(reads()).toBe(afterFirst);
    // Another array (a new build, or one made per render) is flattened on its own.
    const other = countedRoutes();
    expect(ids(router.matchRoutes(other.routes, "/courses/intro"))).toEqual(["root", "course"]);
    expect(other.reads()).toBeGreaterThan(0);
  });

  it("sees routes added in place by route discovery (patchRoutes)", () => {
    const r = router.createRouter({
      routes: [{ id: "root", path: "/", children: [{ id: "home", index: true }] }],
      history: router.createMemoryHistory(),
    });
    // Discovery during a navigation matches the very array it just patched (its children, in place).
    const routes = r.routes;
    expect(router.matchRoutes(routes, "/reports")).toBeNull();
    r.patchRoutes("root", [{ id: "reports", path: "reports" }]);
    expect(ids(router.matchRoutes(routes, "/reports"))).toEqual(["root", "reports"]);
    expect(ids(router.matchRoutes(r.routes, "/reports"))).toEqual(["root", "reports"]);
    r.dispose();
  });
});
