import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { quantileSorted } from "simple-statistics";
import { writeUsageCsv } from "./import";

export interface Latencies {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}
export interface ResponsivenessResult {
  rows: number;
  importSeconds: number;
  status: string;
  healthz: Latencies;
  progressPage: Latencies;
  intervalMs: number;
  failedRequests: number;
  firstFailure: string | null;
}

const HEALTHZ_EVERY_MS = 100;
const PROGRESS_EVERY_MS = 1000;

function summary(ms: number[]): Latencies {
  const sorted = [...ms].sort((a, b) => a - b);
  const q = (p: number) => (sorted.length ? Math.round(quantileSorted(sorted, p)) : NaN);
  return { samples: sorted.length, p50: q(0.5), p99: q(0.99), max: Math.round(sorted.at(-1) ?? NaN) };
}

/**
 * Server responsiveness during a big import started the way a CS leader starts it (upload, map,
 * import in the server's background): /healthz is requested every 100 ms whether or not earlier
 * requests have answered (open loop, so a stall counts every request it holds up), and the import's
 * own progress page every second, until the import ends.
 */
export async function benchImportResponsiveness(
  baseUrl: string,
  cookie: string,
  rows: number,
  subscriptionIds: string[],
): Promise<ResponsivenessResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-bench-responsive-"));
  const file = path.join(dir, "usage.csv");
  await writeUsageCsv(file, rows, subscriptionIds);
  const headers = { Cookie: cookie };
  try {
    const upload = new FormData();
    upload.set("kind", "feature_usage");
    upload.set("source", "bench");
    upload.set("file", new Blob([fs.readFileSync(file)], { type: "text/csv" }), "usage.csv");
    const uploaded = await fetch(`${baseUrl}/admin/imports`, {
      method: "POST",
      body: upload,
      headers,
      redirect: "manual",
    });
    const mapUrl = uploaded.headers.get("Location");
    if (!mapUrl) throw new Error(`upload refused: ${uploaded.status} ${await uploaded.text()}`);
    const mapping = (await (
      await fetch(`${baseUrl}${mapUrl}&_data=${encodeURIComponent("routes/admin.imports.new")}`, { headers })
    ).json()) as { mapping: Record<string, string>; dateFormat: string };
    const form = new URLSearchParams({ intent: "import", dateFormat: mapping.dateFormat });
    for (const [field, header] of Object.entries(mapping.mapping)) form.set(`map.${field}`, header);
    const started = performance.now();
    const startedJob = await fetch(`${baseUrl}${mapUrl}`, { method: "POST", body: form, headers, redirect: "manual" });
    const jobUrl = startedJob.headers.get("Location");
    if (!jobUrl?.startsWith("/admin/imports/jobs/"))
      throw new Error(`import not started: ${startedJob.status} ${await startedJob.text()}`);

    const healthz: number[] = [];
    const progress: number[] = [];
    const inFlight = new Set<Promise<void>>();
    const failures: string[] = [];
    // A new connection per request (as a load balancer's health check): no keep-alive race with the server's idle timeout.
    const timed = (url: string, into: number[], check?: (body: string) => void) => {
      const t = performance.now();
      const p: Promise<void> = new Promise<void>((resolve, reject) => {
        http
          .get(url, { headers, agent: false }, (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (d: string) => (body += d));
            res.on("end", () => {
              into.push(performance.now() - t);
              if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode}`));
              try {
                check?.(body);
                resolve();
              } catch (err) {
                reject(err);
              }
            });
          })
          .on("error", reject);
      })
        .catch((err: unknown) => {
          failures.push(String(err));
        })
        .finally(() => {
          inFlight.delete(p);
        });
      inFlight.add(p);
    };
    let phase = "reading";
    let status = "";
    const pollProgress = () =>
      timed(`${baseUrl}${jobUrl}?_data=${encodeURIComponent("routes/admin.imports.jobs.$jobId")}`, progress, (body) => {
        const job = JSON.parse(body) as { phase: string; error: string | null; result: { status: string } | null };
        phase = job.phase;
        status = job.result?.status ?? job.error ?? "";
      });
    let tick = 0;
    let ended = 0;
    while (!ended) {
      timed(`${baseUrl}/healthz`, healthz);
      if (tick++ % (PROGRESS_EVERY_MS / HEALTHZ_EVERY_MS) === 0) pollProgress();
      await sleep(HEALTHZ_EVERY_MS);
      if (phase === "done" || phase === "failed") ended = performance.now();
    }
    await Promise.allSettled([...inFlight]);
    if (status !== "committed") throw new Error(`bench import ended ${phase}: ${status}`);
    return {
      rows,
      importSeconds: Math.round((ended - started) / 100) / 10,
      status,
      healthz: summary(healthz),
      progressPage: summary(progress),
      intervalMs: HEALTHZ_EVERY_MS,
      failedRequests: failures.length,
      firstFailure: failures[0] ?? null,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
