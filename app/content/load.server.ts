import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import type { z } from "zod";
import { CourseFrontmatter, CourseTranslationFrontmatter, LessonFrontmatter, LessonTranslationFrontmatter } from "./frontmatter";
import { canonicalLocale, COURSE_FILE, LESSON_FILE } from "./translations";

export interface TranslationSource<F> {
  file: string; // e.g. content/courses/x/01-intro.de.mdx
  locale: string;
  source: string;
  frontmatter: F;
}
export interface LessonSource {
  file: string; // path relative to repo root, e.g. content/courses/x/01-intro.mdx
  slug: string;
  position: number;
  source: string;
  frontmatter: LessonFrontmatter;
  translations: TranslationSource<LessonTranslationFrontmatter>[];
}
export interface CourseSource {
  dir: string;
  file: string;
  slug: string;
  source: string;
  frontmatter: CourseFrontmatter;
  lessons: LessonSource[];
  translations: TranslationSource<CourseTranslationFrontmatter>[];
}
export interface ContentProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}


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

function schemaProblems(error: z.ZodError, file: string, source: string, problems: ContentProblem[]) {
  for (const issue of error.issues) {
    const keys = (issue as { keys?: string[] }).keys;
    problems.push({ file: rel(file), line: keyLine(source, issue.path[0] ?? keys?.[0]), col: 1, message: `frontmatter ${issue.path.join(".") || keys?.join(", ") || ""}: ${issue.message}` });
  }
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
      schemaProblems(fm.error, courseFile, source, problems);
      continue;
    }
    const lessons: LessonSource[] = [];
    const pending: { name: string; locale: string; lessonFile: string | null }[] = [];
    for (const name of (await fs.readdir(dir)).sort()) {
      if (name === "course.mdx" || !name.endsWith(".mdx")) continue;
      const file = path.join(dir, name);
      const courseTranslation = COURSE_FILE.exec(name);
      const m = LESSON_FILE.exec(name);
      const tag = courseTranslation?.[1] ?? m?.[3];
      if (tag !== undefined) {
        const locale = canonicalLocale(tag);
        if (!locale) problems.push({ file: rel(file), line: 1, col: 1, message: `"${tag}" in the file name is not a BCP 47 language tag (e.g. de, pt-BR)` });
        else if (locale !== tag) problems.push({ file: rel(file), line: 1, col: 1, message: `write the language tag as "${locale}" (rename the file to ${name.replace(`.${tag}.mdx`, `.${locale}.mdx`)})` });
        else pending.push({ name, locale, lessonFile: m ? `${m[1]}-${m[2]}.mdx` : null });
        continue;
      }
      if (!m) {
        problems.push({ file: rel(file), line: 1, col: 1, message: "lesson file name must look like NN-lesson-name.mdx (or NN-lesson-name.<language>.mdx for a translation)" });
        continue;
      }
      const lessonSource = await fs.readFile(file, "utf8");
      const lessonData = parseFrontmatter(lessonSource, file, problems);
      if (!lessonData) continue;
      const lfm = LessonFrontmatter.safeParse(lessonData);
      if (!lfm.success) {
        schemaProblems(lfm.error, file, lessonSource, problems);
        continue;
      }
      lessons.push({ file: rel(file), slug: m[2]!, position: Number(m[1]), source: lessonSource, frontmatter: lfm.data, translations: [] });
    }
    const translations: TranslationSource<CourseTranslationFrontmatter>[] = [];
    for (const t of pending) {
      const file = path.join(dir, t.name);
      const lesson = t.lessonFile ? lessons.find((l) => path.basename(l.file) === t.lessonFile) : null;
      if (t.lessonFile && !lesson) {
        problems.push({ file: rel(file), line: 1, col: 1, message: `translation without a source: ${rel(path.join(dir, t.lessonFile))} does not exist (or has problems of its own); rename or remove the translation` });
        continue;
      }
      if (lesson === undefined) continue;
      if (t.locale === fm.data.locale) {
        problems.push({ file: rel(file), line: 1, col: 1, message: `a translation into the course's own language (${t.locale}): edit the source instead` });
        continue;
      }
      const text = await fs.readFile(file, "utf8");
      const data = parseFrontmatter(text, file, problems);
      if (!data) continue;
      const parsed = (lesson ? LessonTranslationFrontmatter : CourseTranslationFrontmatter).safeParse(data);
      if (!parsed.success) {
        schemaProblems(parsed.error, file, text, problems);
        continue;
      }
      const sourceId = lesson ? lesson.frontmatter.id : fm.data.id;
      if (parsed.data.id !== undefined && parsed.data.id !== sourceId) {
        problems.push({ file: rel(file), line: keyLine(text, "id"), col: 1, message: `a translation keeps its source's id: "${sourceId}", not "${parsed.data.id}" (or leave id out)` });
        continue;
      }
      const entry = { file: rel(file), locale: t.locale, source: text, frontmatter: parsed.data };
      if (lesson) lesson.translations.push(entry as TranslationSource<LessonTranslationFrontmatter>);
      else translations.push(entry as TranslationSource<CourseTranslationFrontmatter>);
    }
    courses.push({ dir: rel(dir), file: rel(courseFile), slug: dirName, source, frontmatter: fm.data, lessons, translations });
  }
  return { courses, problems };
}
