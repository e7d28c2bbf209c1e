/**
 * Production (and dev) HTTP server: Express + Remix. Migrates, syncs content and seeds on start.
 * Usage: npm start (builds first) — or npm run dev.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import express from "express";
import { getEnv } from "../app/env.server";
import { prepareDatabase } from "../app/bootstrap.server";
import { closeDb } from "../db/index";
import { securityHeaders } from "../app/utils/security-headers.server";

installGlobals({ nativeFetch: true });
const env = getEnv();
const BUILD_PATH = path.resolve("build/index.js");

async function importBuild(): Promise<ServerBuild> {
  return (await import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`)) as ServerBuild;
}

async function main() {
  await prepareDatabase();
  let build = await importBuild();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(securityHeaders);
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  const mode = env.NODE_ENV === "production" ? "production" : "development";
  const devServer = mode === "development" && !!env.REMIX_DEV_ORIGIN; // started by `remix dev`
  if (devServer) {
    const chokidar = await import("chokidar").catch(() => null);
    chokidar?.watch(path.resolve("build/version.txt"), { ignoreInitial: true }).on("all", async () => {
      build = await importBuild();
      broadcastDevReady(build);
    });
  }
  app.all("*", (req, res, next) => createRequestHandler({ build, mode })(req, res, next));
  const server = app.listen(env.PORT, env.HOST, () => {
    console.log(`[uplift] serving http://localhost:${env.PORT} (${mode})`);
    if (devServer) broadcastDevReady(build);
  });
  const stop = () => server.close(() => void closeDb().finally(() => process.exit(0)));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
