/**
 * The stored views' worker thread (started by ./view-worker.server.ts, docs/decisions/0014-view-worker.md):
 * opens the database it is given once, then loads and computes one view per message and posts the figures
 * back. Only computations run here: claims, snapshots and the cache stay in the server's thread.
 */
import { parentPort, threadId } from "node:worker_threads";
import { createDb, type Db, type DbTarget } from "#db/client";
import { computeCourseInsightsPage, computeInsightsOverview } from "../insights/index.server";
import { computeImpactReport } from "./impact-report.server";
import type { ViewReply, ViewRequest, ViewTask } from "./view-worker.server";

const port = parentPort!;
const opened = new Map<string, Promise<Db>>();

function database(target: DbTarget) {
  const key = JSON.stringify(target);
  let db = opened.get(key);
  if (!db) {
    db = createDb(target).then((h) => h.db);
    db.catch(() => opened.delete(key));
    opened.set(key, db);
  }
  return db;
}

function compute(db: Db, task: ViewTask): Promise<unknown> {
  switch (task.kind) {
    case "report":
      return computeImpactReport(db, task.filters);
    case "insights":
      return computeInsightsOverview(db, task.filters);
    case "course":
      return computeCourseInsightsPage(db, task.courseId, task.filters);
  }
}

port.on("message", async ({ id, task, target, hold }: ViewRequest) => {
  let reply: ViewReply;
  try {
    if (hold) {
      // A test holds this thread synchronously (nothing here runs until it lets go) and looks at the server.
      Atomics.store(hold, 1, threadId);
      Atomics.store(hold, 2, 1);
      Atomics.notify(hold, 2);
      Atomics.wait(hold, 0, 0);
    }
    reply = { id, ok: true, value: await compute(await database(target), task) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const fields = e as Error & { coverage?: unknown; suggested?: unknown };
    const error = {
      name: e.name,
      message: e.message,
      stack: e.stack,
      coverage: fields.coverage,
      suggested: fields.suggested,
    };
    reply = { id, ok: false, error };
  }
  port.postMessage(reply);
});
