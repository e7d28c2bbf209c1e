import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/**
 * patches/@remix-run+react+2.17.5.patch and patches/react-router-dom+6.30.4.patch (applied by
 * `npm install`): a server render builds the app's route objects once per build, and converts them to
 * data routes once per route array, instead of on every request (with the router patch, that also
 * keeps matching over them cached). These tests render through the real Remix request handler, loaded
 * the way the server loads it (require → the packages' CommonJS builds), with a two-route app.
 */
const require = createRequire(import.meta.url);
const React = require("react") as typeof import("react");
const { renderToString } = require("react-dom/server") as typeof import("react-dom/server");
const { createRequestHandler } = require("@remix-run/node") as typeof import("@remix-run/node");
const { RemixServer, Outlet, useLoaderData, useParams } =
  require("@remix-run/react") as typeof import("@remix-run/react");
const remixRoutes = require("@remix-run/react/dist/routes.js") as {
  createServerRoutes: (...args: unknown[]) => unknown[];
};
const { createStaticRouter } = require("react-router-dom/server") as typeof import("react-router-dom/server");

const h = React.createElement;

function testBuild() {
  const Root = () => h("main", null, h(Outlet));
  const Page = () => {
    const data = useLoaderData() as { greeting: string };
    return h("p", null, `${data.greeting}, ${useParams().name}`);
  };
  const assetRoute = (id: string, path: string, parentId?: string) => ({
    id,
    path,
    parentId,
    module: `/build/${id}.js`,
    imports: [],
    hasLoader: id === "page",
    hasAction: false,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: false,
  });
  return {
    mode: "production",
    isSpaMode: false,
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {},
    entry: {
      module: {
        default: (request: Request, status: number, headers: Headers, context: unknown) =>
          new Response(renderToString(h(RemixServer, { context: context as never, url: request.url })), {
            status,
            headers: { ...Object.fromEntries(headers), "Content-Type": "text/html" },
          }),
      },
    },
    routes: {
      root: { id: "root", path: "", module: { default: Root } },
      page: {
        id: "page",
        parentId: "root",
        path: "hello/:name",
        module: { default: Page, loader: () => ({ greeting: "Hello" }) },
      },
    },
    assets: {
      url: "/build/manifest.js",
      version: "test",
      entry: { module: "/build/entry.js", imports: [] },
      routes: { root: assetRoute("root", ""), page: assetRoute("page", "hello/:name", "root") },
    },
  };
}

describe("server render route objects (patched @remix-run/react and react-router-dom)", () => {
  it("renders each request right while building the route objects once per build", async () => {
    const original = remixRoutes.createServerRoutes;
    let built = 0;
    remixRoutes.createServerRoutes = (...args: unknown[]) => {
      if (args[4] === undefined) built++; // top-level call (it recurses with a parent id)
      return original(...args);
    };
    try {
      const handler = createRequestHandler(testBuild() as never, "production");
      const page = async (name: string) => await (await handler(new Request(`http://localhost/hello/${name}`))).text();
      expect(await page("Ada")).toContain("<p>Hello, Ada</p>");
      expect(await page("Grace")).toContain("<p>Hello, Grace</p>");
      expect(built).toBe(1);
      // A new build (a dev-server reload) gets route objects of its own.
      const reloaded = createRequestHandler(testBuild() as never, "production");
      expect(await (await reloaded(new Request("http://localhost/hello/Linus"))).text()).toContain(
        "<p>Hello, Linus</p>",
      );
      expect(built).toBe(2);
    } finally {
      remixRoutes.createServerRoutes = original;
    }
  });

  it("converts a route array to data routes once, and each render gets its own matches", () => {
    const routes = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "a", path: "a" },
          { id: "b", path: "b" },
        ],
      },
    ];
    const context = (path: string, leaf: string) => ({
      basename: "/",
      location: { pathname: path, search: "", hash: "", state: null, key: "default" },
      loaderData: {},
      actionData: null,
      errors: null,
      statusCode: 200,
      loaderHeaders: {},
      actionHeaders: {},
      activeDeferreds: null,
      matches: [
        { params: {}, pathname: "/", pathnameBase: "/", route: { id: "root" } },
        { params: {}, pathname: path, pathnameBase: path, route: { id: leaf } },
      ],
    });
    const first = createStaticRouter(routes as never, context("/a", "a") as never);
    const second = createStaticRouter(routes as never, context("/b", "b") as never);
    expect(second.routes).toBe(first.routes);
    expect(first.state.matches.map((m) => m.route.id)).toEqual(["root", "a"]);
    expect(second.state.matches.map((m) => m.route.id)).toEqual(["root", "b"]);
    expect(second.state.matches[1]!.route).toBe(second.routes[0]!.children![1]); // the data route, not the input
    const other = createStaticRouter([...routes] as never, context("/a", "a") as never);
    expect(other.routes).not.toBe(first.routes);
  });
});
