import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { bodyLimit } from "./body-limit.server";
import { csrfProtection } from "./csrf.server";
import { securityHeaders } from "./security-headers.server";

export interface AppOptions {
  getBuild: () => ServerBuild;
  mode: "production" | "development";
  maxUploadBytes: number;
}

/** The HTTP app: static files, security middleware, then Remix. Used by scripts/server.ts and tests. */
export function createExpressApp(opts: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(securityHeaders({ dev: opts.mode === "development" }));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.use(csrfProtection);
  app.use(bodyLimit(opts.maxUploadBytes));
  app.all("*", (req, res, next) =>
    createRequestHandler({
      build: opts.getBuild(),
      mode: opts.mode,
      getLoadContext: () => ({ cspNonce: String(res.locals.cspNonce ?? "") }),
    })(req, res, next),
  );
  return app;
}
