import type { Db } from "#db/index";
import { getEnv } from "#app/env.server";
import { PeriodOutsideDataError } from "../coverage/sources";
import { warmInsights } from "../insights/index.server";
import { computationHooks, yieldToRequests } from "./computations.server";
import { warmImpactReport } from "./impact-report.server";

/**
 * The views kept stored for the current data and build, so nobody waits for them: the impact report's
 * default view, the content insights overview and every course's insights page (docs/decisions/0007).
 * Warmed in the background after the server starts listening and after every data change made in the
 * process (an import, an API batch, a content publish or sync). Each view is claimed before it is
 * computed (report/computations.server.ts): the processes of a cluster share the work, none repeats it.
 */

/**
 * Marks this process as the one serving pages (set by the server at start, read through globalThis because
 * the server script and the app build each hold their own copy of this module). Command-line processes
 * (`npm run import`, `content:sync`) leave the warm-up to the server, which sees their change on its next
 * request: warming in the command would keep it running (and PGlite's directory held) for a report it never shows.
 */
const SERVES_PAGES = Symbol.for("uplift.servesPages");
const marks = globalThis as unknown as Record<symbol, boolean | undefined>;

/** REPORT_WARMUP: on by default in the server (PostgreSQL and PGlite), off in tests (NODE_ENV=test) unless set. */
export function viewWarmUpEnabled() {
  if (computationHooks.warmUp !== undefined) return computationHooks.warmUp;
  if (!marks[SERVES_PAGES]) return false;
  const env = getEnv();
  return (env.REPORT_WARMUP ?? (env.NODE_ENV === "test" ? "off" : "on")) === "on";
}

/** Computes and stores each warm view missing for the current versions, one after another. */
export async function warmStoredViews(db: Db) {
  try {
    await warmImpactReport(db);
    await yieldToRequests();
  } catch (err) {
    // No revenue data yet (a new installation): the report has no default period, nothing to store.
    if (!(err instanceof PeriodOutsideDataError)) console.error("impact report warm-up failed:", err);
  }
  try {
    await warmInsights(db);
  } catch (err) {
    console.error("content insights warm-up failed:", err);
  }
}

let warming: Promise<void> | null = null;
let warmAgain = false;

/**
 * Warms the stored views in the background without blocking the caller (a request, the server start).
 * Coalesced: while one warm-up runs, further changes queue one more (API batches in a row warm once or
 * twice, not once each).
 */
export function scheduleViewWarmUp(db: Db) {
  if (!viewWarmUpEnabled()) return;
  if (warming) {
    warmAgain = true;
    return;
  }
  warming = (async () => {
    do {
      warmAgain = false;
      await warmStoredViews(db);
    } while (warmAgain);
  })().finally(() => {
    warming = null;
  });
}

/**
 * The warm-up after the server starts listening, a moment later: its first answers (a load balancer's
 * health checks, the first page) come first. On PGlite every query runs in the server's own thread.
 */
export function scheduleStartupWarmUp(getDb: () => Promise<Db>, delayMs = 2_000) {
  marks[SERVES_PAGES] = true;
  setTimeout(() => {
    getDb()
      .then(scheduleViewWarmUp)
      .catch((err) => console.error("[uplift] stored views warm-up failed:", err));
  }, delayMs).unref();
}

/** Resolves when no warm-up is running or queued (tests, graceful stops). */
export async function viewWarmUpIdle() {
  while (warming) await warming;
}
