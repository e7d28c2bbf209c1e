import autocannon from "autocannon";
import { load, type LoadResult } from "../lib/load";

export interface WritePair {
  cookie: string;
  path: string;
  key: string; // userId:lessonId
}

export interface ProgressWriteResult {
  completionsPerSec: number;
  accepted: number;
  acceptedKeys: string[];
  sent: number;
  errors: number;
  p99: number;
}

/** Lesson completions through the real HTTP action, each request a distinct (learner, lesson) pair. */
export async function benchProgressWrites(baseUrl: string, pairs: WritePair[], seconds: number): Promise<ProgressWriteResult> {
  let next = 0;
  const acceptedKeys: string[] = [];
  const statuses: Record<number, number> = {};
  const result = await autocannon({
    url: baseUrl,
    connections: 32,
    duration: seconds,
    requests: [{
      method: "POST",
      setupRequest: (req, context) => {
        const pair = pairs[next++ % pairs.length]!;
        (context as { key?: string }).key = pair.key;
        return {
          ...req,
          path: pair.path,
          headers: { ...req.headers, cookie: pair.cookie, origin: baseUrl, "content-type": "application/x-www-form-urlencoded" },
          body: "intent=complete",
        };
      },
      onResponse: (status, _body, context) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300) acceptedKeys.push((context as { key: string }).key);
      },
    }],
  });
  if (!acceptedKeys.length) throw new Error(`no completion accepted; statuses ${JSON.stringify(statuses)}`);
  if (next > pairs.length) throw new Error(`ran out of distinct pairs (${pairs.length}); raise the learner count`);
  return { completionsPerSec: Math.round(acceptedKeys.length / seconds), accepted: acceptedKeys.length, acceptedKeys, sent: next, errors: result.errors + result.non2xx, p99: result.latency.p99 };
}

/**
 * The write ceiling measured the same way: the same form POST (cookie, Origin, body, data request)
 * to /bench/bare's action, which goes through the same middleware and Remix action handling and
 * changes nothing. Completions/s is reported as a share of it.
 */
export async function benchBareAction(baseUrl: string, cookie: string, seconds: number): Promise<LoadResult> {
  return load({
    url: `${baseUrl}/bench/bare?_data=${encodeURIComponent("routes/bench.bare")}`,
    method: "POST",
    headers: { cookie, origin: baseUrl, "content-type": "application/x-www-form-urlencoded" },
    body: "intent=complete",
    duration: seconds,
  });
}
