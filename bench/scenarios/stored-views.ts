import { quantile } from "simple-statistics";

/**
 * Pages of stored figures while they are (re)computed (docs/decisions/0007-report-cache.md): how fast the
 * first answer comes and what it shows (current figures, older ones labelled "stale", or "computing"),
 * how long until the page shows current figures, and how /healthz answers meanwhile (the computation
 * runs in the server process: this is what other users feel).
 */
export type FiguresState = "current" | "stale" | "computing";

export interface PageUntilCurrent {
  path: string;
  firstMs: number;
  firstState: FiguresState;
  /** The slowest answer while polling every 2 s until current (each waits at most ~3 s for the computation). */
  maxAnswerMs: number;
  currentAfterS: number;
}

/**
 * fetch, asked again on a reset connection: a keep-alive socket the server closes while the client reuses
 * it (its idle timer fires late after a long synchronous step) is a client-side race, not an answer.
 */
async function fetchRetrying(url: string, init: RequestInit, attempts = 3): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (attempts <= 1) throw err;
    return fetchRetrying(url, init, attempts - 1);
  }
}

async function probe(url: string, cookie: string) {
  const t = performance.now();
  const res = await fetchRetrying(url, { headers: { cookie }, redirect: "manual" });
  const html = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const state: FiguresState = html.includes('data-figures="computing"')
    ? "computing"
    : html.includes('data-figures="stale"')
      ? "stale"
      : "current";
  return { ms, state };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** /healthz every 250 ms until stopped: p50, p99 and max in ms. */
function pingHealth(baseUrl: string) {
  const times: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = performance.now();
      // A reset keep-alive connection is retried by the next ping, not counted.
      const ok = await fetch(`${baseUrl}/healthz`).then(
        (r) => r.arrayBuffer().then(() => r.ok),
        () => null,
      );
      if (ok !== null) times.push(performance.now() - t);
      await sleep(250);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    if (!times.length) return null;
    return {
      n: times.length,
      p50: Math.round(quantile(times, 0.5)),
      p99: Math.round(quantile(times, 0.99)),
      max: Math.round(Math.max(...times)),
    };
  };
}

/** Each page requested at once (in turn), then polled every 2 s until it shows current figures. */
export async function pagesUntilCurrent(baseUrl: string, cookie: string, paths: string[], timeoutS = 900) {
  const stopHealth = pingHealth(baseUrl);
  const t0 = performance.now();
  const pages: PageUntilCurrent[] = [];
  const first = [];
  for (const path of paths) first.push({ path, ...(await probe(`${baseUrl}${path}`, cookie)) });
  for (const f of first) {
    let state = f.state;
    let max = f.ms;
    while (state !== "current") {
      if (performance.now() - t0 > timeoutS * 1000) throw new Error(`${f.path} not current after ${timeoutS} s`);
      await sleep(2000);
      const p = await probe(`${baseUrl}${f.path}`, cookie);
      state = p.state;
      max = Math.max(max, p.ms);
    }
    pages.push({
      path: f.path,
      firstMs: Math.round(f.ms),
      firstState: f.state,
      maxAnswerMs: Math.round(max),
      currentAfterS: Math.round((performance.now() - t0) / 100) / 10,
    });
  }
  return { pages, healthz: await stopHealth() };
}

/** A data load as a CRM sync makes it: one subscription row through the import API (report:read data changes). */
export async function importOneSubscription(baseUrl: string, token: string, account: string, externalId: string) {
  const t = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/subscriptions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      rows: [{ external_id: externalId, account, start_date: "2026-06-01", mrr: 500, seats: 5 }],
    }),
  });
  if (res.status !== 200) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  return Math.round(performance.now() - t);
}
