import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { load, type LoadResult } from "../lib/load";
import type { CpuPerRequest } from "../lib/cpu";
import { loadInterleaved } from "../lib/interleaved";

export interface LessonPageResult {
  lesson: LoadResult & { cpu: CpuPerRequest | null };
  bare: LoadResult & { cpu: CpuPerRequest | null };
  staticFile: LoadResult;
  html: string;
}

const WARMUP_SECONDS = 3;

/** Lesson page vs bare Remix route (framework ceiling, same slices) vs the same HTML from node:http (static ceiling). */
export async function benchLessonPage(
  baseUrl: string,
  lessonPath: string,
  cookie: string,
  seconds: number,
  serverPgid: number,
): Promise<LessonPageResult> {
  const headers = { cookie };
  const first = await fetch(baseUrl + lessonPath, { headers, redirect: "manual" });
  if (!first.ok) throw new Error(`lesson page answered ${first.status} ${first.headers.get("location") ?? ""}`);
  const html = await first.text();
  fs.mkdirSync("bench/tmp", { recursive: true });
  fs.writeFileSync("bench/tmp/lesson.html", html);
  const staticServer = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    fs.createReadStream("bench/tmp/lesson.html").pipe(res);
  });
  await new Promise<void>((r) => staticServer.listen(0, "127.0.0.1", r));
  const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;
  try {
    // Warm up every target first (JIT, connection pools, caches), so neither the page measured first
    // nor its reference pays for a cold process.
    for (const url of [baseUrl + lessonPath, `${baseUrl}/bench/bare`, staticUrl])
      await load({ url, headers, duration: WARMUP_SECONDS });
    // Lesson page and bare route alternate in slices (lib/interleaved.ts), so drift hits both alike.
    const [lesson, bare] = await loadInterleaved(
      [
        { url: baseUrl + lessonPath, headers },
        { url: `${baseUrl}/bench/bare`, headers },
      ],
      seconds,
      serverPgid,
    );
    const staticFile = await load({ url: staticUrl, duration: seconds });
    return { lesson, bare, staticFile, html };
  } finally {
    staticServer.close();
  }
}
