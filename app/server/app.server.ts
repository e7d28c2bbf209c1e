import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { bodyLimit } from "./body-limit.server";
import { csrfProtection } from "./csrf.server";
import { securityHeaders } from "./security-headers.server";
import { runWithRequestMemo } from "../utils/request-memo.server";

export interface AppOptions {
  getBuild: () => ServerBuild;
  mode: "production" | "development";
  maxUploadBytes: number;
}

const FILE_PATH = /\.[A-Za-z0-9]+$/;

/** The HTTP app: static files, security middleware, then Remix. Used by scripts/server.ts and tests. */
export function createExpressApp(opts: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(securityHeaders({ dev: opts.mode === "development" }));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Page URLs have no file extension: they skip the public/ lookup (a stat and an ENOENT error each).
  const publicFiles = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (FILE_PATH.test(req.path) ? publicFiles(req, res, next) : next()));
  app.use(csrfProtection);
  app.use(bodyLimit(opts.maxUploadBytes));
  // One Remix handler per build (creating it derives the route tree: far too costly per request);
  // a new build (dev reload) gets a new handler.
  let handlerBuild: ServerBuild | undefined;
  let handler: ReturnType<typeof createRequestHandler> | undefined;
  app.all("*", (req, res, next) => {
    const build = opts.getBuild();
    if (!handler || build !== handlerBuild) {
      handlerBuild = build;
      handler = createRequestHandler({
        build,
        mode: opts.mode,
        getLoadContext: (_req, response) => ({ cspNonce: String(response.locals.cspNonce ?? "") }),
      });
    }
    const serve = handler;
    return runWithRequestMemo(req.method, () => serve(req, res, next));
  });
  return app;
}
