import autocannon from "autocannon";
import { quantileSorted } from "simple-statistics";
import { sampleCpu, type CpuPerRequest } from "./cpu";
import type { LoadResult } from "./load";

/** One thing to load: autocannon options (url, method, headers, body or `requests`), reused for every slice. */
export type Target = autocannon.Options;
export type InterleavedResult = LoadResult & { cpu: CpuPerRequest | null };

/**
 * Loads several targets for `seconds` each, in alternating slices (A B, B A, A B…) instead of one
 * long run after the other: this machine's speed drifts by up to 2× within minutes, and a ratio
 * between two runs taken a minute apart measured the drift as much as the code. Each target's
 * req/s is its successful (2xx) answers over its own loaded time (a refused completion is not a
 * completion); errors and non-2xx answers are reported beside it; p50/p99 come from every response time of all its
 * slices; CPU per request (server tree, PostgreSQL, this process) is summed over its slices. The
 * first half second of each slice (32 connections opening at once, behind what the previous slice
 * left queued) counts for CPU but not for req/s, nor do requests sent in it for latency: at 2 s
 * slices that start-up would otherwise weigh five times what it does in one 10 s run.
 */
const SETTLE_MS = 500;
export async function loadInterleaved(
  targets: Target[],
  seconds: number,
  serverPgid: number,
  slices = 5,
): Promise<InterleavedResult[]> {
  const acc = targets.map(() => ({
    total: 0,
    ok: 0,
    ms: 0,
    errors: 0,
    non2xx: 0,
    latencies: [] as number[],
    server: 0,
    database: 0,
    own: 0,
    cpuKnown: true,
  }));
  const sliceSeconds = Math.max(1, Math.round(seconds / slices));
  for (let round = 0; round < slices; round++) {
    const order = targets.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const a = acc[i]!;
      const before = sampleCpu(serverPgid);
      const ownBefore = process.cpuUsage();
      const started = performance.now();
      // Without a callback autocannon returns its tracker (an EventEmitter) made thenable.
      const instance = autocannon({
        connections: 32,
        ...targets[i]!,
        duration: sliceSeconds,
      }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
      instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
        const at = performance.now() - started;
        if (at < SETTLE_MS) return;
        if (status >= 200 && status < 300) a.ok++;
        // Latency only of requests sent after the start-up: the first ones queue behind 32 new connections.
        if (at - responseTime >= SETTLE_MS) a.latencies.push(responseTime);
      });
      const r = await instance;
      a.ms += performance.now() - started - SETTLE_MS;
      const own = process.cpuUsage(ownBefore);
      const after = sampleCpu(serverPgid);
      a.total += r.requests.total;
      a.errors += r.errors;
      a.non2xx += r.non2xx;
      a.own += (own.user + own.system) / 1000;
      if (before && after) {
        a.server += after.server - before.server;
        a.database += after.database - before.database;
      } else {
        a.cpuKnown = false;
      }
    }
  }
  const per = (x: number, n: number) => Math.round((x / n) * 100) / 100;
  return acc.map((a) => {
    const sorted = a.latencies.sort((x, y) => x - y);
    return {
      requestsPerSec: Math.round(a.ok / (a.ms / 1000)),
      p50: sorted.length ? Math.round(quantileSorted(sorted, 0.5)) : 0,
      p99: sorted.length ? Math.round(quantileSorted(sorted, 0.99)) : 0,
      errors: a.errors,
      non2xx: a.non2xx,
      total: a.total,
      cpu:
        a.cpuKnown && a.total > 0
          ? {
              serverMs: per(a.server, a.total),
              databaseMs: per(a.database, a.total),
              loadGeneratorMs: per(a.own, a.total),
            }
          : null,
    };
  });
}
