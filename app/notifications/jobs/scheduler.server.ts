import type { Db } from "#db/index";
import { deliverDue } from "#app/learning/webhooks/deliver.server";
import { planNotifications } from "../plan.server";
import { sendNotification } from "../send.server";
import { drainJobs, WORKER_ID, type JobHandler } from "./queue.server";

/** Every job the queue knows how to run. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  "notification.send": sendNotification,
};

/**
 * One pass of scheduled work: queue what is due (idempotent), send due webhook deliveries, run due jobs.
 * Safe in several processes at once: the planner's keys are unique and both queues claim rows with
 * FOR UPDATE SKIP LOCKED.
 */
export async function runScheduledWork(db: Db, opts: { now?: Date; plan?: boolean; worker?: string } = {}) {
  const planned = opts.plan === false ? 0 : await planNotifications(db, opts.now);
  let webhooks = 0;
  for (let n; (n = await deliverDue(db)) > 0;) webhooks += n;
  const ran = await drainJobs(db, JOB_HANDLERS, { worker: opts.worker ?? WORKER_ID });
  return { planned, webhooks, ran };
}

/**
 * The scheduler inside the server process (scripts/server.ts starts it unless SCHEDULER=off): polls
 * every `pollSeconds`, plans every `planSeconds`. Returns a stop function.
 */
export function startScheduler(getDb: () => Promise<Db>, opts: { pollSeconds: number; planSeconds: number }) {
  let running = false;
  let lastPlan = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const plan = Date.now() - lastPlan >= opts.planSeconds * 1000;
      if (plan) lastPlan = Date.now();
      await runScheduledWork(await getDb(), { plan });
    } catch (err) {
      console.error("[uplift] scheduler:", err instanceof Error ? err.message : err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.pollSeconds * 1000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
