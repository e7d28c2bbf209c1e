import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { reopenTarget, type DbTarget } from "#db/client";
import { getEnv } from "#app/env.server";
import type { Db } from "#db/index";
import { PeriodOutsideDataError } from "../coverage/sources";
import type { InsightsFilters } from "../insights/filters";
import { computationHooks, type Priority } from "./computations.server";
import type { ReportFilterInput } from "./filters";

/**
 * The stored views are computed in ONE worker thread (docs/decisions/0014-view-worker.md), so the server's
 * event loop keeps answering pages and health checks while a view computes (~25 s of CPU at 10,000
 * accounts). The worker (./view-worker.ts) opens the same database (db/client.ts reopenTarget: the
 * PostgreSQL URL, or the server's served PGlite through its endpoint), loads and computes one view at a
 * time and posts the figures back; claims, slots, snapshots and the cache stay in this thread
 * (./cache.server.ts). Views someone asked for go before warm-ups in its queue. A worker that dies is
 * replaced for the next view; the view it was computing fails like a failed computation (the next request
 * retries). Where no other thread can reach the database (an in-memory PGlite in tests, a PGlite a command
 * opened) or the worker file is missing, the view is computed in this thread as before.
 */
export type ViewTask =
  | { kind: "report"; filters: ReportFilterInput }
  | { kind: "insights"; filters: InsightsFilters }
  | { kind: "course"; courseId: string; filters: InsightsFilters };

/** What the main thread posts to the worker. */
export interface ViewRequest {
  id: number;
  task: ViewTask;
  target: DbTarget;
  /** computationHooks.holdInWorker: the worker blocks its thread on it before computing (tests). */
  hold?: Int32Array;
}

/** What the worker posts back: the figures (structured clone) or the error, as plain data. */
export type ViewReply =
  | { id: number; ok: true; value: unknown }
  | {
      id: number;
      ok: false;
      error: { name: string; message: string; stack?: string; coverage?: unknown; suggested?: unknown };
    };

/** The worker's entry, resolved from the working directory like build/index.js (scripts/server.ts). */
const ENTRY = path.resolve("app/analytics/report/view-worker.ts");

interface Pending {
  request: ViewRequest;
  priority: Priority;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

let worker: Worker | null = null;
let busy: Pending | null = null;
const queue: Pending[] = [];
let nextId = 1;

/**
 * The view's figures, computed in the worker when another thread can open this database; else by
 * `inThread` (the same computation, here).
 */
export function computeView<T>(db: Db, task: ViewTask, inThread: () => Promise<T>, priority: Priority = "request") {
  const target = reopenTarget(db);
  const hold = computationHooks.holdInWorker;
  if (!target || !existsSync(ENTRY)) {
    if (hold) return Promise.reject(new Error("computationHooks.holdInWorker: this database has no view worker"));
    return inThread();
  }
  return new Promise<T>((resolve, reject) => {
    const request: ViewRequest = { id: nextId++, task, target, hold };
    queue.push({ request, priority, resolve: resolve as (value: unknown) => void, reject });
    next();
  });
}

/**
 * A computation that has not answered after this long is taken as stuck (one takes ~25 s at 10,000 accounts on
 * a quiet machine, a few minutes under heavy load): the worker is stopped, the view fails like a crashed
 * computation (the next request retries) and a new worker takes the queue (VIEW_WORKER_TIMEOUT_SECONDS, 900).
 */
let watchdog: NodeJS.Timeout | null = null;

function next() {
  if (busy || !queue.length) return;
  const i = queue.findIndex((p) => p.priority === "request");
  busy = queue.splice(i < 0 ? 0 : i, 1)[0]!;
  const w = (worker ??= startWorker());
  w.ref(); // a script waiting for this view (npm run jobs:run's digest) must not end before it
  w.postMessage(busy.request);
  if (!busy.request.hold) {
    const seconds = getEnv().VIEW_WORKER_TIMEOUT_SECONDS;
    watchdog = setTimeout(() => {
      console.error(`[uplift] view worker: no answer after ${seconds} s; stopping it`);
      void w.terminate();
    }, seconds * 1000);
    watchdog.unref();
  }
}

function clearWatchdog() {
  if (watchdog) clearTimeout(watchdog);
  watchdog = null;
}

/**
 * The worker registers tsx's ESM hooks (tsx is a dependency: the server runs under it) before it imports
 * its TypeScript entry: a worker inherits no loader from tsx's command line (nor under vitest), and Node 20
 * loads a worker's entry before its `--import` hooks apply.
 */
function boot() {
  const tsxPackage = createRequire(ENTRY).resolve("tsx/package.json");
  const exports = (JSON.parse(readFileSync(tsxPackage, "utf8")) as TsxPackage).exports["./esm/api"].import.default;
  const api = pathToFileURL(path.join(path.dirname(tsxPackage), exports)).href;
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(ENTRY).href)}); })`;
}
type TsxPackage = { exports: Record<"./esm/api", { import: { default: string } }> };

function startWorker() {
  const w = new Worker(boot(), { eval: true, execArgv: [] });
  w.on("message", (reply: ViewReply) => {
    const done = busy;
    if (!done || done.request.id !== reply.id) return;
    clearWatchdog();
    busy = null;
    if (reply.ok) done.resolve(reply.value);
    else done.reject(rebuildError(reply.error));
    next();
    if (!busy) w.unref(); // idle: it never keeps a script or a test alive
  });
  w.on("error", (err) => console.error("[uplift] view worker failed:", err));
  w.on("exit", (code) => {
    if (worker === w) worker = null;
    clearWatchdog();
    const lost = busy;
    busy = null;
    lost?.reject(new Error(`the view worker exited (code ${code}) while computing ${lost.request.task.kind}`));
    next(); // a new worker for the rest of the queue
  });
  return w;
}

/** The worker's error as this thread would have thrown it (PeriodOutsideDataError keeps its class and fields). */
function rebuildError(e: Extract<ViewReply, { ok: false }>["error"]): Error {
  const err =
    e.name === "PeriodOutsideDataError"
      ? new PeriodOutsideDataError(
          e.message,
          e.coverage as PeriodOutsideDataError["coverage"],
          e.suggested as PeriodOutsideDataError["suggested"],
        )
      : Object.assign(new Error(e.message), { name: e.name });
  if (e.stack) err.stack = e.stack;
  return err;
}

/** Stops the worker (tests; a replacement starts with the next view). */
export async function stopViewWorker() {
  const w = worker;
  worker = null;
  await w?.terminate();
}
