import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../db/client";
import { compileStats } from "../../app/content/compile.server";
import { syncContent } from "../../app/content/sync.server";
import { generateAcademy } from "../../tests/support/academy";

export interface ContentBuildResult {
  lessons: number;
  coldMs: number;
  warmMs: number;
  coldCompiled: number;
  warmCompiled: number;
}

/** Cold build (empty cache) then warm build (same cache) of a generated academy into a fresh database. */
export async function benchContentBuild(lessonCount = 300): Promise<ContentBuildResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-bench-content-"));
  const contentDir = path.join(tmp, "content");
  const cacheDir = path.join(tmp, "cache");
  generateAcademy(contentDir, lessonCount / 10, 10);
  const handle = await createDb({ kind: "pglite" });
  await handle.migrate();
  try {
    const before = compileStats.compiled;
    let t = performance.now();
    const cold = await syncContent(handle.db, { contentDir, cacheDir });
    const coldMs = performance.now() - t;
    if (cold.problems.length) throw new Error(JSON.stringify(cold.problems.slice(0, 3)));
    const coldCompiled = compileStats.compiled - before;
    t = performance.now();
    await syncContent(handle.db, { contentDir, cacheDir });
    const warmMs = performance.now() - t;
    const warmCompiled = compileStats.compiled - before - coldCompiled;
    return {
      lessons: cold.lessons,
      coldMs: Math.round(coldMs),
      warmMs: Math.round(warmMs),
      coldCompiled,
      warmCompiled,
    };
  } finally {
    await handle.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
