import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { CourseFrontmatter, LessonFrontmatter } from "./frontmatter";

export interface LessonSource {
  file: string; // path relative to repo root, e.g. content/courses/x/01-intro.mdx
  slug: string;
  position: number;
  source: string;
  frontmatter: LessonFrontmatter;
}
export interface CourseSource {
  dir: string;
  file: string;
  slug: string;
  source: string;
  frontmatter: CourseFrontmatter;
  lessons: LessonSource[];
}
export interface ContentProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}

const LESSON_FILE = /^(\d{2,3})-([a-z0-9-]+)\.mdx$/;

/**
 * gray-matter throws on invalid YAML: turn that into a problem at the YAML error's position.
 * Options are always passed because gray-matter's no-options path caches by file text in a plain
 * object: a file whose whole text is "valueOf" or "constructor" then hits Object.prototype, comes
 * back without data and the course silently vanished (found by the fast-check property test).
 */
function parseFrontmatter(source: string, file: string, problems: ContentProblem[]): Record<string, unknown> | null {
  try {
    const data: unknown = matter(source, { language: "yaml" }).data;
    return data && typeof data === "object" ? (data as Record<string, unknown>) : {};
  } catch (err) {
    const mark = (err as { mark?: { line?: number; column?: number } }).mark;
    const reason = (err as { reason?: string }).reason ?? (err instanceof Error ? err.message.split("\n")[0] : String(err));
    // The YAML starts on line 2 (after the opening ---).
    problems.push({ file: rel(file), line: (mark?.line ?? 0) + 2, col: (mark?.column ?? 0) + 1, message: `frontmatter is not valid YAML: ${reason}` });
    return null;
  }
}

/** Line of a frontmatter key (`key:`) in a content file; the file's first line when unknown or not found. */
export function keyLine(source: string, key: unknown): number {
  if (typeof key !== "string") return 1;
  const i = source.split("\n").findIndex((l, n) => n > 0 && new RegExp(`^${key}\\s*:`).test(l));
  return i >= 0 ? i + 1 : 1;
}

function rel(file: string) {
  return path.relative(process.cwd(), file) || file;
}

/** Reads content/courses/** and validates frontmatter. Problems are returned, never thrown. */
export async function loadContent(contentDir: string): Promise<{ courses: CourseSource[]; problems: ContentProblem[] }> {
  const root = path.join(contentDir, "courses");
  const problems: ContentProblem[] = [];
  const courses: CourseSource[] = [];
  const dirs = (await fs.readdir(root, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const dirName of dirs) {
    const dir = path.join(root, dirName);
    const courseFile = path.join(dir, "course.mdx");
    const source = await fs.readFile(courseFile, "utf8").catch(() => null);
    if (source === null) {
      problems.push({ file: rel(dir), line: 1, col: 1, message: "course folder has no course.mdx" });
      continue;
    }
    const data = parseFrontmatter(source, courseFile, problems);
    if (!data) continue;
    const fm = CourseFrontmatter.safeParse(data);
    if (!fm.success) {
      for (const issue of fm.error.issues) problems.push({ file: rel(courseFile), line: keyLine(source, issue.path[0] ?? (issue as { keys?: string[] }).keys?.[0]), col: 1, message: `frontmatter ${issue.path.join(".") || (issue as { keys?: string[] }).keys?.join(", ") || ""}: ${issue.message}` });
      continue;
    }
    const lessons: LessonSource[] = [];
    for (const name of (await fs.readdir(dir)).sort()) {
      if (name === "course.mdx" || !name.endsWith(".mdx")) continue;
      const m = LESSON_FILE.exec(name);
      const file = path.join(dir, name);
      if (!m) {
        problems.push({ file: rel(file), line: 1, col: 1, message: "lesson file name must look like NN-lesson-name.mdx" });
        continue;
      }
      const lessonSource = await fs.readFile(file, "utf8");
      const lessonData = parseFrontmatter(lessonSource, file, problems);
      if (!lessonData) continue;
      const lfm = LessonFrontmatter.safeParse(lessonData);
      if (!lfm.success) {
        for (const issue of lfm.error.issues) problems.push({ file: rel(file), line: keyLine(lessonSource, issue.path[0] ?? (issue as { keys?: string[] }).keys?.[0]), col: 1, message: `frontmatter ${issue.path.join(".") || (issue as { keys?: string[] }).keys?.join(", ") || ""}: ${issue.message}` });
        continue;
      }
      lessons.push({ file: rel(file), slug: m[2]!, position: Number(m[1]), source: lessonSource, frontmatter: lfm.data });
    }
    courses.push({ dir: rel(dir), file: rel(courseFile), slug: dirName, source, frontmatter: fm.data, lessons });
  }
  return { courses, problems };
}
