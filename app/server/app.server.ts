import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { bodyLimit } from "./body-limit.server";
import { csrfProtection, oneClickUnsubscribeOrigin } from "./csrf.server";
import { createRemixHandler } from "./remix-handler.server";
import type { TrustProxy } from "./trust-proxy";
import { securityHeaders } from "./security-headers.server";
import { runWithRequestMemo } from "../utils/request-memo.server";

export interface AppOptions {
  getBuild: () => ServerBuild;
  mode: "production" | "development";
  maxUploadBytes: number;
  /** TRUST_PROXY: false = the client is the socket address (X-Forwarded-* ignored). */
  trustProxy: TrustProxy;
  /** EMBED_ALLOWED_ORIGINS: who may frame the /embed/ widget pages. */
  embedOrigins?: readonly string[];
}

/** The JSON API takes batches of at most this size (app/customers/api.server.ts reads no further either). */
export const MAX_API_BODY_BYTES = 5 * 1024 * 1024;

const FILE_PATH = /\.[A-Za-z0-9]+$/;

/** The HTTP app: static files, security middleware, then Remix. Used by scripts/server.ts and tests. */
export function createExpressApp(opts: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", opts.trustProxy);
  app.use(securityHeaders({ dev: opts.mode === "development", embedOrigins: opts.embedOrigins }));
  // First, so no middleware or route (nor Node after the answer) reads more than the limit.
  app.use(
    bodyLimit((path) =>
      path.startsWith("/api/") ? Math.min(MAX_API_BODY_BYTES, opts.maxUploadBytes) : opts.maxUploadBytes,
    ),
  );
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Page URLs have no file extension: they skip the public/ lookup (a stat and an ENOENT error each).
  const publicFiles = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (FILE_PATH.test(req.path) ? publicFiles(req, res, next) : next()));
  app.use(csrfProtection);
  app.use(oneClickUnsubscribeOrigin);
  // One Remix handler per build (creating it derives the route tree: far too costly per request);
  // a new build (dev reload) gets a new handler.
  let handlerBuild: ServerBuild | undefined;
  let handler: ReturnType<typeof createRemixHandler> | undefined;
  app.all("*", (req, res, next) => {
    const build = opts.getBuild();
    if (!handler || build !== handlerBuild) {
      handlerBuild = build;
      handler = createRemixHandler({
        build,
        mode: opts.mode,
        // req.ip honours `trust proxy`: the socket address unless TRUST_PROXY names the proxies in front.
        getLoadContext: (request, response) => ({
          cspNonce: String(response.locals.cspNonce ?? ""),
          clientAddress: request.ip ?? request.socket.remoteAddress ?? "unknown",
        }),
      });
    }
    const serve = handler;
    return runWithRequestMemo(req.method, () => serve(req, res, next));
  });
  return app;
}
