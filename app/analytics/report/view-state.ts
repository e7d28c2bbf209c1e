/**
 * What a page of stored figures gets (app/analytics/report/cache.server.ts): current figures, older
 * figures while newer ones compute, or only "being computed". Shared by the loaders and the banner.
 */
export type ViewState<T> =
  | { status: "current"; value: T; computedAt: number }
  | {
      status: "stale";
      value: T;
      computedAt: number;
      /** What is newer than the figures: the data, or only the app (a deploy: new formulas). */
      reason: "data" | "code";
      /** When the computation of the current figures started (claimed, or asked for in this process). */
      recomputingSince: number;
    }
  | { status: "computing"; since: number };

/** What a page shows about its figures' freshness (serializable; times as UTC text, so server and browser agree). */
export type Freshness =
  | { status: "current" }
  | { status: "stale"; computedAt: string; reason: "data" | "code"; recomputingSince: string; secondsAgo: number }
  | { status: "computing"; since: string; secondsAgo: number };

/** Seconds between the page's checks for the new figures (revalidation with JavaScript, meta refresh without). */
export const REFRESH_SECONDS = 5;

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
const ago = (ms: number, now: number) => Math.max(0, Math.round((now - ms) / 1000));

export function freshnessOf(state: ViewState<unknown>, now = Date.now()): Freshness {
  if (state.status === "current") return { status: "current" };
  if (state.status === "computing")
    return { status: "computing", since: utc(state.since), secondsAgo: ago(state.since, now) };
  return {
    status: "stale",
    computedAt: utc(state.computedAt),
    reason: state.reason,
    recomputingSince: utc(state.recomputingSince),
    secondsAgo: ago(state.recomputingSince, now),
  };
}
