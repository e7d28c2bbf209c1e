import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../db/client";
import { compileStats } from "../../app/content/compile.server";
import { syncContent } from "../../app/content/sync.server";

/** Generates an academy of `courses × lessonsPerCourse` lessons with tables, code, callouts and lists. */
export function generateAcademy(dir: string, courses: number, lessonsPerCourse: number) {
  const stages = ["onboarding", "adoption", "expansion"];
  for (let c = 0; c < courses; c++) {
    const cdir = path.join(dir, "courses", `bench-course-${c}`);
    fs.mkdirSync(cdir, { recursive: true });
    fs.writeFileSync(path.join(cdir, "course.mdx"), `---\nid: bench-course-${c}\ntitle: Benchmark course ${c}\nsummary: Generated course number ${c} for the content build benchmark.\nstage: ${stages[c % 3]}\nfeatures: [dashboards]\nestimatedMinutes: 30\n---\n\nOverview of course ${c}.\n`);
    for (let l = 0; l < lessonsPerCourse; l++) {
      const n = String(l + 1).padStart(2, "0");
      fs.writeFileSync(path.join(cdir, `${n}-lesson-${l}.mdx`), `---\nid: bench-${c}-${l}\ntitle: Lesson ${l} of course ${c}\nestimatedMinutes: 5\n---\n\n## Goal ${l}\n\nThis lesson explains **step ${l}** of the workflow with a table and some code.\n\n| Column | Meaning |\n| --- | --- |\n| a | first |\n| b | second |\n\n<Callout type="tip">Tip number ${l}.</Callout>\n\n\`\`\`ts\nconst answer: number = ${c * 100 + l};\nconsole.log(answer);\n\`\`\`\n\n- [x] done\n- [ ] todo\n`);
    }
  }
}

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
    return { lessons: cold.lessons, coldMs: Math.round(coldMs), warmMs: Math.round(warmMs), coldCompiled, warmCompiled };
  } finally {
    await handle.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
