import type { ViewState } from "./view-state";

/** Seconds a machine client (CSV download, API) is asked to wait before asking again. */
export const RETRY_AFTER_SECONDS = 15;

/**
 * The answer to a CSV export or an API call while the figures are being computed: 503 with Retry-After,
 * never older figures (a file or a JSON document carries no banner saying they are old).
 */
export function computingResponse(state: Exclude<ViewState<unknown>, { status: "current" }>, kind: "text" | "json") {
  const since = state.status === "computing" ? state.since : state.recomputingSince;
  const seconds = Math.max(0, Math.round((Date.now() - since) / 1000));
  const message = `The figures are being computed for the current data (started ${seconds} s ago). Try again in ${RETRY_AFTER_SECONDS} seconds.`;
  const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
  if (kind === "json")
    return new Response(
      JSON.stringify({
        error: { code: "computing", message, details: { startedAt: new Date(since).toISOString() } },
      }),
      { status: 503, headers: { ...headers, "Content-Type": "application/json" } },
    );
  return new Response(message, { status: 503, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}
