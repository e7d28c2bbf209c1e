/**
 * HTTP server: migrates, syncs content and seeds on start, then serves the Remix build.
 * Usage: npm start (builds first, production) — or npm run dev (remix dev, rebuilds on change).
 * WEB_CONCURRENCY=N (PostgreSQL only) runs N server processes on one port with node:cluster: the
 * primary prepares the database once, then forks the workers and replaces any that die.
 */
import cluster from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import { getEnv } from "../app/env.server";
import { prepareDatabase } from "../app/bootstrap.server";
import { createExpressApp } from "../app/server/app.server";
import { closeDb, getDb, getDbHandle, targetFromEnv, useDatabase } from "../db/index";
import { startScheduler } from "../app/notifications/jobs/scheduler.server";
import { startImportSweeper } from "../app/customers/import/retention.server";
import { scheduleStartupWarmUp } from "../app/analytics/report/warm-up.server";

installGlobals({ nativeFetch: true });
const env = getEnv(); // also creates the generated session secret before any worker starts
const BUILD_PATH = path.resolve("build/index.js");
const mode = env.NODE_ENV === "production" ? "production" : "development";

async function importBuild(): Promise<ServerBuild> {
  return (await import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`)) as ServerBuild;
}

/** The cluster's primary: prepares the database, forks the workers, keeps their number, stops them on a signal. */
async function runPrimary(workers: number) {
  await prepareDatabase();
  await closeDb();
  let stopping = false;
  const restarts: number[] = [];
  const fork = (n: number) =>
    cluster.fork({ UPLIFT_WORKER: String(n) }).on("exit", (code, signal) => {
      if (stopping) return;
      restarts.push(Date.now());
      if (restarts.filter((t) => Date.now() - t < 60_000).length > 2 * workers) {
        console.error(`[uplift] workers keep exiting (last: ${signal ?? code}); stopping`);
        process.exit(1);
      }
      console.error(`[uplift] worker ${n} exited (${signal ?? code}); starting another`);
      fork(n);
    });
  for (let n = 1; n <= workers; n++) fork(n);
  console.log(`[uplift] ${workers} server processes on http://localhost:${env.PORT} (${mode})`);
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    const exitWhenDone = () => {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
    };
    cluster.on("exit", exitWhenDone);
    exitWhenDone();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/** One server process: the only one, or a worker of the cluster. */
async function runServer() {
  if (cluster.isWorker)
    await getDbHandle(); // the primary migrated and synced already
  else await prepareDatabase();
  let build = await importBuild();
  const devServer = mode === "development" && !!env.REMIX_DEV_ORIGIN; // started by `remix dev`
  if (devServer) {
    const chokidar = await import("chokidar");
    chokidar.watch(path.resolve("build/version.txt"), { ignoreInitial: true }).on("all", async () => {
      build = await importBuild();
      broadcastDevReady(build);
    });
  }
  const app = createExpressApp({
    getBuild: () => build,
    mode,
    maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
    trustProxy: env.TRUST_PROXY,
    embedOrigins: env.EMBED_ALLOWED_ORIGINS,
  });
  // The scheduler (reminders, digests, webhook deliveries) runs in every server process: jobs are claimed
  // with SKIP LOCKED and keyed for idempotency, so several processes share the work without double sends.
  const stopWorker =
    env.SCHEDULER === "on"
      ? startScheduler(getDb, { pollSeconds: env.SCHEDULER_POLL_SECONDS, planSeconds: env.SCHEDULER_PLAN_SECONDS })
      : () => {};
  // Uploads nobody imported and old rejected-row values are removed at start and hourly (one process is enough).
  const stopSweeper = !cluster.isWorker || process.env.UPLIFT_WORKER === "1" ? startImportSweeper(getDb) : () => {};
  const server = app.listen(env.PORT, env.HOST, () => {
    if (cluster.isWorker) console.log(`[uplift] worker ${process.env.UPLIFT_WORKER} (pid ${process.pid}) serving`);
    else console.log(`[uplift] serving http://localhost:${env.PORT} (${mode})`);
    if (devServer) broadcastDevReady(build);
    // The stored views (default report, insights, every course's insights) computed for this data and build
    // in the background, unless stored already; each process claims views before computing them, so the
    // processes of a cluster share the work (app/analytics/report/warm-up.server.ts).
    scheduleStartupWarmUp(getDb);
  });
  const stop = () => {
    stopWorker();
    stopSweeper();
    server.close(() => void closeDb().finally(() => process.exit(0)));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

function main() {
  // On PGlite the server also serves its database to CLI commands (db/pglite-serve.ts): one opener.
  const target = targetFromEnv();
  if (target.kind === "pglite") useDatabase({ ...target, serve: true });
  const workers = env.DATABASE_URL && mode === "production" ? env.WEB_CONCURRENCY : 1;
  if (env.WEB_CONCURRENCY > 1 && workers === 1) {
    console.warn(
      "[uplift] WEB_CONCURRENCY needs PostgreSQL (DATABASE_URL) in production: PGlite allows one process; serving with one",
    );
  }
  return cluster.isPrimary && workers > 1 ? runPrimary(workers) : runServer();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
