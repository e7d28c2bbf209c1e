import path from "node:path";
import { compileMdx } from "./compile.server";
import { loadContent, type ContentProblem } from "./load.server";

/** Validates frontmatter, ids, prerequisites and MDX syntax of every content file. */
export async function checkContent(contentDir: string, opts: { cacheDir: string }): Promise<ContentProblem[]> {
  const { courses, problems } = await loadContent(contentDir);
  const courseIds = new Map<string, string>();
  const lessonIds = new Map<string, string>();
  for (const c of courses) {
    const dup = courseIds.get(c.frontmatter.id);
    if (dup) problems.push({ file: c.file, line: 1, col: 1, message: `duplicate course id "${c.frontmatter.id}" (also in ${dup})` });
    courseIds.set(c.frontmatter.id, c.file);
    for (const l of c.lessons) {
      const dupL = lessonIds.get(l.frontmatter.id);
      if (dupL) problems.push({ file: l.file, line: 1, col: 1, message: `duplicate lesson id "${l.frontmatter.id}" (also in ${dupL})` });
      lessonIds.set(l.frontmatter.id, l.file);
    }
  }
  for (const c of courses) {
    for (const pre of c.frontmatter.prerequisites) {
      if (!courseIds.has(pre)) problems.push({ file: c.file, line: 1, col: 1, message: `unknown prerequisite "${pre}"` });
    }
    for (const file of [{ file: c.file, source: c.source }, ...c.lessons]) {
      try {
        await compileMdx(file.source, { cwd: path.resolve(c.dir), cacheDir: opts.cacheDir });
      } catch (err) {
        problems.push({ file: file.file, line: 1, col: 1, message: `MDX error: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}` });
      }
    }
  }
  return problems;
}
