import type autocannon from "autocannon";
import { load, type LoadResult } from "../lib/load";
import { loadInterleaved, type InterleavedResult, type Target } from "../lib/interleaved";

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
  cpu: InterleavedResult["cpu"];
}

/** Lesson completions through the real HTTP action, each request a distinct (learner, lesson) pair. */
function completionTarget(baseUrl: string, pairs: WritePair[]) {
  const state = { next: 0, acceptedKeys: [] as string[], statuses: {} as Record<number, number> };
  const target: Target = {
    url: baseUrl,
    requests: [
      {
        method: "POST",
        setupRequest: (req, context) => {
          const pair = pairs[state.next++ % pairs.length]!;
          (context as { key?: string }).key = pair.key;
          return {
            ...req,
            path: pair.path,
            headers: {
              ...req.headers,
              cookie: pair.cookie,
              origin: baseUrl,
              "content-type": "application/x-www-form-urlencoded",
            },
            body: "intent=complete",
          };
        },
        onResponse: (status, _body, context) => {
          state.statuses[status] = (state.statuses[status] ?? 0) + 1;
          if (status >= 200 && status < 300) state.acceptedKeys.push((context as { key: string }).key);
        },
      },
    ] as autocannon.Request[],
  };
  return { target, state };
}

/**
 * The write ceiling measured the same way: the same form POST (cookie, Origin, body, data request)
 * to /bench/bare's action, which goes through the same middleware and Remix action handling and
 * changes nothing. Completions/s is reported as a share of it.
 */
function bareActionTarget(baseUrl: string, cookie: string): Target {
  return {
    url: `${baseUrl}/bench/bare?_data=${encodeURIComponent("routes/bench.bare")}`,
    method: "POST",
    headers: { cookie, origin: baseUrl, "content-type": "application/x-www-form-urlencoded" },
    body: "intent=complete",
  };
}

/** Warms the shared action path (middleware, Remix) before measuring. */
export function warmBareAction(baseUrl: string, cookie: string, seconds: number): Promise<LoadResult> {
  return load({ ...bareActionTarget(baseUrl, cookie), duration: seconds });
}

/** Completions and the bare action, in alternating slices (lib/interleaved.ts) so drift hits both alike. */
export async function benchProgressWrites(
  baseUrl: string,
  pairs: WritePair[],
  cookie: string,
  seconds: number,
  serverPgid: number,
): Promise<{ writes: ProgressWriteResult; bareAction: InterleavedResult }> {
  const { target, state } = completionTarget(baseUrl, pairs);
  const [writes, bareAction] = await loadInterleaved([target, bareActionTarget(baseUrl, cookie)], seconds, serverPgid);
  if (!state.acceptedKeys.length) throw new Error(`no completion accepted; statuses ${JSON.stringify(state.statuses)}`);
  if (state.next > pairs.length)
    throw new Error(`ran out of distinct pairs (${pairs.length}); raise the learner count`);
  return {
    writes: {
      completionsPerSec: writes!.requestsPerSec,
      accepted: state.acceptedKeys.length,
      acceptedKeys: state.acceptedKeys,
      sent: state.next,
      errors: writes!.errors + writes!.non2xx,
      p99: writes!.p99,
      cpu: writes!.cpu,
    },
    bareAction: bareAction!,
  };
}
