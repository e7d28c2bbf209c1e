/**
 * HTTP server: migrates, syncs content and seeds on start, then serves the Remix build.
 * Usage: npm start (builds first, production) — or npm run dev (remix dev, rebuilds on change).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import { getEnv } from "../app/env.server";
import { prepareDatabase } from "../app/bootstrap.server";
import { createExpressApp } from "../app/server/app.server";
import { closeDb, getDb } from "../db/index";
import { startWebhookWorker } from "../app/learning/webhooks/deliver.server";

installGlobals({ nativeFetch: true });
const env = getEnv();
const BUILD_PATH = path.resolve("build/index.js");

async function importBuild(): Promise<ServerBuild> {
  return (await import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`)) as ServerBuild;
}

async function main() {
  await prepareDatabase();
  let build = await importBuild();
  const mode = env.NODE_ENV === "production" ? "production" : "development";
  const devServer = mode === "development" && !!env.REMIX_DEV_ORIGIN; // started by `remix dev`
  if (devServer) {
    const chokidar = await import("chokidar");
    chokidar.watch(path.resolve("build/version.txt"), { ignoreInitial: true }).on("all", async () => {
      build = await importBuild();
      broadcastDevReady(build);
    });
  }
  const app = createExpressApp({ getBuild: () => build, mode, maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024 });
  const stopWorker = startWebhookWorker(getDb);
  const server = app.listen(env.PORT, env.HOST, () => {
    console.log(`[uplift] serving http://localhost:${env.PORT} (${mode})`);
    if (devServer) broadcastDevReady(build);
  });
  const stop = () => {
    stopWorker();
    server.close(() => void closeDb().finally(() => process.exit(0)));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
