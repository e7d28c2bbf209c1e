import { sql } from "drizzle-orm";
import type { DbHandle } from "../../db/client";
import { queryRows } from "../../db/client";
import { quantile } from "simple-statistics";

export interface ReportBenchResult {
  accounts: number;
  progressRows: number;
  coldMs: number;
  warm: { p50: number; p95: number };
  scanFloorMs: number;
}

/** The reference: one count(*) over the progress table (median of 5), measured before the server starts. */
export async function scanFloor(handle: DbHandle) {
  const [counts] = await queryRows<{ accounts: number; progress: number }>(
    handle.db,
    sql`select (select count(*)::int from accounts) as accounts, (select count(*)::int from lesson_progress) as progress`,
  );
  const scan: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await queryRows(handle.db, sql`select count(*) from lesson_progress`);
    scan.push(performance.now() - t);
  }
  return {
    accounts: counts!.accounts,
    progressRows: counts!.progress,
    scanFloorMs: Math.round(quantile(scan, 0.5) * 10) / 10,
  };
}

/** Time of one GET as the signed-in user (the full answer read). */
async function timeGet(url: string, cookie: string) {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  await res.arrayBuffer();
  return performance.now() - t;
}

/** The first (cold) request of a page, then warm repeats: milliseconds, p50 and p95. */
async function coldThenWarm(url: string, cookie: string, repeats: number) {
  const coldMs = await timeGet(url, cookie);
  const warm: number[] = [];
  for (let i = 0; i < repeats; i++) warm.push(await timeGet(url, cookie));
  return {
    coldMs: Math.round(coldMs),
    warm: { p50: Math.round(quantile(warm, 0.5)), p95: Math.round(quantile(warm, 0.95)) },
  };
}

/** Server time of GET /report as a CS leader: the first (cold) request, then warm repeats. */
export async function benchReport(
  baseUrl: string,
  cookie: string,
  floor: Awaited<ReturnType<typeof scanFloor>>,
  repeats = 20,
): Promise<ReportBenchResult> {
  return { ...floor, ...(await coldThenWarm(`${baseUrl}/report?from=2025-11-01&to=2026-10-31`, cookie, repeats)) };
}

/** The content insights overview and one course's page, cold then warm, on the same data as the report. */
export async function benchInsightsPages(baseUrl: string, cookie: string, repeats = 20) {
  const out: ({ path: string } & Awaited<ReturnType<typeof coldThenWarm>>)[] = [];
  for (const path of ["/insights", "/insights/courses/getting-started"])
    out.push({ path, ...(await coldThenWarm(`${baseUrl}${path}`, cookie, repeats)) });
  return out;
}
